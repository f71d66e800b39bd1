"""Events on hand-built Docs (pipeline.stages.agreements.events.find_events): a status cue tied to
an agreement mention makes an event with its status (signed, renewed, planned); vetoes
("signed into law", talks only), "a sign of", cues that need a certain instrument, signing
sentences without a mention (continuations) and instruments only referred back to.
"""

from __future__ import annotations

from pipeline.stages.agreements.events import find_events
from pipeline.stages.agreements.findings import Decision
from pipeline.stages.agreements.mentions import find_mentions
from tests.stages.agreements.shared_docs import signed_in_accra_doc
from tests.stages.docs import build_doc, make_context


def events_in(doc):
    """(events, continuations, context) of find_events on the Doc's mentions."""
    ctx = make_context(doc)
    events, continuations = find_events(doc, ctx, find_mentions(doc, ctx.rules))
    return events, continuations, ctx


def summary(events) -> list[tuple[str, str, str, str | None]]:
    return [(e.status, e.cue.text, e.cue.rule, e.mention.text if e.mention else None) for e in events]


def test_signed_mou_is_a_signed_event():
    doc = signed_in_accra_doc()
    events, continuations, _ = events_in(doc)
    assert summary(events) == [("signed", "signed", "status.sign_verb", "MoU")]
    assert events[0].cue.start == doc.text.index("signed")
    assert events[0].reference is False
    assert continuations == []


def test_will_sign_is_planned():
    doc = build_doc(
        "Ghana and Nigeria will sign a memorandum of understanding next month.",
        """
        0   Ghana          PROPN  nsubj     4
        1   and            CCONJ  cc        0
        2   Nigeria        PROPN  conj      0
        3   will           AUX    aux       4
        4   sign           VERB   ROOT      4
        5   a              DET    det       6
        6   memorandum     NOUN   dobj      4
        7   of             ADP    prep      6
        8   understanding  NOUN   pobj      7
        9   next           ADJ    amod      10
        10  month          NOUN   npadvmod  4
        11  .              PUNCT  punct     4
        """,
        ents=[("Ghana", "GPE"), ("Nigeria", "GPE"), ("next month", "DATE")],
    )
    events, _, _ = events_in(doc)
    assert summary(events) == [("planned", "will", "status.future_sign", "memorandum of understanding")]


def test_renewed_twinning_agreement_is_renewed():
    doc = build_doc(
        "Lviv and Wroclaw renewed their twinning agreement on Saturday.",
        """
        0  Lviv       PROPN  nsubj  3
        1  and        CCONJ  cc     0
        2  Wroclaw    PROPN  conj   0
        3  renewed    VERB   ROOT   3  renew
        4  their      PRON   poss   6
        5  twinning   VERB   amod   6  twin
        6  agreement  NOUN   dobj   3
        7  on         ADP    prep   3
        8  Saturday   PROPN  pobj   7
        9  .          PUNCT  punct  3
        """,
        ents=[("Lviv", "GPE"), ("Wroclaw", "GPE"), ("Saturday", "DATE")],
    )
    events, continuations, _ = events_in(doc)
    assert summary(events) == [("renewed", "renewed", "status.renew", "twinning agreement")]
    assert continuations == []


def test_signed_into_law_is_vetoed():
    text = "Governor Kathy Brandt signed the compact into law on Friday."
    doc = build_doc(
        text,
        """
        0   Governor  PROPN  compound  2
        1   Kathy     PROPN  compound  2
        2   Brandt    PROPN  nsubj     3
        3   signed    VERB   ROOT      3  sign
        4   the       DET    det       5
        5   compact   NOUN   dobj      3
        6   into      ADP    prep      3
        7   law       NOUN   pobj      6
        8   on        ADP    prep      3
        9   Friday    PROPN  pobj      8
        10  .         PUNCT  punct     3
        """,
        ents=[("Kathy Brandt", "PERSON"), ("Friday", "DATE")],
    )
    events, continuations, ctx = events_in(doc)
    assert (events, continuations) == ([], [])
    assert ctx.decisions == [Decision("agreements", text, False, "sentence vetoed by veto.signed_into_law")]


def test_talks_on_renewing_are_vetoed():
    text = "Talks on renewing the fisheries agreement between Chile and Vietnam continued."
    doc = build_doc(
        text,
        """
        0   Talks      NOUN   nsubj     10  talk
        1   on         ADP    prep      0
        2   renewing   VERB   pcomp     1   renew
        3   the        DET    det       5
        4   fisheries  NOUN   compound  5   fishery
        5   agreement  NOUN   dobj      2
        6   between    ADP    prep      5
        7   Chile      PROPN  pobj      6
        8   and        CCONJ  cc        7
        9   Vietnam    PROPN  conj      7
        10  continued  VERB   ROOT      10  continue
        11  .          PUNCT  punct     10
        """,
        ents=[("Chile", "GPE"), ("Vietnam", "GPE")],
    )
    events, _, ctx = events_in(doc)
    assert events == []
    assert [d.reason for d in ctx.decisions] == ["sentence vetoed by veto.talks_only"]


def test_a_sign_of_is_not_a_signing():
    doc = build_doc(
        "The accord is a sign of warming ties between Ghana and Togo.",
        """
        0   The      DET    det    1
        1   accord   NOUN   nsubj  2
        2   is       AUX    ROOT   2   be
        3   a        DET    det    4
        4   sign     NOUN   attr   2
        5   of       ADP    prep   4
        6   warming  VERB   pcomp  5   warm
        7   ties     NOUN   dobj   6   tie
        8   between  ADP    prep   7
        9   Ghana    PROPN  pobj   8
        10  and      CCONJ  cc     9
        11  Togo     PROPN  conj   9
        12  .        PUNCT  punct  2
        """,
        ents=[("Ghana", "GPE"), ("Togo", "GPE")],
    )
    events, continuations, ctx = events_in(doc)
    assert (events, continuations) == ([], [])
    assert ctx.decisions == []  # the noun "sign" is no cue, so the sentence is not even considered


def test_a_signing_sentence_without_a_mention_continues_the_event():
    doc = build_doc(
        "Ghana and Nigeria signed an MoU on Tuesday. Health Minister Jane Mensah signed for Ghana.",
        """
        0   Ghana     PROPN  nsubj     3
        1   and       CCONJ  cc        0
        2   Nigeria   PROPN  conj      0
        3   signed    VERB   ROOT      3   sign
        4   an        DET    det       5
        5   MoU       NOUN   dobj      3
        6   on        ADP    prep      3
        7   Tuesday   PROPN  pobj      6
        8   .         PUNCT  punct     3
        9   Health    PROPN  compound  10
        10  Minister  PROPN  compound  12
        11  Jane      PROPN  compound  12
        12  Mensah    PROPN  nsubj     13
        13  signed    VERB   ROOT      13  sign
        14  for       ADP    prep      13
        15  Ghana     PROPN  pobj      14
        16  .         PUNCT  punct     13
        """,
        ents=[("Ghana", "GPE"), ("Nigeria", "GPE"), ("Tuesday", "DATE"), ("Jane Mensah", "PERSON"), ("Ghana", "GPE")],
    )
    events, continuations, _ = events_in(doc)
    assert summary(events) == [("signed", "signed", "status.sign_verb", "MoU")]
    assert summary(continuations) == [("signed", "signed", "status.sign_verb", None)]
    assert continuations[0].cue_token.i == 13
    assert continuations[0].sentence.text == "Health Minister Jane Mensah signed for Ghana."


def test_contracts_they_signed_refer_to_an_existing_instrument():
    doc = build_doc(
        "Two candidates were left out because of the contracts they signed with the broadcaster.",
        """
        0   Two          NUM    nummod     1
        1   candidates   NOUN   nsubjpass  3   candidate
        2   were         AUX    auxpass    3   be
        3   left         VERB   ROOT       3   leave
        4   out          ADP    prt        3
        5   because      SCONJ  prep       3
        6   of           ADP    pcomp      5
        7   the          DET    det        8
        8   contracts    NOUN   pobj       5   contract
        9   they         PRON   nsubj      10
        10  signed       VERB   relcl      8   sign
        11  with         ADP    prep       10
        12  the          DET    det        13
        13  broadcaster  NOUN   pobj       11
        14  .            PUNCT  punct      3
        """,
        ents=[("Two", "CARDINAL")],
    )
    events, _, _ = events_in(doc)
    assert summary(events) == [("signed", "signed", "status.sign_verb", "contracts")]
    assert events[0].reference is True


def test_headline_to_sign_is_planned():
    doc = build_doc(
        "Lagos to sign MoU with Rotterdam\n\nOfficials met in Lagos on Monday.",
        r"""
        0   Lagos      PROPN  nsubj  2
        1   to         PART   aux    2
        2   sign       VERB   ROOT   2
        3   MoU        NOUN   dobj   2
        4   with       ADP    prep   3
        5   Rotterdam  PROPN  pobj   4
        6   \n\n       SPACE  dep    5
        7   Officials  NOUN   nsubj  8   official
        8   met        VERB   ROOT   8   meet
        9   in         ADP    prep   8
        10  Lagos      PROPN  pobj   9
        11  on         ADP    prep   8
        12  Monday     PROPN  pobj   11
        13  .          PUNCT  punct  8
        """,
        ents=[("Lagos", "GPE"), ("Rotterdam", "GPE"), ("Lagos", "GPE"), ("Monday", "DATE")],
    )
    events, _, _ = events_in(doc)
    assert summary(events) == [("planned", "to", "status.headline_future", "MoU")]


def sign_deal_doc(verb: str, lemma: str, det: str):
    return build_doc(
        f"Kenya {verb} {det} deal with Ghana.",
        f"""
        0  Kenya   PROPN  nsubj  1
        1  {verb}  VERB   ROOT   1  {lemma}
        2  {det}   DET    det    3
        3  deal    NOUN   dobj   1
        4  with    ADP    prep   1
        5  Ghana   PROPN  pobj   4
        6  .       PUNCT  punct  1
        """,
        ents=[("Kenya", "GPE"), ("Ghana", "GPE")],
    )


def test_a_deal_needs_a_signing_verb():
    events, _, ctx = events_in(sign_deal_doc("extended", "extend", "its"))
    assert events == []
    assert [(d.text, d.reason) for d in ctx.decisions] == [("deal", "mention with no status cue tied to it")]


def test_a_signed_deal_is_an_event():
    events, _, _ = events_in(sign_deal_doc("signed", "sign", "a"))
    assert summary(events) == [("signed", "signed", "status.sign_verb", "deal")]


def test_establishing_sister_city_relations_is_a_signing():
    doc = build_doc(
        "Accra and Kumasi established sister city relations.",
        """
        0  Accra        PROPN  nsubj     3
        1  and          CCONJ  cc        0
        2  Kumasi       PROPN  conj      0
        3  established  VERB   ROOT      3  establish
        4  sister       NOUN   compound  5
        5  city         NOUN   compound  6
        6  relations    NOUN   dobj      3  relation
        7  .            PUNCT  punct     3
        """,
        ents=[("Accra", "GPE"), ("Kumasi", "GPE")],
    )
    events, _, _ = events_in(doc)
    assert summary(events) == [("signed", "established", "status.establish_relations", "sister city relations")]


def test_establishing_applies_to_sister_city_instruments_only():
    doc = build_doc(
        "Accra and Kumasi established a cooperation agreement.",
        """
        0  Accra        PROPN  nsubj     3
        1  and          CCONJ  cc        0
        2  Kumasi       PROPN  conj      0
        3  established  VERB   ROOT      3  establish
        4  a            DET    det       6
        5  cooperation  NOUN   compound  6
        6  agreement    NOUN   dobj      3
        7  .            PUNCT  punct     3
        """,
        ents=[("Accra", "GPE"), ("Kumasi", "GPE")],
    )
    events, continuations, _ = events_in(doc)
    assert (events, continuations) == ([], [])


def test_is_to_sign_in_the_body_is_planned():
    doc = build_doc(
        "Officials said Lagos is to sign an MoU with Rotterdam.",
        """
        0   Officials  NOUN   nsubj  1  official
        1   said       VERB   ROOT   1  say
        2   Lagos      PROPN  nsubj  3
        3   is         AUX    ccomp  1  be
        4   to         PART   aux    5
        5   sign       VERB   xcomp  3
        6   an         DET    det    7
        7   MoU        NOUN   dobj   5
        8   with       ADP    prep   7
        9   Rotterdam  PROPN  pobj   8
        10  .          PUNCT  punct  1
        """,
        ents=[("Lagos", "GPE"), ("Rotterdam", "GPE")],
    )
    events, _, _ = events_in(doc)
    assert [e.status for e in events] == ["planned"]


def test_a_renewed_commitment_does_not_renew_the_memorandum_it_is_signed_in():
    doc = build_doc(
        "Kenya and Uganda renewed their commitment to peace in a memorandum signed on Monday.",
        """
        0   Kenya       PROPN  nsubj  3
        1   and         CCONJ  cc     0
        2   Uganda      PROPN  conj   0
        3   renewed     VERB   ROOT   3  renew
        4   their       PRON   poss   5
        5   commitment  NOUN   dobj   3
        6   to          ADP    prep   5
        7   peace       NOUN   pobj   6
        8   in          ADP    prep   3
        9   a           DET    det    10
        10  memorandum  NOUN   pobj   8
        11  signed      VERB   acl    10  sign
        12  on          ADP    prep   11
        13  Monday      PROPN  pobj   12
        14  .           PUNCT  punct  3
        """,
        ents=[("Kenya", "GPE"), ("Uganda", "GPE"), ("Monday", "DATE")],
    )
    events, _, _ = events_in(doc)
    assert summary(events) == [("signed", "signed", "status.sign_verb", "memorandum")]


def test_an_instrument_that_reaffirms_something_is_not_renewed():
    doc = build_doc(
        "The memorandum reaffirms support for the goals.",
        """
        0  The         DET    det    1
        1  memorandum  NOUN   nsubj  2
        2  reaffirms   VERB   ROOT   2  reaffirm
        3  support     NOUN   dobj   2
        4  for         ADP    prep   3
        5  the         DET    det    6
        6  goals       NOUN   pobj   4  goal
        7  .           PUNCT  punct  2
        """,
    )
    events, _, ctx = events_in(doc)
    assert events == []
    assert [d.reason for d in ctx.decisions] == ["mention with no status cue tied to it"]


def test_a_renewing_word_in_a_name_renews_nothing():
    doc = build_doc(
        "Delegates at the Pacific Update signed an MoU.",
        """
        0  Delegates  NOUN   nsubj     5  delegate
        1  at         ADP    prep      0
        2  the        DET    det       4
        3  Pacific    PROPN  compound  4
        4  Update     PROPN  pobj      1
        5  signed     VERB   ROOT      5  sign
        6  an         DET    det       7
        7  MoU        NOUN   dobj      5
        8  .          PUNCT  punct     5
        """,
        ents=[("the Pacific Update", "EVENT")],
    )
    events, _, _ = events_in(doc)
    assert summary(events) == [("signed", "signed", "status.sign_verb", "MoU")]


def test_the_future_of_one_signing_is_not_that_of_another():
    doc = build_doc(
        "Oslo signed a treaty and will sign an MoU next year.",
        """
        0   Oslo    PROPN  nsubj     1
        1   signed  VERB   ROOT      1  sign
        2   a       DET    det       3
        3   treaty  NOUN   dobj      1
        4   and     CCONJ  cc        1
        5   will    AUX    aux       6
        6   sign    VERB   conj      1
        7   an      DET    det       8
        8   MoU     NOUN   dobj      6
        9   next    ADJ    amod      10
        10  year    NOUN   npadvmod  6
        11  .       PUNCT  punct     1
        """,
        ents=[("Oslo", "GPE"), ("next year", "DATE")],
    )
    events, _, _ = events_in(doc)
    assert summary(events) == [
        ("signed", "signed", "status.sign_verb", "treaty"),
        ("planned", "will", "status.future_sign", "MoU"),
    ]


def test_looking_forward_to_establishing_sister_city_relations_is_no_signing():
    doc = build_doc(
        "Accra and Kumasi look forward to establishing sister city relations.",
        """
        0  Accra         PROPN  nsubj     3
        1  and           CCONJ  cc        0
        2  Kumasi        PROPN  conj      0
        3  look          VERB   ROOT      3
        4  forward       ADV    advmod    3
        5  to            ADP    prep      3
        6  establishing  VERB   pcomp     5  establish
        7  sister        NOUN   compound  8
        8  city          NOUN   compound  9
        9  relations     NOUN   dobj      6  relation
        10 .             PUNCT  punct     3
        """,
        ents=[("Accra", "GPE"), ("Kumasi", "GPE")],
    )
    events, continuations, _ = events_in(doc)
    assert (events, continuations) == ([], [])
