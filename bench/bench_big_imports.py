"""Benchmark: importing very big codebooks and participant tables through the CLI.

Usage: ``python bench/bench_big_imports.py [N] [--rounds R] [--dir DIR]`` (default
60000 rows, 2 rounds). Generates three inputs of ``N`` items each:

- ``codes.qdpx``: a REFI-QDA project with one user and ``N`` codes (themes of 50 codes,
  every code with a description);
- ``participants.csv``: ``N`` participants with four attributes (two categories, an
  integer, a text);
- ``codebook.csv``: ``N`` rows ``theme, category, code, description`` (20 themes, 50 codes
  per category),

then runs the CLI import of each into a fresh project, in a fresh process, and prints its
wall time and peak resident memory (``ru_maxrss`` of that process, from ``os.wait4``).
Interleaved with each import runs a *floor*: a fresh Python process that inserts the same
rows into a new SQLite file with the plain ``sqlite3`` module (one transaction, no checks),
so the ratio says how far the import is from the cost of just writing the rows on this
machine at this moment. Prints the load average too (the machine may be shared); it asserts
nothing. Record results with the machine and the date in ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

REPO = Path(__file__).resolve().parents[1]
SUHBAT = Path(sys.executable).with_name("suhbat")
CODES_PER_THEME = 50

# -- inputs ------------------------------------------------------------------------------


def write_qdpx(path: Path, n: int) -> None:
    """A QDPX project with ``n`` codes: themes of 50 codes, each code described."""
    user = str(uuid.uuid4())
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="big" origin="bench">\n'
        f'<Users><User guid="{user}" name="bench"/></Users>\n<CodeBook><Codes>\n'
    ]
    for first in range(0, n, CODES_PER_THEME):
        parts.append(f'<Code guid="{uuid.uuid4()}" name="Тема {first}" isCodable="false">\n')
        for i in range(first + 1, min(first + CODES_PER_THEME, n)):
            name = quoteattr(f"Код {i} «қала»")
            parts.append(
                f'<Code guid="{uuid.uuid4()}" name={name} isCodable="true">'
                f"<Description>Определение кода {i}</Description></Code>\n"
            )
        parts.append("</Code>\n")
    parts.append("</Codes></CodeBook>\n</Project>\n")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", "".join(parts))


def participant_rows(n: int) -> list[list[str]]:
    """Header and ``n`` rows of a participants table."""
    rows = [["participant", "gender", "setting", "age", "occupation"]]
    for i in range(n):
        rows.append(
            [
                f"P{i:06d}",
                "F" if i % 2 else "M",
                ("urban", "rural")[i % 3 == 0],
                str(18 + i % 60),
                f"Профессия {i}",
            ]
        )
    return rows


def codebook_rows(n: int) -> list[list[str]]:
    """Header and ``n`` rows of a codebook table (theme / category / code)."""
    rows = [["theme", "category", "code", "description"]]
    for i in range(n):
        rows.append(
            [
                f"Тема {(i // CODES_PER_THEME) % 20}",
                f"Категория {i // CODES_PER_THEME}",
                f"Код {i}",
                f"Определение {i}",
            ]
        )
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """Write ``rows`` as a UTF-8 CSV file."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


# -- floors: the same rows into plain SQLite ---------------------------------------------

FLOOR_CODES = """
import json, sqlite3, sys, uuid, zipfile
from xml.etree import ElementTree
conn = sqlite3.connect(sys.argv[2])
conn.execute("CREATE TABLE code (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, parent_id INTEGER,"
             " names TEXT, description TEXT, is_codable INTEGER)")
root = ElementTree.fromstring(zipfile.ZipFile(sys.argv[1]).read("project.qde"))
ns = "{urn:QDA-XML:project:1.0}"
with conn:
    def walk(element, parent):
        for code in element.findall(ns + "Code"):
            cur = conn.execute("INSERT INTO code (uuid, parent_id, names, description, is_codable)"
                               " VALUES (?, ?, ?, ?, ?)",
                               (code.get("guid"), parent, json.dumps({"ru": code.get("name")}),
                                code.findtext(ns + "Description") or "",
                                code.get("isCodable") == "true"))
            walk(code, cur.lastrowid)
    walk(root.find(ns + "CodeBook").find(ns + "Codes"), None)
"""

FLOOR_PARTICIPANTS = """
import csv, sqlite3, sys, uuid
conn = sqlite3.connect(sys.argv[2])
conn.execute("CREATE TABLE participant (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE,"
             " code TEXT UNIQUE)")
conn.execute("CREATE TABLE participant_value (participant_id INTEGER, attribute_id INTEGER,"
             " value TEXT, PRIMARY KEY (participant_id, attribute_id)) WITHOUT ROWID")
with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    rows = list(csv.reader(handle))
with conn:
    for row in rows[1:]:
        cur = conn.execute("INSERT INTO participant (uuid, code) VALUES (?, ?)",
                           (str(uuid.uuid4()), row[0]))
        conn.executemany("INSERT INTO participant_value VALUES (?, ?, ?)",
                         [(cur.lastrowid, i, v) for i, v in enumerate(row[1:], 1)])
"""

FLOOR_CODEBOOK = """
import csv, json, sqlite3, sys, uuid
conn = sqlite3.connect(sys.argv[2])
conn.execute("CREATE TABLE code (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, parent_id INTEGER,"
             " names TEXT, description TEXT)")
with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    rows = list(csv.reader(handle))
ids = {}
with conn:
    for row in rows[1:]:
        parent = None
        for depth, name in enumerate(row[:3]):
            key = (parent, name)
            if key not in ids:
                ids[key] = conn.execute(
                    "INSERT INTO code (uuid, parent_id, names, description) VALUES (?, ?, ?, ?)",
                    (str(uuid.uuid4()), parent, json.dumps({"ru": name}),
                     row[3] if depth == 2 else "")).lastrowid
            parent = ids[key]
"""

# -- timing ------------------------------------------------------------------------------


def timed(command: list[str]) -> tuple[float, float]:
    """Run ``command`` in a fresh process: (wall seconds, peak resident MB); fail loudly."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO, text=True
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    errors = process.stderr.read() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors}")
    return seconds, usage.ru_maxrss / 1024


def fresh_project(folder: Path, name: str) -> Path:
    """A new, empty project file."""
    path = folder / f"{name}.suhbat"
    for suffix in ("", "-wal", "-shm", "-lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    subprocess.run([str(SUHBAT), "init", str(path)], check=True, stdout=subprocess.DEVNULL)
    return path


def main() -> None:
    """Generate the inputs, run the imports and floors alternately, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=60_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="suhbat-big-"))
    folder.mkdir(parents=True, exist_ok=True)
    qdpx = folder / "codes.qdpx"
    participants = folder / "participants.csv"
    codebook = folder / "codebook.csv"
    write_qdpx(qdpx, args.n)
    write_csv(participants, participant_rows(args.n))
    write_csv(codebook, codebook_rows(args.n))
    cases = {
        "QDPX codes": ([str(SUHBAT), "import", "{project}", str(qdpx)], FLOOR_CODES, qdpx),
        "participants CSV": (
            [str(SUHBAT), "table", "import", "{project}", "participants", str(participants)],
            FLOOR_PARTICIPANTS,
            participants,
        ),
        "codebook CSV": (
            [str(SUHBAT), "table", "import", "{project}", "codebook", str(codebook)],
            FLOOR_CODEBOOK,
            codebook,
        ),
    }
    print(f"N = {args.n:,}; inputs in {folder}")
    print(
        f"QDPX {qdpx.stat().st_size / 1024:.0f} KB, participants.csv "
        f"{participants.stat().st_size / 1024:.0f} KB, codebook.csv "
        f"{codebook.stat().st_size / 1024:.0f} KB"
    )
    results: dict[str, dict[str, list[tuple[float, float]]]] = {
        name: {"import": [], "floor": []} for name in cases
    }
    loads = []
    for _round in range(args.rounds):
        for name, (command, floor, source) in cases.items():
            loads.append(os.getloadavg()[0])
            floor_db = folder / "floor.sqlite"
            floor_db.unlink(missing_ok=True)
            results[name]["floor"].append(
                timed([sys.executable, "-c", floor, str(source), str(floor_db)])
            )
            project = fresh_project(folder, "big")
            run = [str(project) if part == "{project}" else part for part in command]
            results[name]["import"].append(timed(run))
    print(f"load average during the runs: {min(loads):.1f}–{max(loads):.1f}")
    print(
        f"{'import':<18} {'seconds':>8} {'peak MB':>8} {'floor s':>8} {'floor MB':>9} {'ratio':>6}"
    )
    for name, runs in results.items():
        seconds = statistics.median(s for s, _ in runs["import"])
        memory = max(m for _, m in runs["import"])
        floor_seconds = statistics.median(s for s, _ in runs["floor"])
        floor_memory = max(m for _, m in runs["floor"])
        print(
            f"{name:<18} {seconds:8.2f} {memory:8.0f} {floor_seconds:8.2f} {floor_memory:9.0f}"
            f" {seconds / floor_seconds:6.1f}"
        )


if __name__ == "__main__":
    main()
