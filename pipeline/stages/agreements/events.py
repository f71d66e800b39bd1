"""Events: sentences where an agreement mention is tied to a status cue (models/status_cues.yaml),
and signing sentences without a mention that continue an event.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from pipeline.dataset.records import Evidence
from pipeline.resources.loader import RuleSet, StatusCue
from pipeline.stages.agreements.clauses import headline_end, within_hops
from pipeline.stages.agreements.findings import Context, Event, Mention
from pipeline.stages.doc_cache import doc_text, tokens_where


class _SentenceWords:
    """The words of a sentence that can carry a status cue, with their lowercase forms and
    lemmas, indexed by form, so that each cue looks up its own words instead of scanning."""

    def __init__(self, doc: Doc, sent: Span, cue_word_ids: list[int]):
        self.sent = sent
        self.text = doc_text(doc)[sent.start_char : sent.end_char]
        first, last = bisect_left(cue_word_ids, sent.start), bisect_left(cue_word_ids, sent.end)
        self.words = [(tok, tok.lower_, tok.lemma_.lower()) for tok in (doc[i] for i in cue_word_ids[first:last])]
        self.positions: dict[str, list[int]] = {}
        for n, (_, low, lemma) in enumerate(self.words):
            self.positions.setdefault(low, []).append(n)
            if lemma != low:
                self.positions.setdefault(lemma, []).append(n)

    def at(self, forms: frozenset[str]) -> list[tuple[Token, str, str]]:
        """The words whose lowercase form or lemma is one of `forms`, in sentence order."""
        found = {n for form in forms for n in self.positions.get(form, ())}
        return [self.words[n] for n in sorted(found)]


def _cue_hits(sentence: _SentenceWords, cue: StatusCue, words: Mapping[str, frozenset[str]]) -> list[Span]:
    """The words of the sentence that carry `cue`: one token for a lemma, the matched words for a
    phrase ("will be signed")."""
    hits = []
    sign_verb = cue.id == "status.sign_verb"
    sign_forms = words["sign_forms"]
    doc = sentence.sent.doc
    for tok, low, lemma in sentence.at(cue.lemmas | sign_forms if sign_verb else cue.lemmas):
        if lemma in cue.lemmas or low in cue.lemmas:
            if sign_verb:
                if tok.i > 0 and doc[tok.i - 1].lower_ in words["sign_noun_determiners"] and low == "sign":
                    continue  # "a sign of", not a signing
                if not (
                    low in sign_forms
                    or tok.pos_ in ("VERB", "AUX")
                    or lemma in cue.lemmas
                    and tok.tag_.startswith("VB")
                ):
                    continue
            hits.append(doc[tok.i : tok.i + 1])
        elif sign_verb and low in sign_forms:
            hits.append(doc[tok.i : tok.i + 1])
    sent = sentence.sent
    for regex in cue.regexes:
        for match in regex.finditer(sentence.text):
            span = doc.char_span(
                sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand"
            )
            if span is not None:
                hits.append(span)
    if cue.status == "renewed":
        # "the 2023 PNG Update", "Renewal Fund": a word of a name renews nothing
        hits = [h for h in hits if h[0].ent_type_ not in _NAME_LABELS]
    return hits


_NAME_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def _linked(cue_tok: Token, mention_span: Span) -> bool:
    """A cue and a mention belong together when one governs the other closely, or they are near."""
    root = mention_span.root
    if within_hops(root, cue_tok, 3) or within_hops(cue_tok, root, 2):
        return True
    if cue_tok.dep_ in ("compound", "amod") and within_hops(root, cue_tok.head, 3):
        return True  # "a signing ceremony for a new telecommunications contract"
    return _gap(cue_tok, mention_span) <= 6


def _acts_on(cue_tok: Token, mention_span: Span) -> bool:
    """Whether a renewing word acts on the instrument: "renewed the MoU", "the MoU was renewed",
    "the renewal of the agreement"; not "the MoU reaffirms support", "reaffirming our commitment
    to the Treaty" or "with this agreement, our commitment extends"."""
    root = mention_span.root
    if root.head == cue_tok:
        return root.dep_ not in ("nsubj", "csubj")
    if cue_tok.head == root:
        return True
    a, b = sorted((cue_tok.i, mention_span.start if cue_tok.i < mention_span.start else mention_span.end - 1))
    between = cue_tok.doc[a + 1 : b]
    return len(between) <= 3 and not any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in between)


def _gap(cue_tok: Token, mention_span: Span) -> int:
    return mention_span.start - cue_tok.i if cue_tok.i < mention_span.start else cue_tok.i - mention_span.end


def _timing(tok: Token, span: Span, timing: list[tuple[StatusCue, Span]]) -> tuple[StatusCue, Span] | None:
    """The planned or renewing cue that applies to a signing cue and its mention: one whose words
    hold the signing word ("will be signed", "re-signing"), or a renewal that acts on the mention
    ("signed the renewed agreement"). Planned wins."""
    for status in ("planned", "renewed"):
        for cue, hit in timing:
            if cue.status == status and (
                hit.start <= tok.i < hit.end or status == "renewed" and _acts_on(hit[0], span)
            ):
                return cue, hit
    return None


def _vetoed(sent: Span, ctx: Context, mentions: list[Mention]) -> StatusCue | None:
    lemmas = {t.lemma_.lower() for t in sent}
    for cue in ctx.rules.status_cues:
        if cue.status != "veto":
            continue
        if cue.unless_lemmas & lemmas:
            continue
        if any(r.search(sent.text) for r in cue.regexes):
            if cue.id == "veto.signed_into_law" and any(not m.generic for m in mentions):
                continue
            return cue
    return None


def _refers_back(doc: Doc, mention: Mention, cue_tok: Token, words: Mapping[str, frozenset[str]]) -> bool:
    """'the contracts they signed with X', 'the agreement signed between X and Y infringes ...':
    the signing is told in a clause that describes an instrument already known."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or cue_tok.dep_ not in ("relcl", "acl") or not (span.start <= cue_tok.head.i < span.end):
        return False
    before = doc_text(doc)[max(0, mention.start - 20) : mention.start].split()
    return bool(before) and before[-1].lower() in words["referring_determiners"]


def find_events(doc: Doc, ctx: Context, mentions: list[Mention]) -> tuple[list[Event], list[Event]]:
    """Sentences reporting a signing (events) and signing sentences with no mention (continuations)."""
    events: list[Event] = []
    continuations: list[Event] = []
    cues = [c for c in ctx.rules.status_cues if c.status != "veto"]
    continuation_cues = [c for c in cues if c.id == "status.sign_verb"]
    needs_verb = {t.id for t in ctx.rules.agreement_terms if t.needs_trigger_verb}
    title_end = headline_end(doc)
    words = ctx.rules.words
    cue_forms = frozenset().union(words["sign_forms"], *(c.lemmas for c in cues))
    cue_word_ids = tokens_where(doc, [LOWER, LEMMA], lambda form: form.lower() in cue_forms)
    lists = _InstrumentLists(ctx.rules.patterns["list_item"], words["document_nouns"])
    for sent in doc.sents:
        in_sent = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
        item = lists.item(sent, in_sent)
        if item is not None:
            events.append(item)
            ctx.log(
                "agreements", sent.text.strip(), True, f"item {item.mention.text!r} of a list of signed instruments"
            )
            continue
        in_title = sent.start_char < title_end
        sentence = _SentenceWords(doc, sent, cue_word_ids)
        # Without a mention, only a signing verb counts (it continues an event): other cues
        # are not looked for.
        hits: list[tuple[StatusCue, Span]] = [
            (cue, hit)
            for cue in (cues if in_sent else continuation_cues)
            if in_title or not cue.title_only
            for hit in _cue_hits(sentence, cue, words)
        ]
        if not hits:
            lists.after(sent, None)
            continue
        veto = _vetoed(sent, ctx, in_sent)
        if veto is not None:
            ctx.log("agreements", sent.text.strip(), False, f"sentence vetoed by {veto.id}")
            lists.after(sent, None)
            continue
        lists.after(sent, _list_cue(hits))
        timing = [(c, h) for c, h in hits if c.status in ("planned", "renewed")]
        used: set[int] = set()
        told: set[int] = set()  # the cue words that made events
        for cue, hit in sorted(hits, key=lambda h: h[1].start):
            tok = hit[0]
            best = None
            for n, mention in enumerate(in_sent):
                if n in used:
                    continue
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if cue.types and mention.type not in cue.types:
                    continue
                if mention.rule in needs_verb and cue.id != "status.sign_verb":
                    continue
                if not (_acts_on(tok, span) if cue.status == "renewed" else _linked(tok, span)):
                    continue
                distance = abs(span.start - tok.i)
                rank = (distance + (3 if mention.generic else 0), n)
                if best is None or rank < best[0]:
                    best = (rank, n, mention, span)
            if best is None:
                continue
            _, n, mention, span = best
            used.add(n)
            status_cue, status_hit = (cue, hit) if cue.status != "signed" else _timing(tok, span, timing) or (cue, hit)
            told.add(tok.i)
            status_tok = status_hit[0]
            evidence = Evidence(status_tok.idx, status_tok.idx + len(status_tok.text), status_tok.text, status_cue.id)
            listed, added = _listed_with(doc, in_sent, n, used, ctx.rules)
            used.update(listed + added)
            if not (listed and plural(mention)):  # "four agreements, including A, B and C": the items
                listed.insert(0, n)
            listed += added
            for k in listed:
                item = in_sent[k]
                events.append(Event(sent, item, status_cue.status, evidence, tok, _refers_back(doc, item, tok, words)))
                ctx.log(
                    "agreements",
                    sent.text.strip(),
                    True,
                    f"mention {item.text!r} ({item.rule}) tied to cue {tok.text!r} ({cue.id}): {status_cue.status}",
                )
        for n, mention in enumerate(in_sent):
            if n not in used:
                ctx.log("agreements", mention.text, False, "mention with no status cue tied to it")
        # every other signing verb ("X signed for A, and Y signed for B") continues the event
        for cue, hit in hits:
            tok = hit[0]
            if cue.id == "status.sign_verb" and tok.i not in told:
                continuations.append(
                    Event(sent, None, "signed", Evidence(tok.idx, tok.idx + len(tok.text), tok.text, cue.id), tok)
                )
                told.add(tok.i)
    return events, continuations


def _listed_with(
    doc: Doc, in_sent: list[Mention], n: int, used: set[int], rules: RuleSet
) -> tuple[list[int], list[int]]:
    """The other mentions of the sentence listed with mention `n`, as other instruments of the same
    signing: coordinated with it ("an MoU on trade and a cooperation agreement on health") or
    listed after it ("four agreements, including a customs agreement and an MoU on tourism");
    and, apart, those added to it ("agreements with A and B, as well as a cooperative agreement
    with C"), which are not among its instruments."""
    first = doc.char_span(in_sent[n].start, in_sent[n].end, alignment_mode="expand")
    if first is None:
        return [], []
    conjuncts = {t.i for t in first.root.conjuncts}
    rest = doc[first.end : first.sent.end]
    openers = [t.idx for t in rest if t.lower_ in rules.words["enumeration_openers"]]
    additions = [rest.start_char + m.start() for m in rules.patterns["listing_phrase"].finditer(rest.text)]
    listed, added = [], []
    for k, mention in enumerate(in_sent):
        if k == n or k in used or mention.start < in_sent[n].end:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        if span.root.i in conjuncts or any(c < mention.start for c in openers):
            listed.append(k)
        elif any(c < mention.start for c in additions):
            added.append(k)
    return listed, added


def plural(mention: Mention) -> bool:
    """'agreements', 'MoUs', 'memoranda': a mention of several instruments."""
    head = re.split(r"\s+(?:of|on|for|between)\s+", mention.text, maxsplit=1)[0]  # "memorandums of understanding"
    last = head.split()[-1].strip("()[].,;:").lower()
    return last.endswith(("s", "memoranda")) and not last.endswith("ss")


def _list_cue(hits: list[tuple[StatusCue, Span]]) -> tuple[str, Evidence] | None:
    """The status and cue a list of instruments after this sentence would be signed with."""
    for status in ("planned", "renewed", "signed"):
        for cue, hit in hits:
            tok = hit[0]
            if cue.status == status:
                return status, Evidence(tok.idx, tok.idx + len(tok.text), tok.text, cue.id)
    return None


class _InstrumentLists:
    """Lists of the instruments signed: 'X and Y signed a number of documents, which include:'
    (or 'Among them:' in the next sentence), then one item a line ('- Agreement between ...',
    '2. Memorandum on ...'). Each item that names an instrument is an event of that signing; in
    a list of signed documents, so is an item that names a document of no known kind ('3.
    Decision of the Council on ...', '4. Action plan for ...')."""

    def __init__(self, item_start: re.Pattern, document_nouns: frozenset[str]):
        self.item_start = item_start
        self.document_nouns = document_nouns
        self.signing: tuple[str, Evidence] | None = None  # of the last sentences
        self.signing_names_documents = False
        self.since_signing = 99
        self.open: tuple[str, Evidence] | None = None
        self.of_documents = False

    def item(self, sent: Span, in_sent: list[Mention]) -> Event | None:
        """The event of a list item, or None (a sentence that is no item closes the list)."""
        if self.open is None:
            return None
        start = self.item_start.match(sent.text)
        if start is None:
            self.open = None
            return None
        status, cue = self.open
        if in_sent:
            mention = in_sent[0]
        elif self.of_documents:
            mention = _document_named(sent, sent.start_char + start.end())
            if mention is None:
                return None
        else:
            return None
        span = sent.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return Event(sent, mention, status, cue, span.root, listed=True)

    def after(self, sent: Span, signing: tuple[str, Evidence] | None) -> None:
        """Note a sentence that is no item: a signing, or the colon that opens a list."""
        names_documents = any(t.lower_ in self.document_nouns for t in sent)
        if signing is not None:
            self.signing, self.since_signing = signing, 0
            self.signing_names_documents = names_documents
        else:
            self.since_signing += 1
        if sent.text.rstrip().endswith(":") and self.signing is not None and self.since_signing <= 2:
            self.open = self.signing
            self.of_documents = names_documents or self.signing_names_documents


def _document_named(sent: Span, start_char: int) -> Mention | None:
    """The name of the document a list item starts with: a capitalised word and the nouns after
    it ("Decision", "Cooperation programme"), as an instrument of no known type."""
    doc = sent.doc
    first = next((t for t in sent if t.idx >= start_char), None)
    if first is None or not first.is_title or not first.is_alpha:
        return None
    last = first
    while (
        last.i + 1 < sent.end
        and last.i - first.i < 3
        and doc[last.i + 1].is_alpha
        and doc[last.i + 1].pos_ in ("NOUN", "PROPN")
    ):
        last = doc[last.i + 1]
    end = last.idx + len(last.text)
    return Mention(first.idx, end, doc_text(doc)[first.idx : end], "other", "instrument.listed_document", False)
