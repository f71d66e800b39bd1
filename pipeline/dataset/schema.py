"""The agreement-record JSON Schema, a validator that reports every error, and evidence checks."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from pipeline.errors import ConfigError
from pipeline.resources.data_dirs import SCHEMAS_DIR

if TYPE_CHECKING:
    from jsonschema import FormatChecker, ValidationError

SCHEMA_PATH = SCHEMAS_DIR / "agreement-record.schema.json"
DOCUMENT_SCHEMA_PATH = SCHEMAS_DIR / "document.schema.json"

# Long reprs (a whole record in a type error) would make reject lines unreadable.
_MAX_MESSAGE_CHARS = 500

# Keywords whose values are instance data (a "format" key inside them is no format), and keywords
# whose values map names (which may be any word) to subschemas.
_DATA_KEYWORDS = frozenset({"const", "enum", "default", "examples"})
_NAMED_SUBSCHEMAS = frozenset({"properties", "patternProperties", "dependentSchemas", "$defs", "definitions"})


def load_schema(path: Path | str = SCHEMA_PATH) -> dict[str, Any]:
    """The parsed JSON Schema at `path` (the agreement-record schema by default)."""
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"schema not found: {path}") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"schema {path} is not valid JSON: {exc}") from exc


def json_path(parts: Any) -> str:
    """A JSON path such as ``parties/0/country`` ("<root>" for the whole instance)."""
    text = "/".join(str(p) for p in parts)
    return text or "<root>"


def _path_sort_key(parts: Any) -> tuple:
    # Numeric indexes sort numerically (parties/2 before parties/10), before names at the same depth.
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in parts)


def _shorten(message: str) -> str:
    if len(message) <= _MAX_MESSAGE_CHARS:
        return message
    return message[: _MAX_MESSAGE_CHARS - 1] + "…"


def _inline_local_refs(node: Any, defs: dict[str, Any], seen: frozenset[str] = frozenset()) -> Any:
    """`node` with every bare {"$ref": "#/$defs/<name>"} replaced by that definition.

    A recursive definition is left as a $ref inside itself, so any schema stays valid.
    """
    if isinstance(node, dict):
        ref = node.get("$ref")
        if len(node) == 1 and isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref[len("#/$defs/") :]
            if name in defs and name not in seen:
                return _inline_local_refs(defs[name], defs, seen | {name})
        return {key: _inline_local_refs(value, defs, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_local_refs(value, defs, seen) for value in node]
    return node


def _schema_formats(schema: Any) -> set[str]:
    """Every "format" a JSON Schema uses, e.g. {"date"}."""
    if isinstance(schema, list):
        return set().union(*map(_schema_formats, schema))
    if not isinstance(schema, dict):
        return set()
    found = {schema["format"]} if isinstance(schema.get("format"), str) else set()
    for key, value in schema.items():
        if key in _NAMED_SUBSCHEMAS and isinstance(value, dict):
            found = found.union(*map(_schema_formats, value.values()))
        elif key not in _DATA_KEYWORDS:
            found |= _schema_formats(value)
    return found


def _format_checker(formats: set[str]) -> FormatChecker:
    """A checker asserting exactly `formats`, with jsonschema's Draft 2020-12 checks for them.

    A format jsonschema cannot check here (its checker needs a library that is not installed)
    is an error, not silently skipped.
    """
    from jsonschema import Draft202012Validator, FormatChecker

    available = Draft202012Validator.FORMAT_CHECKER.checkers
    missing = sorted(formats - set(available))
    if missing:
        raise ConfigError(
            f"schema uses format(s) jsonschema cannot check here: {', '.join(missing)} "
            "(install the libraries of jsonschema[format-nongpl])"
        )
    checker = FormatChecker(formats=())
    for name in sorted(formats):
        func, raises = available[name]
        checker.checks(name, raises)(func)
    return checker


class SchemaValidator:
    """Validates instances against a JSON Schema, the agreement-record schema by default
    (formats asserted).

    Build it once and reuse it: the schema is loaded and checked in the constructor.
    """

    def __init__(self, schema: dict[str, Any] | None = None):
        # Imported here: jsonschema is slow to import, and reading a dataset needs only load_schema.
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import SchemaError

        self.schema = load_schema() if schema is None else schema
        try:
            Draft202012Validator.check_schema(self.schema)
        except SchemaError as exc:
            raise ConfigError(f"schema is not a valid JSON Schema: {exc.message}") from exc
        # Resolving $ref through `referencing` costs about a third of validation time; the
        # schema's references are local and acyclic, so inline them once. Same errors, same paths.
        inlined = _inline_local_refs(self.schema, self.schema.get("$defs", {}))
        # Only the formats the schema uses are checked (all of them, strictly).
        checker = _format_checker(_schema_formats(self.schema))
        self._validator = Draft202012Validator(inlined, format_checker=checker)

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        """The raw jsonschema errors, unsorted."""
        return self._validator.iter_errors(instance)

    def errors(self, instance: Any) -> list[str]:
        """Every schema error of `instance`, sorted by JSON path, each as "path: message"."""
        found = sorted(
            self._validator.iter_errors(instance),
            key=lambda e: (_path_sort_key(e.absolute_path), e.message),
        )
        return [_shorten(f"{json_path(e.absolute_path)}: {e.message}") for e in found]

    def is_valid(self, instance: Any) -> bool:
        """True when `instance` has no schema error."""
        return self._validator.is_valid(instance)


@functools.lru_cache(maxsize=1)
def record_validator() -> SchemaValidator:
    """A shared SchemaValidator for the packaged record schema (built on first use)."""
    return SchemaValidator()


@functools.lru_cache(maxsize=1)
def document_validator() -> SchemaValidator:
    """A shared SchemaValidator for the documents-row schema (built on first use)."""
    return SchemaValidator(load_schema(DOCUMENT_SCHEMA_PATH))


def iter_evidence(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, item) for every item of every ``evidence`` list anywhere in `value`."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "evidence" and isinstance(child, list):
                for i, item in enumerate(child):
                    yield (*path, key, i), item
            else:
                yield from iter_evidence(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from iter_evidence(child, (*path, i))


def evidence_errors(record_dict: dict[str, Any], text: str) -> list[str]:
    """One message per evidence item whose span is out of range or differs from text[start:end]."""
    errors: list[str] = []
    for path, item in iter_evidence(record_dict):
        where = json_path(path)
        if not isinstance(item, dict):
            errors.append(f"{where}: evidence item is not an object")
            continue
        start, end, quoted = item.get("start"), item.get("end"), item.get("text")
        # bool is an int subclass; a True offset is a bug, not position 1.
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            errors.append(f"{where}: start/end must be integers, got {start!r}/{end!r}")
            continue
        if not 0 <= start <= end <= len(text):
            errors.append(f"{where}: span [{start}:{end}] is outside the document text (length {len(text)})")
            continue
        actual = text[start:end]
        if actual != quoted:
            errors.append(_shorten(f"{where}: text[{start}:{end}] is {actual!r}, evidence text is {quoted!r}"))
    return errors
