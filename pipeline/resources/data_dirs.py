"""Where the project's data folders are: `models/` (rule packs, lexicons, gazetteer tables) and
`schemas/` sit beside the package in a source checkout and inside it in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parents[1]


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE_DIR.parent / name  # missing: the loaders say which file they could not read


MODELS_DIR = _data_dir("models")
SCHEMAS_DIR = _data_dir("schemas")
