"""Decide whether a file's bytes are text, and decode and repair them.

Binary files are recognised by their magic numbers (filetype) or by NUL and control bytes;
text is decoded as UTF-8 (with or without BOM), UTF-16/32 (with or without BOM), or the legacy
encoding charset-normalizer finds; mojibake ("CafÃ©") is repaired with ftfy.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Any

import charset_normalizer
import filetype
import ftfy

from pipeline.errors import InputError
from pipeline.statuses import Reason

__all__ = ["DecodedText", "decode_bytes", "describe_binary", "readable_line_by_line"]

_SNIFF_BYTES = 65_536
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control bytes that never occur in text (tab, line feed, form feed, carriage return and
# escape do).
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_MAX_CONTROL_SHARE = 0.05
# Single-byte code pages often tie; English-language web text is most often Windows-1252.
_LEGACY_DEFAULT = "cp1252"
# Only the fixes that undo a wrong decoding: quotes, ligatures, widths and line breaks are
# the author's, and stay as written.
_REPAIRS = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    normalization=None,
    explain=True,
)


@dataclass(frozen=True)
class DecodedText:
    """A file's text, the encoding it was read with, and the repairs made to it (ftfy step names)."""

    text: str
    encoding: str
    repairs: tuple[str, ...] = ()  # ftfy's steps, e.g. ("encode sloppy-windows-1252", "decode utf-8")
    replaced_bytes: int = 0  # invalid UTF-8 bytes replaced by U+FFFD

    def notes(self) -> dict[str, Any]:
        """What the document metadata says about the decoding (empty for clean UTF-8)."""
        notes: dict[str, Any] = {}
        if self.encoding != "utf-8":
            notes["encoding"] = self.encoding
        if self.replaced_bytes:
            notes["invalid_bytes_replaced"] = self.replaced_bytes
        if self.repairs:
            notes["text_repairs"] = list(self.repairs)
        return notes


def describe_binary(data: bytes) -> str | None:
    """What kind of binary file `data` is ("a PDF document (application/pdf)"), or None for text."""
    sample = data[:_SNIFF_BYTES]
    if _bom_encoding(sample):
        return None
    kind = filetype.guess(sample)
    if kind is not None:
        return f"a {kind.extension.upper()} file ({kind.mime})"
    if b"\x00" in sample:
        return None if _utf16_without_bom(sample) else "binary data (NUL bytes)"
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        return f"binary data ({controls} control bytes in the first {len(sample)})"
    return None


def readable_line_by_line(head: bytes) -> bool:
    """Whether a file that starts with `head` can be decoded one line at a time: text that is
    not blank, not binary, and (past an optional UTF-8 byte-order mark) not UTF-16 or UTF-32."""
    return (
        bool(head.strip())
        and describe_binary(head) is None
        and b"\x00" not in head
        and _bom_encoding(head) in (None, "utf-8")
    )


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a text file's bytes and repair mojibake; raises InputError (failed_decode) if impossible."""
    encoding = _bom_encoding(data)
    replaced = 0
    if encoding:
        bom = next(b for b, name in _BOMS if name == encoding)
        text = _strict_decode(data[len(bom) :], encoding, "with a byte-order mark")
    elif b"\x00" in data[:_SNIFF_BYTES] and (encoding := _utf16_without_bom(data[:_SNIFF_BYTES])):
        text = _strict_decode(data, encoding, "without a byte-order mark")
    else:
        text, encoding, replaced = _decode_utf8_or_legacy(data)
    fixed = ftfy.fix_and_explain(text, _REPAIRS)
    repairs = tuple(dict.fromkeys(f"{action} {step}" for action, step in fixed.explanation or ()))
    return DecodedText(fixed.text, encoding, repairs, replaced)


def _bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def _utf16_without_bom(sample: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when NUL bytes fall on one parity only, as in mostly-Latin UTF-16."""
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.5 and even_nul < 0.05:
        candidate = "utf-16-le"
    elif even_nul > 0.5 and odd_nul < 0.05:
        candidate = "utf-16-be"
    else:
        return None
    try:
        sample[: len(sample) // 2 * 2].decode(candidate)
    except UnicodeDecodeError:
        return None
    return candidate


def _strict_decode(data: bytes, encoding: str, how: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError.because(Reason.INVALID_BYTES, encoding=encoding.upper(), how=how, position=e.start) from e


def _decode_utf8_or_legacy(data: bytes) -> tuple[str, str, int]:
    """UTF-8 if valid, or if mostly valid (stray bytes replaced); else charset-normalizer's guess."""
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 0x7F and ch != "\ufffd")
    if multibyte >= replaced:
        # Real UTF-8 sequences outnumber the invalid bytes: a UTF-8 file with a few stray
        # bytes, not a legacy code page.
        return lenient, "utf-8", replaced
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError.because(Reason.UNKNOWN_ENCODING)
    tied = (m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence))
    chosen = next((m for m in tied if _LEGACY_DEFAULT in m.could_be_from_charset), best)
    encoding = _LEGACY_DEFAULT if _LEGACY_DEFAULT in chosen.could_be_from_charset else chosen.encoding
    return str(chosen) if encoding == chosen.encoding else data.decode(encoding), encoding, 0
