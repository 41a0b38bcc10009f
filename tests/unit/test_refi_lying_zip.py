"""A QDPX member whose header understates its size is refused without inflating it."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from exports.refi import import_refi
from storage import InputError, Store

PROJECT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="x">'
    '<CodeBook><Codes><Code guid="11111111-2222-3333-4444-555555555555" name="A"'
    ' isCodable="true"/></Codes></CodeBook><Sources>'
    '<TextSource guid="11111111-2222-3333-4444-666666666666" name="a"'
    ' plainTextPath="internal://a.txt"/></Sources></Project>'
)
CLAIMED = 1_000
INFLATED = 1024 * 1024 * 1024
PEAK_LIMIT_MB = 100


def _lying_qdpx(path: Path, member: str) -> Path:
    """A QDPX whose ``member`` inflates to 1 GB while its headers claim 1,000 bytes."""
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name in ("project.qde", "sources/a.txt"):
            with archive.open(name, "w") as handle:
                if name == member:
                    for _ in range(INFLATED // len(chunk)):
                        handle.write(chunk)
                else:
                    handle.write(PROJECT.encode() if name == "project.qde" else b"A: hello\n")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    data = bytearray(path.read_bytes())
    struct.pack_into("<I", data, info.header_offset + 22, CLAIMED)  # local header
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, central + 24, CLAIMED)  # central directory
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(member).file_size == CLAIMED
    return path


# One worker builds both archives (1 GB each to deflate) and runs every test using them.
pytestmark = pytest.mark.xdist_group("lying-zip-archives")


@pytest.fixture(scope="module")
def lying_archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("lying")
    return {
        member: _lying_qdpx(folder / f"lying-{member.replace('/', '-')}.qdpx", member)
        for member in ("project.qde", "sources/a.txt")
    }


@pytest.mark.parametrize("member", ["project.qde", "sources/a.txt"])
def test_member_larger_than_its_header_is_refused(
    store: Store, lying_archives: dict[str, Path], member: str
) -> None:
    store.codes.add("Existing")
    path = lying_archives[member]
    before = (store.info(), store.codes.all(), store.transcripts.layers(), store.coders.all())
    with pytest.raises(InputError) as caught:
        import_refi(store, path)
    message = str(caught.value)
    assert path.name in message and repr(member) in message
    assert "does not match its header" in message
    assert (
        store.info(),
        store.codes.all(),
        store.transcripts.layers(),
        store.coders.all(),
    ) == before


PROBE = textwrap.dedent(
    """
    import json, resource, sys
    from exports.refi import import_refi
    from storage import InputError, Store
    from i18n import translate_error

    store = Store(sys.argv[1])
    try:
        import_refi(store, sys.argv[2])
        message = None
    except InputError as error:
        message = translate_error(error)
    finally:
        store.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"message": message, "peak_mb": peak_kb / 1024}))
    """
)


def test_lying_member_is_refused_in_little_memory(
    tmp_path: Path, lying_archives: dict[str, Path]
) -> None:
    project = tmp_path / "p.suhbat"
    Store.create(project, languages=("ru", "kk", "en")).close()
    before = project.read_bytes()
    # Through a shell that forks the probe: a process started straight from this one keeps
    # this process's peak memory in its ru_maxrss (Linux carries it across exec).
    command = [sys.executable, "-c", PROBE, str(project), str(lying_archives["sources/a.txt"])]
    done = subprocess.run(
        ["sh", "-c", '"$@"; exit $?', "sh", *command],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["message"] and "sources/a.txt" in result["message"]
    assert result["peak_mb"] < PEAK_LIMIT_MB, result
    assert project.read_bytes() == before
