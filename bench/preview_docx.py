"""Render every kind of Word export of the demo project to PDF and PNG, to look at.

For each document language (en, ru, kk) the demo project is exported as: a
transcript with codings as comments, a bilingual transcript table, a transcript
with highlighted codes, the codebook and the study report. When LibreOffice
(``soffice``) is installed each DOCX is converted to PDF, and with poppler's
``pdftoppm`` each PDF page to a PNG, so a person can check the page layout
(column widths, headers and footers, landscape pages, the table of contents).
Without them the DOCX files are still written and the script says what is
missing. Not part of ``make test``.

    .venv/bin/python bench/preview_docx.py [--dir DIR] [--languages en,ru,kk]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exports.demo import build_demo
from exports.docx_codebook import CodebookDocxOptions, write_codebook_docx
from exports.docx_report import ReportOptions, write_report_docx
from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx
from storage import Store

LANGUAGES = ("en", "ru", "kk")


def export_all(store: Store, out: Path, language: str) -> list[Path]:
    """Write every kind of DOCX export of ``store`` in ``language`` under ``out``."""
    first = store.transcripts.all()[0].id
    layers = tuple(la.language for la in store.transcripts.layers(first))
    written: list[Path] = []
    kinds = {
        "transcript-comments": TranscriptDocxOptions(language=language, layers=layers[:1]),
        "transcript-table": TranscriptDocxOptions(language=language),
        "transcript-highlight": TranscriptDocxOptions(language=language, codes_as="highlight"),
    }
    for name, options in kinds.items():
        written += write_transcripts_docx(store, out / f"{name}-{language}.docx", [first], options)
    written.append(
        write_codebook_docx(
            store, out / f"codebook-{language}.docx", CodebookDocxOptions(language=language)
        )
    )
    written.append(
        write_report_docx(store, out / f"report-{language}.docx", ReportOptions(language=language))
    )
    return written


def render(docx: Path) -> list[Path]:
    """Convert ``docx`` to PDF with LibreOffice and the PDF's pages to PNGs; return the files."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return []
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx.parent),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    pdf = docx.with_suffix(".pdf")
    files = [pdf]
    if shutil.which("pdftoppm"):
        for stale in docx.parent.glob(docx.stem + "-*.png"):
            stale.unlink()
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(docx.with_suffix(""))],
            check=True,
            timeout=300,
        )
        files += sorted(docx.parent.glob(docx.stem + "-*.png"))
    return files


def main() -> int:
    """Export, render and list the files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("build/preview"))
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    args = parser.parse_args()
    out: Path = args.dir
    out.mkdir(parents=True, exist_ok=True)
    project = out / "demo.suhbat"
    for stale in out.glob("demo.suhbat*"):
        stale.unlink()
    store = build_demo(project)
    try:
        documents = [
            path for lang in args.languages.split(",") for path in export_all(store, out, lang)
        ]
    finally:
        store.close()
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        print(f"{len(documents)} DOCX files in {out}.")
        print("LibreOffice (soffice) is not installed: no PDF or PNG previews were made.")
        return 0
    if not shutil.which("pdftoppm"):
        print("pdftoppm (poppler-utils) is not installed: PDFs only, no PNG pages.")
    for docx in documents:
        files = render(docx)
        pages = sum(1 for f in files if f.suffix == ".png")
        print(f"{docx.name}: {files[0].name}" + (f", {pages} PNG pages" if pages else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
