"""REFI-QDA exchange: QDC codebooks and QDPX projects, written and read.

- :func:`write_qdc` / :func:`write_qdpx` export a project (valid against the
  REFI-QDA 1.0 schemas, UTF-8 without BOM, ``\\n`` line ends, code-point offsets);
- :func:`import_refi` brings a QDPX, QDE or QDC file into a project in one
  transaction, leniently (other tools' variants) and safely (no zip-slip, zip
  bombs or XML entities), reporting whatever it could not keep;
- :func:`is_refi_file` tells a REFI-QDA file from a transcript by its content, and
  :func:`imports_as_refi` whether an import reads a file as REFI-QDA (by its name
  for ``.qdpx``, ``.qdc`` and ``.qde``).
"""

from exports.refi.import_context import RefiImportReport
from exports.refi.importer import import_refi
from exports.refi.notices import Notice
from exports.refi.qdc_writer import write_qdc
from exports.refi.qdpx_reader import imports_as_refi, is_refi_file, read_refi
from exports.refi.qdpx_writer import RefiExportReport, write_qdpx

__all__ = [
    "Notice",
    "RefiExportReport",
    "RefiImportReport",
    "import_refi",
    "imports_as_refi",
    "is_refi_file",
    "read_refi",
    "write_qdc",
    "write_qdpx",
]
