"""requirements-lock.txt agrees with pyproject.toml: every declared requirement is pinned, with
hashes, at a version its range allows (`make lock` refreshes the lock when this fails)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "requirements-lock.txt"
HOW_TO_FIX = "requirements-lock.txt is out of date with pyproject.toml: run `make lock`"


def _declared() -> list[Requirement]:
    """Runtime, optional and build requirements of pyproject.toml (not our own extras)."""
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    texts = list(data["project"]["dependencies"])
    for extra in data["project"]["optional-dependencies"].values():
        texts.extend(extra)
    texts.extend(data["build-system"]["requires"])
    return [r for r in map(Requirement, texts) if canonicalize_name(r.name) != "suhbat"]


def _locked() -> dict[str, list[tuple[Version, Marker | None, int]]]:
    """Every pin of the lock: name -> [(version, marker, number of hashes)]."""
    pins: dict[str, list[tuple[Version, Marker | None, int]]] = {}
    entry: list[str] = []
    for line in [*LOCK.read_text(encoding="utf-8").splitlines(), ""]:
        stripped = line.strip()
        if stripped.startswith("#") or not stripped:
            if entry:
                _add_pin(pins, " ".join(entry))
                entry = []
            continue
        entry.append(stripped.rstrip("\\").strip())
    return pins


def _add_pin(pins: dict[str, list[tuple[Version, Marker | None, int]]], entry: str) -> None:
    words = entry.split()
    hashes = sum(1 for w in words if w.startswith("--hash=sha256:"))
    requirement = Requirement(" ".join(w for w in words if not w.startswith("--hash=")))
    (specifier,) = requirement.specifier
    assert specifier.operator == "==", f"{entry}: the lock pins exact versions"
    name = canonicalize_name(requirement.name)
    pins.setdefault(name, []).append((Version(specifier.version), requirement.marker, hashes))


def test_every_pin_has_hashes() -> None:
    pins = _locked()
    assert len(pins) > 20
    unhashed = [name for name, found in pins.items() if any(n == 0 for *_, n in found)]
    assert not unhashed, f"pins without hashes: {unhashed}"


@pytest.mark.parametrize("requirement", _declared(), ids=str)
def test_declared_requirement_is_locked_within_its_range(requirement: Requirement) -> None:
    pins = _locked().get(canonicalize_name(requirement.name))
    assert pins, f"{HOW_TO_FIX} ({requirement.name} is not in the lock)"
    for version, marker, _ in pins:
        if marker is None or marker.evaluate():
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{HOW_TO_FIX} ({requirement} but the lock has {version})"
            )


def test_the_check_sees_a_pin_outside_its_range() -> None:
    """The comparison above is not vacuous: a pin outside a range is told apart."""
    assert not Requirement("babel>=2.14,<2.19").specifier.contains(Version("2.19.0"))
    assert Requirement("textual==8.2.8").specifier.contains(Version("8.2.8"))
