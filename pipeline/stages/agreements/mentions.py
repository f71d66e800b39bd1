"""Agreement mentions: where the text names an instrument (models/agreement_terms.jsonl), and
the instrument's name as written.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.resources.loader import RuleSet
from pipeline.stages.agreements.findings import Mention
from pipeline.stages.doc_cache import doc_ents, doc_text


def find_mentions(doc: Doc, rules: RuleSet) -> list[Mention]:
    """Agreement mentions, specific terms first; a generic head next to a specific term joins it."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    org_spans = [(e.start_char, e.end_char) for e in doc_ents(doc) if e.label_ in ("ORG", "PERSON", "FAC")]
    for term in rules.agreement_terms:
        for match in term.regex.finditer(doc_text(doc)):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in org_spans):
                continue
            found.append(Mention(start, end, match.group(0), term.type, term.id, term.generic))
            taken.append((start, end))
    found.sort(key=lambda m: m.start)
    return _merge_adjacent(doc, found)


# Instruments that keep their type when they establish sister-city relations.
_INSTRUMENT_TYPES = frozenset({"memorandum_of_understanding", "letter_of_intent"})


def _merge_adjacent(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'sister city MOU', 'Memorandum of Understanding (MOU)', 'agreement establishing sister-city
    relations': adjacent mentions are one instrument; the more specific type wins."""
    merged: list[Mention] = []
    for mention in mentions:
        if merged:
            prev = merged[-1]
            gap = doc_text(doc)[prev.end : mention.start]
            close = len(gap) <= 3 and not re.search(r"[.;\n]", gap) or re.fullmatch(r"\s*\(\s*", gap)
            establishing = re.fullmatch(
                r"\s+(?:(?:on|for|of)\s+(?:the\s+)?)?"
                r"(?:establishing|establishment\s+of|creating|creation\s+of|on|for|of|to establish|forming)"
                r"\s+(?:the\s+|a\s+)?",
                gap,
            )
            instrument = next((m for m in (prev, mention) if m.type in _INSTRUMENT_TYPES), None)
            if close or (establishing and (prev.generic or instrument is prev) and not mention.generic):
                if instrument is not None and "sister_city_agreement" in (prev.type, mention.type):
                    kind = instrument  # a sister-city MoU is an MoU; "a letter of intent to establish twin cities"
                elif prev.generic and not mention.generic:
                    kind = mention
                else:
                    kind = prev
                end = mention.end
                if re.fullmatch(r"\s*\(\s*", gap) and doc_text(doc)[end : end + 1] == ")":
                    end += 1
                merged[-1] = Mention(
                    prev.start,
                    end,
                    doc_text(doc)[prev.start : end],
                    kind.type,
                    kind.rule,
                    prev.generic and mention.generic,
                )
                continue
        merged.append(mention)
    return merged


def mention_label(doc: Doc, mention: Mention) -> str:
    """The instrument's name as written: title-case words before a mention join it
    ("U.S.-Kazakhstan Air Transport Agreement"), and a title-case complement after it."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return mention.text
    start, end = span.start, span.end
    sent = span.sent
    while start > sent.start:
        tok = doc[start - 1]
        if (
            (tok.is_title or tok.is_upper or tok.text in ("-", "–") or tok.like_num and len(tok.text) == 4)
            and not tok.is_sent_start
            and tok.ent_type_ not in ("PERSON", "DATE")
        ):
            start -= 1
        else:
            break
    if span[0].is_title:
        k = end
        while (
            k + 1 < sent.end
            and doc[k].lower_ in ("of", "on", "concerning", "for", "between", "to")
            and doc[k + 1].is_title
            and doc[k + 1].ent_type_ not in ("DATE", "GPE", "PERSON")
        ):
            k += 1
            while (
                k < sent.end
                and (doc[k].is_title or doc[k].lower_ in ("and", "the", "of"))
                and doc[k].ent_type_ != "PERSON"
            ):
                k += 1
            end = k
    while end > start and doc[end - 1].lower_ in ("and", "the", "of"):
        end -= 1
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return doc[start:end].text


def instrument_name_span(doc: Doc, mention: Mention, label: str) -> tuple[int, int]:
    at = doc_text(doc).rfind(label, 0, mention.end)
    return (at, at + len(label)) if at >= 0 else (mention.start, mention.end)
