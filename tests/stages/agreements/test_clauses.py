"""Grammar helpers of the agreements stage on hand-built Docs (pipeline.stages.agreements.clauses):
the word before a span, the signing's clause (clause_bounds), verbs that start another
predicate (verbs_between), nearness to an anchor (right_after), head chains (within_hops),
relative clauses, parentheses and the headline's end.
"""

from __future__ import annotations

from pipeline.dataset.records import Evidence
from pipeline.stages.agreements.clauses import (
    PARTY_LABELS,
    clause_bounds,
    entities_in,
    headline_end,
    in_parentheses,
    preceding_word,
    relative_clause_between,
    right_after,
    verbs_between,
    within_hops,
)
from pipeline.stages.agreements.findings import Event
from tests.stages.agreements.shared_docs import dateline_doc, two_instruments_in_one_sentence
from tests.stages.docs import build_doc, rules


def signing_at(doc, i: int) -> Event:
    """An event whose cue is token i (no mention: clause_bounds reads only the cue)."""
    tok = doc[i]
    return Event(
        tok.sent, None, "signed", Evidence(tok.idx, tok.idx + len(tok.text), tok.text, "status.sign_verb"), tok
    )


def words():
    return rules().words


def two_signings_doc():
    return two_instruments_in_one_sentence()


def relative_clause_doc():
    return build_doc(
        "Ghana and Nigeria, whose presidents met in Abuja, signed an accord.",
        """
        0   Ghana       PROPN  nsubj  10
        1   and         CCONJ  cc     0
        2   Nigeria     PROPN  conj   0
        3   ,           PUNCT  punct  0
        4   whose       DET    poss   5
        5   presidents  NOUN   nsubj  6   president
        6   met         VERB   relcl  0   meet
        7   in          ADP    prep   6
        8   Abuja       PROPN  pobj   7
        9   ,           PUNCT  punct  0
        10  signed      VERB   ROOT   10  sign
        11  an          DET    det    12
        12  accord      NOUN   dobj   10
        13  .           PUNCT  punct  10
        """,
        ents=[("Ghana", "GPE"), ("Nigeria", "GPE"), ("Abuja", "GPE")],
    )


# --- preceding_word, entities_in --------------------------------------------------------------


def test_preceding_word_skips_articles():
    doc = two_signings_doc()
    assert preceding_word(doc, 5, 0).text == "signed"  # "signed an MoU"
    assert preceding_word(doc, 15, 9).text == "trade"


def test_preceding_word_at_the_start_of_the_sentence_is_none():
    doc = build_doc(
        "The treaty was signed.",
        """
        0  The     DET    det        1
        1  treaty  NOUN   nsubjpass  3
        2  was     AUX    auxpass    3  be
        3  signed  VERB   ROOT       3  sign
        4  .       PUNCT  punct      3
        """,
    )
    assert preceding_word(doc, 1, 0) is None


def test_entities_in_keeps_party_labels_only():
    doc = dateline_doc()
    (sent,) = doc.sents
    assert [e.text for e in entities_in(sent, PARTY_LABELS)] == ["ACCRA", "Xinhua", "Ghana", "Kenya"]


# --- clause_bounds ----------------------------------------------------------------------------


def test_clause_ends_at_a_semicolon():
    doc = two_signings_doc()
    assert clause_bounds(signing_at(doc, 3), words()) == (0, 8)


def test_clause_after_a_semicolon_starts_there():
    doc = two_signings_doc()
    assert clause_bounds(signing_at(doc, 12), words()) == (9, 17)


def test_clause_starts_after_a_reporting_verb():
    doc = build_doc(
        "The minister said Rwanda had signed the accord.",
        """
        0  The       DET    det    1
        1  minister  NOUN   nsubj  2
        2  said      VERB   ROOT   2  say
        3  Rwanda    PROPN  nsubj  5
        4  had       AUX    aux    5  have
        5  signed    VERB   ccomp  2  sign
        6  the       DET    det    7
        7  accord    NOUN   dobj   5
        8  .         PUNCT  punct  2
        """,
        ents=[("Rwanda", "GPE")],
    )
    assert clause_bounds(signing_at(doc, 5), words()) == (3, 9)


def test_clause_starts_after_the_that_of_a_reported_clause():
    doc = build_doc(
        "An aide told Radio Accra that Togo signed the accord.",
        """
        0  An      DET    det    1
        1  aide    NOUN   nsubj  2
        2  told    VERB   ROOT   2  tell
        3  Radio   PROPN  compound  4
        4  Accra   PROPN  dobj   2
        5  that    SCONJ  mark   7
        6  Togo    PROPN  nsubj  7
        7  signed  VERB   ccomp  2  sign
        8  the     DET    det    9
        9  accord  NOUN   dobj   7
        10 .       PUNCT  punct  2
        """,
        ents=[("Radio Accra", "ORG"), ("Togo", "GPE")],
    )
    assert clause_bounds(signing_at(doc, 7), words()) == (6, 11)


def test_clause_ends_before_while():
    doc = build_doc(
        "Ghana signed the MoU with Togo while Benin watched.",
        """
        0  Ghana    PROPN  nsubj  1
        1  signed   VERB   ROOT   1  sign
        2  the      DET    det    3
        3  MoU      NOUN   dobj   1
        4  with     ADP    prep   1
        5  Togo     PROPN  pobj   4
        6  while    SCONJ  mark   8
        7  Benin    PROPN  nsubj  8
        8  watched  VERB   advcl  1  watch
        9  .        PUNCT  punct  1
        """,
        ents=[("Ghana", "GPE"), ("Togo", "GPE"), ("Benin", "GPE")],
    )
    assert clause_bounds(signing_at(doc, 1), words()) == (0, 6)


def test_clause_starts_after_the_dateline_dash():
    doc = dateline_doc()
    assert clause_bounds(signing_at(doc, 11), words()) == (8, 18)


# --- verbs_between, relative_clause_between -----------------------------------------------------


def test_verbs_of_a_relative_clause_set_off_by_commas_do_not_count():
    doc = relative_clause_doc()
    assert verbs_between(doc, 3, 10, words()) == []
    assert relative_clause_between(doc, 0, 10, words())


def test_a_verb_of_another_predicate_stands_between():
    doc = build_doc(
        "Ghana hosted the summit and Nigeria signed an accord.",
        """
        0  Ghana    PROPN  nsubj  1
        1  hosted   VERB   ROOT   1  host
        2  the      DET    det    3
        3  summit   NOUN   dobj   1
        4  and      CCONJ  cc     3
        5  Nigeria  PROPN  conj   3
        6  signed   VERB   conj   1  sign
        7  an       DET    det    8
        8  accord   NOUN   dobj   6
        9  .        PUNCT  punct  1
        """,
        ents=[("Ghana", "GPE"), ("Nigeria", "GPE")],
    )
    assert [t.text for t in verbs_between(doc, 1, 6, words())] == ["hosted"]
    assert not relative_clause_between(doc, 0, 6, words())


def test_a_co_signer_verb_is_allowed_unless_nothing_is():
    doc = build_doc(
        "Mali joined Niger in signing the charter.",
        """
        0  Mali     PROPN  nsubj  1
        1  joined   VERB   ROOT   1  join
        2  Niger    PROPN  dobj   1
        3  in       ADP    prep   1
        4  signing  VERB   pcomp  3  sign
        5  the      DET    det    6
        6  charter  NOUN   dobj   4
        7  .        PUNCT  punct  1
        """,
        ents=[("Mali", "GPE"), ("Niger", "GPE")],
    )
    assert verbs_between(doc, 1, 4, words()) == []
    assert [t.text for t in verbs_between(doc, 1, 4, words(), allowed=frozenset())] == ["joined"]


# --- right_after, within_hops, in_parentheses ------------------------------------------------------


def with_after_a_date_doc():
    return build_doc(
        "Ghana signed an MoU on 3 May with Togo.",
        """
        0  Ghana   PROPN  nsubj   1
        1  signed  VERB   ROOT    1  sign
        2  an      DET    det     3
        3  MoU     NOUN   dobj    1
        4  on      ADP    prep    1
        5  3       NUM    nummod  6
        6  May     PROPN  pobj    4
        7  with    ADP    prep    6
        8  Togo    PROPN  pobj    7
        9  .       PUNCT  punct   1
        """,
        ents=[("Ghana", "GPE"), ("3 May", "DATE"), ("Togo", "GPE")],
    )


def test_right_after_does_not_count_the_date():
    doc = with_after_a_date_doc()
    # "an MoU on [3 May] with": three tokens besides the date
    assert right_after(doc, 7, [2])
    assert not right_after(doc, 7, [1])  # "signed an MoU on [3 May] with": four
    assert right_after(doc, 7, [1], gap=4)


def test_within_hops_follows_heads_up_to_the_limit():
    doc = with_after_a_date_doc()
    assert within_hops(doc[8], doc[6], 2)  # Togo -> with -> May
    assert not within_hops(doc[8], doc[1], 3)  # Togo -> with -> May -> on
    assert within_hops(doc[8], doc[1], 4)
    assert not within_hops(doc[1], doc[8], 5)  # the root has no head


def test_a_credit_in_parentheses_is_inside_them():
    doc = dateline_doc()
    by_text = {e.text: e for e in doc.ents}
    assert in_parentheses(by_text["Xinhua"])
    assert not in_parentheses(by_text["Ghana"])


# --- headline_end -----------------------------------------------------------------------------


def test_headline_ends_at_the_first_line_break():
    doc = build_doc(
        "Kenya, Ghana sign pact\n\nKenya and Ghana signed a pact on Friday.",
        r"""
        0   Kenya   PROPN  dep    3
        1   ,       PUNCT  punct  3
        2   Ghana   PROPN  nsubj  3
        3   sign    VERB   ROOT   3
        4   pact    NOUN   dobj   3
        5   \n\n    SPACE  dep    4
        6   Kenya   PROPN  nsubj  9
        7   and     CCONJ  cc     6
        8   Ghana   PROPN  conj   6
        9   signed  VERB   ROOT   9   sign
        10  a       DET    det    11
        11  pact    NOUN   dobj   9
        12  on      ADP    prep   9
        13  Friday  PROPN  pobj   12
        14  .       PUNCT  punct  9
        """,
        ents=[("Kenya", "GPE"), ("Ghana", "GPE"), ("Kenya", "GPE"), ("Ghana", "GPE"), ("Friday", "DATE")],
    )
    assert headline_end(doc) == len("Kenya, Ghana sign pact")
    assert [s.text for s in doc.sents] == ["Kenya, Ghana sign pact\n\n", "Kenya and Ghana signed a pact on Friday."]


def test_no_line_break_means_no_headline():
    assert headline_end(relative_clause_doc()) == 0
