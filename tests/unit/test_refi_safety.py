"""Unsafe REFI-QDA files are refused with a clear message, and nothing is written."""

from __future__ import annotations

import gc
import stat
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from exports.refi import import_refi, is_refi_file, safe_zip
from storage import InputError, Store

PROJECT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="x">'
    '<CodeBook><Codes><Code guid="11111111-2222-3333-4444-555555555555" name="A"'
    ' isCodable="true"/></Codes></CodeBook></Project>'
)
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
    '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
    '<Code guid="11111111-2222-3333-4444-555555555555" name="&lol2;"'
    ' isCodable="true"/></Codes></CodeBook>'
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="&secret;"/>'
)


def _snapshot(store: Store) -> tuple[object, ...]:
    return (store.info(), [c.uuid for c in store.codes.all()], [c.uuid for c in store.coders.all()])


@pytest.fixture
def project(store: Store) -> Store:
    store.codes.add("Existing")
    store.coders.get("aigerim")
    return store


def _qdpx(path: Path, members: dict[str, bytes | str], *, link: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            entry = zipfile.ZipInfo(name)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if name == link:
                entry.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(entry, data)
    return path


def _mark_encrypted(path: Path) -> Path:
    """Set the "encrypted" flag of every member (zipfile cannot write it)."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 0x1
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def _refused(store: Store, path: Path, words: str) -> None:
    before = _snapshot(store)
    with pytest.raises(InputError) as caught:
        import_refi(store, path)
    assert words in str(caught.value)
    assert path.name in str(caught.value)
    assert _snapshot(store) == before


@pytest.mark.parametrize(
    "member", ["../evil.txt", "/etc/evil.txt", "sources/../../evil.txt", "C:\\evil.txt"]
)
def test_zip_slip_is_refused(project: Store, tmp_path: Path, member: str) -> None:
    path = _qdpx(tmp_path / "slip.qdpx", {"project.qde": PROJECT, member: "x"})
    _refused(project, path, "outside the archive")


def test_billion_laughs_is_refused(project: Store, tmp_path: Path) -> None:
    bare = tmp_path / "laughs.qdc"
    assert is_refi_file(bare.with_suffix(".none")) is False
    bare.write_text(LAUGHS, encoding="utf-8")
    assert is_refi_file(bare)  # so that `suhbat import` sends it here, to be refused
    _refused(project, bare, "entities are not allowed")
    inside = _qdpx(tmp_path / "laughs.qdpx", {"project.qde": LAUGHS.replace("CodeBook", "Project")})
    _refused(project, inside, "entities are not allowed")


def test_external_entities_are_refused(project: Store, tmp_path: Path) -> None:
    path = _qdpx(tmp_path / "xxe.qdpx", {"project.qde": EXTERNAL})
    _refused(project, path, "DOCTYPE")


def test_utf16_doctype_is_refused_too(project: Store, tmp_path: Path) -> None:
    path = tmp_path / "utf16.qdc"
    path.write_bytes(LAUGHS.replace('<?xml version="1.0"?>\n', "").encode("utf-16"))
    _refused(project, path, "entities are not allowed")


def test_zip_bomb_is_refused(project: Store, tmp_path: Path) -> None:
    path = _qdpx(
        tmp_path / "bomb.qdpx", {"project.qde": PROJECT, "sources/a.txt": b"0" * 20_000_000}
    )
    _refused(project, path, "zip bomb")


def test_oversized_members_are_refused(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_zip, "MAX_MEMBER_BYTES", 100)
    path = _qdpx(tmp_path / "big.qdpx", {"project.qde": PROJECT})
    _refused(project, path, "too large")


def test_too_many_members_are_refused(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_zip, "MAX_MEMBERS", 3)
    members: dict[str, bytes | str] = {"project.qde": PROJECT}
    members.update({f"sources/{i}.txt": "x" for i in range(5)})
    _refused(project, _qdpx(tmp_path / "many.qdpx", members), "members")


def test_encrypted_and_linked_members_are_refused(project: Store, tmp_path: Path) -> None:
    encrypted = _mark_encrypted(_qdpx(tmp_path / "locked.qdpx", {"project.qde": PROJECT}))
    _refused(project, encrypted, "encrypted")
    link = _qdpx(
        tmp_path / "link.qdpx",
        {"project.qde": PROJECT, "sources/a.txt": "/etc/passwd"},
        link="sources/a.txt",
    )
    _refused(project, link, "symbolic link")


def test_malformed_xml_names_the_line(project: Store, tmp_path: Path) -> None:
    path = _qdpx(tmp_path / "broken.qdpx", {"project.qde": PROJECT.replace("</Project>", "\n<")})
    before = _snapshot(project)
    with pytest.raises(InputError) as caught:
        import_refi(project, path)
    assert "not well-formed" in str(caught.value) and caught.value.line == 3
    assert _snapshot(project) == before
    assert gc.isenabled()  # paused during the import, back on after a failure too


def test_files_that_are_not_refi_qda(project: Store, tmp_path: Path, fixtures_dir: Path) -> None:
    _refused(project, fixtures_dir / "interview_03.ru.docx", "no project.qde")
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    _refused(project, broken, "not a REFI-QDA project (not a zip archive)")


def test_source_paths_cannot_reach_outside_the_project(project: Store, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    folder = tmp_path / "export"
    (folder / "sources").mkdir(parents=True)
    qde = folder / "project.qde"
    qde.write_text(
        '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'
        '<TextSource guid="11111111-2222-3333-4444-555555555555" name="a"'
        ' plainTextPath="internal://../secret.txt"/>'
        '<TextSource guid="11111111-2222-3333-4444-555555555556" name="b"'
        f' plainTextPath="absolute://{tmp_path / "secret.txt"}"/>'
        "</Sources></Project>",
        encoding="utf-8",
    )
    zipped = _qdpx(
        tmp_path / "slip-path.qdpx",
        {"project.qde": qde.read_text(encoding="utf-8")},
    )
    for path in (qde, zipped):
        report = import_refi(project, path)
        assert all("secret" not in layer.text for layer in project.transcripts.layers())
        assert sum("not imported" in w.text() for w in report.warnings) == 2


def _corrupt_member(path: Path, member: str) -> Path:
    """Overwrite the middle of ``member``'s deflated bytes so that inflating it fails."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    data = bytearray(path.read_bytes())
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    for at in range(start + 2, start + min(info.compress_size - 2, 64)):
        data[at] ^= 0xA5
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("member", ["project.qde", "sources/a.txt"])
def test_corrupted_compressed_member_is_refused(
    project: Store, tmp_path: Path, member: str
) -> None:
    qde = PROJECT.replace(
        "</CodeBook>",
        '</CodeBook><Sources><TextSource guid="11111111-2222-3333-4444-666666666666"'
        ' name="a" plainTextPath="internal://a.txt"/></Sources>',
    )
    text = "".join(f"Speaker {i}: a line of the interview, number {i}.\n" for i in range(200))
    path = _corrupt_member(
        _qdpx(tmp_path / "corrupt.qdpx", {"project.qde": qde, "sources/a.txt": text}), member
    )
    with zipfile.ZipFile(path) as archive, pytest.raises(zlib.error):
        archive.read(member)  # the damage this test is about: deflate, not the CRC, fails
    _refused(project, path, f"cannot read '{member}' from the archive")
