"""Agreement mentions on hand-built Docs (pipeline.stages.agreements.mentions): which spans name
an instrument (find_mentions), how adjacent mentions merge and which type wins, and the
instrument's name as written (mention_label, instrument_name_span).
"""

from __future__ import annotations

import pytest

from pipeline.stages.agreements.findings import Mention
from pipeline.stages.agreements.mentions import find_mentions, instrument_name_span, mention_label
from tests.stages.agreements.shared_docs import agreement_with_object_doc, named_trade_agreement_doc
from tests.stages.docs import build_doc, rules


def mentions_of(doc) -> list[tuple[str, str, str, bool]]:
    return [(m.text, m.type, m.rule, m.generic) for m in find_mentions(doc, rules())]


def mou_in_brackets():
    return build_doc(
        "Kenya and Ghana signed a Memorandum of Understanding (MoU) in Accra on Tuesday.",
        """
        0   Kenya          PROPN  nsubj  3
        1   and            CCONJ  cc     0
        2   Ghana          PROPN  conj   0
        3   signed         VERB   ROOT   3   sign
        4   a              DET    det    5
        5   Memorandum     PROPN  dobj   3
        6   of             ADP    prep   5
        7   Understanding  PROPN  pobj   6
        8   (              PUNCT  punct  7
        9   MoU            NOUN   appos  7
        10  )              PUNCT  punct  7
        11  in             ADP    prep   3
        12  Accra          PROPN  pobj   11
        13  on             ADP    prep   3
        14  Tuesday        PROPN  pobj   13
        15  .              PUNCT  punct  3
        """,
        ents=[("Kenya", "GPE"), ("Ghana", "GPE"), ("Accra", "GPE"), ("Tuesday", "DATE")],
    )


def hyphenated_label():
    return named_trade_agreement_doc()


# --- find_mentions ----------------------------------------------------------------------------


def test_acronym_in_brackets_joins_the_memorandum():
    doc = mou_in_brackets()
    found = find_mentions(doc, rules())
    start = doc.text.index("Memorandum")
    end = doc.text.index(")") + 1
    # the closing bracket belongs to the mention; the named memorandum's rule is kept
    assert found == [
        Mention(
            start,
            end,
            "Memorandum of Understanding (MoU)",
            "memorandum_of_understanding",
            "term.memorandum_named",
            False,
        )
    ]


def test_sister_city_mou_is_one_mention_typed_as_an_mou():
    doc = build_doc(
        "Daegu and Tampere signed a sister city MoU on Monday.",
        """
        0   Daegu    PROPN  nsubj     3
        1   and      CCONJ  cc        0
        2   Tampere  PROPN  conj      0
        3   signed   VERB   ROOT      3   sign
        4   a        DET    det       7
        5   sister   NOUN   compound  7
        6   city     NOUN   compound  7
        7   MoU      NOUN   dobj      3
        8   on       ADP    prep      3
        9   Monday   PROPN  pobj      8
        10  .        PUNCT  punct     3
        """,
        ents=[("Daegu", "GPE"), ("Tampere", "GPE"), ("Monday", "DATE")],
    )
    assert mentions_of(doc) == [("sister city MoU", "memorandum_of_understanding", "term.mou_acronym", False)]


def test_generic_head_takes_the_type_of_what_it_establishes():
    doc = build_doc(
        "Kisumu and Tromsø signed an agreement establishing sister-city relations.",
        """
        0   Kisumu        PROPN  nsubj     3
        1   and           CCONJ  cc        0
        2   Tromsø        PROPN  conj      0
        3   signed        VERB   ROOT      3   sign
        4   an            DET    det       5
        5   agreement     NOUN   dobj      3
        6   establishing  VERB   acl       5   establish
        7   sister        NOUN   compound  9
        8   -             PUNCT  punct     9
        9   city          NOUN   compound  10
        10  relations     NOUN   dobj      6   relation
        11  .             PUNCT  punct     3
        """,
        ents=[("Kisumu", "GPE"), ("Tromsø", "GPE")],
    )
    assert mentions_of(doc) == [
        ("agreement establishing sister-city relations", "sister_city_agreement", "term.sister_city", False)
    ]


def test_term_inside_an_organisation_name_is_not_a_mention():
    doc = build_doc(
        "The North Atlantic Treaty Organization welcomed the pact.",
        """
        0   The           DET    det       4
        1   North         PROPN  compound  2
        2   Atlantic      PROPN  compound  3
        3   Treaty        PROPN  compound  4
        4   Organization  PROPN  nsubj     5
        5   welcomed      VERB   ROOT      5   welcome
        6   the           DET    det       7
        7   pact          NOUN   dobj      5
        8   .             PUNCT  punct     5
        """,
        ents=[("The North Atlantic Treaty Organization", "ORG")],
    )
    assert mentions_of(doc) == [("pact", "other", "term.pact", True)]


def test_two_instruments_joined_by_and_stay_apart():
    doc = build_doc(
        "Ghana and Togo signed an MoU and a cooperation agreement.",
        """
        0   Ghana        PROPN  nsubj     3
        1   and          CCONJ  cc        0
        2   Togo         PROPN  conj      0
        3   signed       VERB   ROOT      3   sign
        4   an           DET    det       5
        5   MoU          NOUN   dobj      3
        6   and          CCONJ  cc        5
        7   a            DET    det       9
        8   cooperation  NOUN   compound  9
        9   agreement    NOUN   conj      5
        10  .            PUNCT  punct     3
        """,
        ents=[("Ghana", "GPE"), ("Togo", "GPE")],
    )
    assert mentions_of(doc) == [
        ("MoU", "memorandum_of_understanding", "term.mou_acronym", False),
        ("cooperation agreement", "cooperation_agreement", "term.cooperation_agreement", False),
    ]


def test_lowercase_mou_is_not_the_acronym():
    doc = build_doc(
        "The mou was a typo.",
        """
        0  The   DET    det    1
        1  mou   NOUN   nsubj  2
        2  was   AUX    ROOT   2  be
        3  a     DET    det    4
        4  typo  NOUN   attr   2
        5  .     PUNCT  punct  2
        """,
    )
    assert find_mentions(doc, rules()) == []


# --- mention_label and instrument_name_span -----------------------------------------------------


def test_label_takes_the_title_case_words_before_the_mention():
    doc = hyphenated_label()
    (mention,) = find_mentions(doc, rules())
    assert mention.text == "Agreement"
    assert mention_label(doc, mention) == "Kenya-Ghana Trade Agreement"


def test_instrument_name_span_points_at_the_label():
    doc = hyphenated_label()
    (mention,) = find_mentions(doc, rules())
    start = doc.text.index("Kenya-Ghana")
    assert instrument_name_span(doc, mention, mention_label(doc, mention)) == (
        start,
        start + len("Kenya-Ghana Trade Agreement"),
    )


def test_instrument_name_span_falls_back_to_the_mention():
    doc = hyphenated_label()
    (mention,) = find_mentions(doc, rules())
    assert instrument_name_span(doc, mention, "Accra Accord") == (mention.start, mention.end)


def test_label_takes_a_title_case_complement_after_the_mention():
    doc = build_doc(
        "Peru and Chile signed the Treaty of Peace and Friendship in Lima.",
        """
        0   Peru        PROPN  nsubj  3
        1   and         CCONJ  cc     0
        2   Chile       PROPN  conj   0
        3   signed      VERB   ROOT   3   sign
        4   the         DET    det    5
        5   Treaty      PROPN  dobj   3
        6   of          ADP    prep   5
        7   Peace       PROPN  pobj   6
        8   and         CCONJ  cc     7
        9   Friendship  PROPN  conj   7
        10  in          ADP    prep   5
        11  Lima        PROPN  pobj   10
        12  .           PUNCT  punct  3
        """,
        ents=[("Peru", "GPE"), ("Chile", "GPE"), ("Friendship", "WORK_OF_ART"), ("Lima", "GPE")],
    )
    (mention,) = find_mentions(doc, rules())
    assert (mention.text, mention.type) == ("Treaty", "treaty")
    assert mention_label(doc, mention) == "Treaty of Peace and Friendship"


def test_label_of_a_lowercase_mention_is_the_mention():
    doc = agreement_with_object_doc()
    (mention,) = find_mentions(doc, rules())
    assert mention_label(doc, mention) == "agreement"


def test_label_keeps_the_acronym_in_brackets():
    doc = mou_in_brackets()
    (mention,) = find_mentions(doc, rules())
    assert mention_label(doc, mention) == "Memorandum of Understanding (MoU)"


@pytest.mark.xfail(
    reason="the tokenizer keeps 'MoU.' whole at the end of a sentence, and mention_label expands the "
    "mention to whole tokens, so the label takes the full stop",
    raises=AssertionError,
    strict=True,
)
def test_label_leaves_out_a_full_stop_glued_to_the_acronym():
    doc = build_doc(
        "Kenya and Ghana signed an MoU.",
        """
        0  Kenya   PROPN  nsubj  3
        1  and     CCONJ  cc     0
        2  Ghana   PROPN  conj   0
        3  signed  VERB   ROOT   3  sign
        4  an      DET    det    5
        5  MoU.    NOUN   dobj   3
        """,
        ents=[("Kenya", "GPE"), ("Ghana", "GPE")],
    )
    (mention,) = find_mentions(doc, rules())
    assert mention.text == "MoU"
    assert mention_label(doc, mention) == "MoU"


def flat_doc(text: str):
    """A Doc of `text` whose words all hang from the first one: enough for find_mentions, which
    reads only the text and the entities."""
    words = text[:-1].split() + ["."]
    rows = [f"{n} {w} X {'ROOT' if n == 0 else 'dep'} 0" for n, w in enumerate(words)]
    return build_doc(text, "\n".join(rows))


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The towns signed a cooperation protocol on transport .", "cooperation protocol"),
        ("The towns signed a protocol on cultural cooperation .", "protocol on cultural cooperation"),
        ("The towns signed an agreement to develop working relations .", "agreement to develop working relations"),
        ("The towns signed an agreement to cooperate on health .", "agreement to cooperate"),
        ("The ports signed an agreement to work together on rescues .", "agreement to work together"),
    ],
)
def test_an_instrument_of_cooperation_is_a_cooperation_agreement(text, mention):
    assert mentions_of(flat_doc(text)) == [(mention, "cooperation_agreement", "term.cooperation_agreement", False)]


def test_an_agreement_for_another_purpose_stays_generic():
    assert mentions_of(flat_doc("The towns signed an agreement to build a bridge .")) == [
        ("agreement", "other", "term.agreement", True)
    ]


def test_an_agreement_between_governments_is_a_cooperation_agreement():
    doc = flat_doc("They signed the Agreement between the Government of Ruritania and the Government of Freedonia .")
    assert mentions_of(doc) == [("Agreement", "cooperation_agreement", "term.intergovernmental_agreement", False)]


def test_an_agreement_between_ministries_is_a_cooperation_agreement():
    doc = flat_doc("They also signed an agreement between the ministries of culture .")
    assert mentions_of(doc) == [("agreement", "cooperation_agreement", "term.intergovernmental_agreement", False)]
