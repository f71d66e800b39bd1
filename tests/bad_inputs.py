"""A folder of the bad input analysts meet in folders they did not curate, and what each must become.

`write_bad_inputs(folder)` writes the files and returns, for every documents-table id they
produce, the status it must get and a fragment its reason (or metadata) must contain. The
readers tests check each case; the run tests push the whole folder through `extract`.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

ARTICLE = (
    "Springfield and Lyon sign partnership\n\n"
    "Mayor Ann Lee of Springfield and Mayor Paul Roche of Lyon, France, signed a partnership "
    "agreement on 3 May 2022 at the city hall. The cities will cooperate on tourism and education."
)
GERMAN = (
    "Die Bürgermeisterin von Freiburg und der Bürgermeister von Besançon haben am Montag im "
    "Rathaus eine Vereinbarung über die Zusammenarbeit in den Bereichen Bildung, Kultur und "
    "Tourismus unterzeichnet. Die beiden Städte sind seit vielen Jahren eng befreundet."
)
FRENCH = (
    "Le maire de Besançon et la maire de Fribourg ont signé lundi à l'hôtel de ville un accord "
    "de coopération dans les domaines de l'éducation, de la culture et du tourisme. Les deux "
    "villes entretiennent des liens d'amitié depuis de nombreuses années."
)


@dataclass(frozen=True)
class Expected:
    status: str
    fragment: str  # in the reason for skipped/failed documents, in the metadata JSON otherwise


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", ARTICLE)
    return buffer.getvalue()


def _one_line_of_a_megabyte() -> bytes:
    """The article, then server-log sentences, on one line of just over 1 MiB (no line break)."""
    log = "".join(
        f"Log entry {i}: the server answered the request in {i % 97} milliseconds and the queue held {i % 13} items. "
        for i in range(11_500)
    )
    line = (ARTICLE.replace("\n", " ") + " " + log).encode()
    assert len(line) > 2**20 and b"\n" not in line
    return line


def write_bad_inputs(folder: Path) -> dict[str, Expected]:
    """Write every bad-input case under `folder`; returns {document id: Expected}.

    Each readable case names a different partner city, so that only the two copies are duplicates.
    """
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "whitespace.txt": b"  \n\t \r\n  ",
        "report.pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        "archive.txt": _zip_bytes(),
        "nul-filled.txt": bytes(4096),
        "invalid-utf8.txt": ARTICLE.replace("Roche", "Rôche").replace("Lyon", "Besançon").encode("utf-8")
        + b"\nContact: \xff\xfe desk",
        "latin-1.txt": ARTICLE.replace("Lyon", "Nîmes").encode("latin-1"),
        "windows-1252.txt": ARTICLE.replace("signed", "“signed”").encode("cp1252"),
        "utf-16-bom.txt": ARTICLE.replace("Lyon", "Toulouse").encode("utf-16"),
        "utf-16-le-no-bom.txt": ARTICLE.replace("Lyon", "Lille").encode("utf-16-le"),
        "utf-16-be-no-bom.txt": ARTICLE.replace("Lyon", "Rennes").encode("utf-16-be"),
        "mojibake.txt": ARTICLE.replace("Lyon", "Besançon").encode("utf-8").decode("cp1252").encode("utf-8"),
        "one-long-line.txt": _one_line_of_a_megabyte(),
        "scripts-only.html": (
            b"<html><head><style>body{color:red}</style><script>var a = 1;</script></head>"
            b"<body><script>document.write('x')</script><nav><a href='/'>Home</a></nav></body></html>"
        ),
        "malformed.json": b'{"id": "m1", "text": "Mayor signs',
        "lines.jsonl": (
            json.dumps({"id": "good-1", "text": ARTICLE})
            + "\n"
            + '{"id": "bad", "text": \n'
            + json.dumps({"id": "no-text", "title": "A title"})
            + "\n"
            + json.dumps({"id": "text-not-string", "text": ["a", "list"]})
            + "\n"
            + json.dumps({"id": "good-2", "text": ARTICLE.replace("Lyon", "Kyoto").replace("France", "Japan")})
            + "\n"
        ).encode(),
        "german.txt": GERMAN.encode(),
        "french.txt": FRENCH.encode(),
        "copy one.txt": ARTICLE.replace("Lyon", "Nantes").encode(),
        "copy two – Zürich.txt": ARTICLE.replace("Lyon", "Nantes").encode(),
        "names with spaces/Ünïcödé name ✓.txt": ARTICLE.replace("Lyon", "Turin").replace("France", "Italy").encode(),
    }
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    os.symlink(folder / "gone.txt", folder / "broken-link.txt")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    os.symlink(folder, folder / "folder-loop")

    return {
        "empty.txt": Expected("skipped_empty", "file is empty"),
        "whitespace.txt": Expected("skipped_empty", "only whitespace"),
        "report.pdf.txt": Expected("skipped_binary", "PDF"),
        "photo.txt": Expected("skipped_binary", "PNG"),
        "archive.txt": Expected("skipped_binary", "ZIP"),
        "nul-filled.txt": Expected("skipped_binary", "NUL bytes"),
        "invalid-utf8.txt": Expected("ok", '"invalid_bytes_replaced": 2'),
        "latin-1.txt": Expected("ok", '"encoding": "cp1252"'),
        "windows-1252.txt": Expected("ok", '"encoding": "cp1252"'),
        "utf-16-bom.txt": Expected("ok", '"encoding": "utf-16-le"'),
        "utf-16-le-no-bom.txt": Expected("ok", '"encoding": "utf-16-le"'),
        "utf-16-be-no-bom.txt": Expected("ok", '"encoding": "utf-16-be"'),
        "mojibake.txt": Expected("ok", 'decode utf-8"]'),
        "one-long-line.txt": Expected("ok", "{}"),
        "scripts-only.html": Expected("skipped_empty", "HTML page has no main text"),
        "malformed.json": Expected("failed", "invalid JSON"),
        "good-1": Expected("ok", "{}"),
        "lines.jsonl:2": Expected("failed", "line 2: "),
        "no-text": Expected("failed", "line 3: article record has no 'text' field"),
        "text-not-string": Expected("failed", "line 4: article 'text' is a list, not a string"),
        "good-2": Expected("ok", "{}"),
        "german.txt": Expected("skipped_language", "language 'de'"),
        "french.txt": Expected("skipped_language", "language 'fr'"),
        "copy one.txt": Expected("ok", "{}"),
        "copy two – Zürich.txt": Expected("duplicate", "same text as document 'copy one.txt'"),
        "names with spaces/Ünïcödé name ✓.txt": Expected("ok", "{}"),
        "broken-link.txt": Expected("failed", "broken symbolic link"),
        "loop-a.txt": Expected("failed", "symbolic link loop"),
        "loop-b.txt": Expected("failed", "symbolic link loop"),
        "folder-loop": Expected("failed", "symbolic link loop"),
    }
