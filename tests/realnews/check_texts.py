"""Which texts of the real-news corpus are in tests/realnews/texts/, and whether each is the text
the gold was written for (its sha256 in manifest.tsv).

    python tests/realnews/check_texts.py          # a line per missing or changed text; exit 1 if any
    python tests/realnews/check_texts.py --quiet  # only the counts

The texts are third-party articles and are never committed: see README.md for how to put them
in the ignored texts/ folder.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.tsv"
TEXTS = HERE / "texts"


def manifest_rows(path: Path = MANIFEST) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def text_states(rows: list[dict[str, str]], texts: Path = TEXTS) -> dict[str, str]:
    """id -> "ok", "missing" or "changed" (the file's sha256 differs from the manifest's)."""
    states = {}
    for row in rows:
        path = texts / f"{row['id']}.txt"
        if not path.is_file():
            states[row["id"]] = "missing"
        elif hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
            states[row["id"]] = "changed"
        else:
            states[row["id"]] = "ok"
    return states


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print only the counts")
    args = parser.parse_args(argv)
    rows = manifest_rows()
    states = text_states(rows)
    if not args.quiet:
        for row in rows:
            if states[row["id"]] != "ok":
                print(f"{states[row['id']]}\t{row['id']}\t{row['url']}")
    counts = {state: sum(1 for s in states.values() if s == state) for state in ("ok", "missing", "changed")}
    summary = f"{counts['ok']} of {len(rows)} texts present and unchanged"
    print(f"{summary}; {counts['missing']} missing, {counts['changed']} changed", file=sys.stderr)
    return 0 if counts["ok"] == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
