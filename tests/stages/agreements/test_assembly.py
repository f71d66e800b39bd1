"""Assembly on hand-built Docs (pipeline.stages.agreements.assembly.extract_agreements): a small
article gives one record with its parties, signatories, date, place and description; events
of one instrument (headline and body) merge; a second instrument stays apart; background is
dropped (signed more than max_age_years before publication, or only referred back to), and
so is an agreement with no party and no signatory.
"""

from __future__ import annotations

import spacy

from pipeline.dataset.records import Evidence
from pipeline.stages.agreements.assembly import _add_description, _form_named_later, extract_agreements
from pipeline.stages.agreements.findings import AgreementFinding, Context, Event, Mention, PartyFinding
from pipeline.stages.doc_cache import index_sentences
from tests.stages.agreements.shared_docs import two_instruments_in_one_sentence
from tests.stages.docs import build_doc, gazetteer, make_context, rules

ARTICLE = (
    "Kenya, Ghana sign MoU on trade\n\n"
    "Kenya and Ghana signed a memorandum of understanding in Accra on 12 May. "
    "Trade Minister Jane Mensah signed for Ghana, while Cabinet Secretary Peter Kamau signed for Kenya. "
    "The MoU covers tariffs and transport."
)


def article():
    return build_doc(
        ARTICLE,
        r"""
        0   Kenya          PROPN  nsubj     3
        1   ,              PUNCT  punct     3
        2   Ghana          PROPN  nsubj     3
        3   sign           VERB   ROOT      3
        4   MoU            NOUN   dobj      3
        5   on             ADP    prep      4
        6   trade          NOUN   pobj      5
        7   \n\n           SPACE  dep       6
        8   Kenya          PROPN  nsubj     11
        9   and            CCONJ  cc        8
        10  Ghana          PROPN  conj      8
        11  signed         VERB   ROOT      11  sign
        12  a              DET    det       13
        13  memorandum     NOUN   dobj      11
        14  of             ADP    prep      13
        15  understanding  NOUN   pobj      14
        16  in             ADP    prep      11
        17  Accra          PROPN  pobj      16
        18  on             ADP    prep      11
        19  12             NUM    nummod    20
        20  May            PROPN  pobj      18
        21  .              PUNCT  punct     11
        22  Trade          PROPN  compound  23
        23  Minister       PROPN  compound  25
        24  Jane           PROPN  compound  25
        25  Mensah         PROPN  nsubj     26
        26  signed         VERB   ROOT      26  sign
        27  for            ADP    prep      26
        28  Ghana          PROPN  pobj      27
        29  ,              PUNCT  punct     26
        30  while          SCONJ  mark      35
        31  Cabinet        PROPN  compound  32
        32  Secretary      PROPN  compound  34
        33  Peter          PROPN  compound  34
        34  Kamau          PROPN  nsubj     35
        35  signed         VERB   advcl     26  sign
        36  for            ADP    prep      35
        37  Kenya          PROPN  pobj      36
        38  .              PUNCT  punct     26
        39  The            DET    det       40
        40  MoU            NOUN   nsubj     41
        41  covers         VERB   ROOT      41  cover
        42  tariffs        NOUN   dobj      41  tariff
        43  and            CCONJ  cc        42
        44  transport      NOUN   conj      42
        45  .              PUNCT  punct     41
        """,
        ents=[
            ("Kenya", "GPE"),
            ("Ghana", "GPE"),
            ("Kenya", "GPE"),
            ("Ghana", "GPE"),
            ("Accra", "GPE"),
            ("12 May", "DATE"),
            ("Jane Mensah", "PERSON"),
            ("Ghana", "GPE"),
            ("Cabinet", "ORG"),
            ("Peter Kamau", "PERSON"),
            ("Kenya", "GPE"),
        ],
        published="2022-05-13",
    )


def only_agreement(doc, **kw):
    found = extract_agreements(make_context(doc, **kw))
    assert len(found) == 1, [(a.type, a.label) for a in found]
    return found[0]


def test_article_gives_one_signed_mou():
    finding = only_agreement(article())
    assert (finding.type, finding.status, finding.label) == ("memorandum_of_understanding", "signed", "MoU")
    assert (finding.status_evidence.text, finding.status_evidence.start) == ("sign", ARTICLE.index("sign"))


def test_article_parties():
    finding = only_agreement(article())
    assert [(p.name, p.kind, p.country) for p in finding.parties] == [
        ("Kenya", "country", "KE"),
        ("Ghana", "country", "GH"),
    ]


def test_article_signatories_sign_for_their_countries():
    finding = only_agreement(article())
    assert [(s.person.name, s.person.role.text, s.party, s.party_evidence.rule) for s in finding.signatories] == [
        ("Jane Mensah", "Trade Minister", "Ghana", "signatory.signs_for"),
        ("Peter Kamau", "Cabinet Secretary", "Kenya", "signatory.signs_for"),
    ]
    # the evidence of a signatory is the person's first mention
    assert [s.evidence[0].start for s in finding.signatories] == [
        ARTICLE.index("Jane Mensah"),
        ARTICLE.index("Peter Kamau"),
    ]


def test_article_date_and_place():
    finding = only_agreement(article())
    date, date_evidence = finding.date
    assert (date.value, date.precision, date_evidence.text, date_evidence.start) == (
        "2022-05-12",
        "day",
        "12 May",
        ARTICLE.index("12 May"),
    )
    place, place_evidence = finding.place
    assert (place.name, place.country, place_evidence.rule, place_evidence.start) == (
        "Accra",
        "GH",
        "place.in_or_at",
        ARTICLE.index("Accra"),
    )


def test_headline_and_body_events_of_one_instrument_merge():
    finding = only_agreement(article())
    assert [m.text for m in finding.mentions] == ["MoU", "memorandum of understanding"]
    # the two mentions, then the two signing sentences that continue them
    assert [(e.cue.text, e.mention.text if e.mention else None) for e in finding.events] == [
        ("sign", "MoU"),
        ("signed", "memorandum of understanding"),
        ("signed", None),
        ("signed", None),
    ]


def test_article_description_takes_the_sentence_about_the_mou():
    finding = only_agreement(article())
    assert [ARTICLE[s:e] for s, e in finding.description][-1] == "The MoU covers tariffs and transport."
    assert len(finding.description) == 4


def test_another_mou_in_the_body_is_another_instrument():
    doc = build_doc(
        "Kenya signed an MoU with Uganda on Monday. Rwanda and Burundi signed an MoU on Tuesday.",
        """
        0   Kenya    PROPN  nsubj  1
        1   signed   VERB   ROOT   1   sign
        2   an       DET    det    3
        3   MoU      NOUN   dobj   1
        4   with     ADP    prep   3
        5   Uganda   PROPN  pobj   4
        6   on       ADP    prep   1
        7   Monday   PROPN  pobj   6
        8   .        PUNCT  punct  1
        9   Rwanda   PROPN  nsubj  12
        10  and      CCONJ  cc     9
        11  Burundi  PROPN  conj   9
        12  signed   VERB   ROOT   12  sign
        13  an       DET    det    14
        14  MoU      NOUN   dobj   12
        15  on       ADP    prep   12
        16  Tuesday  PROPN  pobj   15
        17  .        PUNCT  punct  12
        """,
        ents=[
            ("Kenya", "GPE"),
            ("Uganda", "GPE"),
            ("Monday", "DATE"),
            ("Rwanda", "GPE"),
            ("Burundi", "GPE"),
            ("Tuesday", "DATE"),
        ],
        published="2023-03-10",
    )
    found = extract_agreements(make_context(doc))
    assert [([p.name for p in a.parties], a.date[0].value) for a in found] == [
        (["Kenya", "Uganda"], "2023-03-06"),
        (["Rwanda", "Burundi"], "2023-03-07"),
    ]


def test_two_instruments_in_one_sentence():
    doc = two_instruments_in_one_sentence()
    found = extract_agreements(make_context(doc))
    assert [(a.type, a.label, [p.name for p in a.parties]) for a in found] == [
        ("memorandum_of_understanding", "MoU", ["Kenya", "Uganda"]),
        ("other", "agreement", ["Rwanda", "Burundi"]),
    ]


def old_signing_doc():
    return build_doc(
        "Ghana and Nigeria signed an MoU in 2009 to work together on vaccine production.",
        """
        0   Ghana       PROPN  nsubj     3
        1   and         CCONJ  cc        0
        2   Nigeria     PROPN  conj      0
        3   signed      VERB   ROOT      3   sign
        4   an          DET    det       5
        5   MoU         NOUN   dobj      3
        6   in          ADP    prep      3
        7   2009        NUM    pobj      6
        8   to          PART   aux       9
        9   work        VERB   advcl     3
        10  together    ADV    advmod    9
        11  on          ADP    prep      9
        12  vaccine     NOUN   compound  13
        13  production  NOUN   pobj      11
        14  .           PUNCT  punct     3
        """,
        ents=[("Ghana", "GPE"), ("Nigeria", "GPE"), ("2009", "DATE")],
        published="2023-05-02",
    )


def test_an_agreement_signed_long_before_publication_is_background():
    ctx = make_context(old_signing_doc())
    assert extract_agreements(ctx) == []
    assert [(d.text, d.kept, d.reason) for d in ctx.decisions if d.stage == "agreements" and not d.kept] == [
        ("MoU", False, "background: signed 2009, over 10 years before publication")
    ]


def test_max_age_years_decides_what_is_background():
    finding = only_agreement(old_signing_doc(), max_age_years=20)
    assert (finding.date[0].value, [p.name for p in finding.parties]) == ("2009", ["Ghana", "Nigeria"])


def test_an_agreement_with_no_party_is_dropped():
    doc = build_doc(
        "The memorandum was signed on Monday.",
        """
        0  The         DET    det        1
        1  memorandum  NOUN   nsubjpass  3
        2  was         AUX    auxpass    3  be
        3  signed      VERB   ROOT       3  sign
        4  on          ADP    prep       3
        5  Monday      PROPN  pobj       4
        6  .           PUNCT  punct      3
        """,
        ents=[("Monday", "DATE")],
    )
    ctx = make_context(doc)
    assert extract_agreements(ctx) == []
    assert ctx.decisions[-1].reason == "no party found"
    assert ctx.decisions[-1].text == "memorandum"


def test_a_signatory_alone_does_not_make_an_agreement():
    doc = build_doc(
        "John Smith signed the memorandum.",
        """
        0  John        PROPN  compound   1
        1  Smith       PROPN  nsubj      2
        2  signed      VERB   ROOT       2  sign
        3  the         DET    det        4
        4  memorandum  NOUN   dobj       2
        5  .           PUNCT  punct      2
        """,
        ents=[("John Smith", "PERSON")],
    )
    ctx = make_context(doc)
    assert extract_agreements(ctx) == []
    assert ctx.decisions[-1].reason == "no party found"


def test_contracts_only_referred_back_to_are_background():
    doc = build_doc(
        "Candidates barred from debate\n\nThe council met on Monday. Three debates are planned. "
        "Two candidates were left out because of the contracts they signed with the Electoral Commission.",
        r"""
        0   Candidates  NOUN   ROOT       0   candidate
        1   barred      VERB   acl        0   bar
        2   from        ADP    prep       1
        3   debate      NOUN   pobj       2
        4   \n\n        SPACE  dep        3
        5   The         DET    det        6
        6   council     NOUN   nsubj      7
        7   met         VERB   ROOT       7   meet
        8   on          ADP    prep       7
        9   Monday      PROPN  pobj       8
        10  .           PUNCT  punct      7
        11  Three       NUM    nummod     12
        12  debates     NOUN   nsubjpass  14  debate
        13  are         AUX    auxpass    14  be
        14  planned     VERB   ROOT       14  plan
        15  .           PUNCT  punct      14
        16  Two         NUM    nummod     17
        17  candidates  NOUN   nsubjpass  19  candidate
        18  were        AUX    auxpass    19  be
        19  left        VERB   ROOT       19  leave
        20  out         ADP    prt        19
        21  because     SCONJ  prep       19
        22  of          ADP    pcomp      21
        23  the         DET    det        24
        24  contracts   NOUN   pobj       21  contract
        25  they        PRON   nsubj      26
        26  signed      VERB   relcl      24  sign
        27  with        ADP    prep       26
        28  the         DET    det        30
        29  Electoral   PROPN  compound   30
        30  Commission  PROPN  pobj       27
        31  .           PUNCT  punct      19
        """,
        ents=[("Monday", "DATE"), ("Three", "CARDINAL"), ("Two", "CARDINAL"), ("the Electoral Commission", "ORG")],
    )
    ctx = make_context(doc)
    assert extract_agreements(ctx) == []
    assert (
        ctx.decisions[-1].reason
        == "background: only mentioned as an instrument that already exists ('the contracts they signed')"
    )


# --- the sentences that describe each agreement (_add_description) -----------------------------


def _sentences_doc(text: str):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    index_sentences(doc)
    return doc


def _mention(doc, phrase: str, type_: str = "memorandum_of_understanding", occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(phrase, start + 1)
    return Mention(start, start + len(phrase), phrase, type_, "term.test", generic=phrase.lower() == "agreement")


def _finding(doc, mention: Mention) -> AgreementFinding:
    """An agreement signed in the sentence of `mention`."""
    sentence = doc.char_span(mention.start, mention.end).sent
    cue = Evidence(mention.start, mention.end, mention.text, "status.test")
    finding = AgreementFinding(mention.type, "signed", mention.text, [mention], cue)
    finding.events.append(Event(sentence, mention, "signed", cue, sentence.root))
    return finding


def _described(doc, findings, mentions) -> list[list[str]]:
    _add_description(findings, mentions, Context(doc, rules(), gazetteer(), [], [], None, 10))
    return [[doc.text[s:e].strip() for s, e in f.description] for f in findings]


def test_description_goes_on_after_a_lead_in():
    doc = _sentences_doc(
        "Ashford and Brill signed a memorandum on Monday. Specifically, the partnership aims at youth work. "
        "In addition, it covers sport. The weather was fine."
    )
    mou = _mention(doc, "memorandum")
    assert _described(doc, [_finding(doc, mou)], [mou]) == [
        [
            "Ashford and Brill signed a memorandum on Monday.",
            "Specifically, the partnership aims at youth work.",
            "In addition, it covers sport.",
        ]
    ]


def test_the_parties_together_describe_the_latest_agreement():
    doc = _sentences_doc(
        "Ashford and Brill signed a memorandum on Monday. The mayors then toured the harbour. "
        "The two towns will also cooperate on tourism. Officials from both towns had lunch."
    )
    mou = _mention(doc, "memorandum")
    assert _described(doc, [_finding(doc, mou)], [mou]) == [
        ["Ashford and Brill signed a memorandum on Monday.", "The two towns will also cooperate on tourism."]
    ]


def test_the_signing_sentence_of_another_agreement_does_not_inherit():
    doc = _sentences_doc(
        "Ashford and Brill signed a memorandum on tourism. "
        "The memorandum on water was signed by the two ministers of water."
    )
    first, second = _mention(doc, "memorandum"), _mention(doc, "memorandum", occurrence=1)
    assert _described(doc, [_finding(doc, first), _finding(doc, second)], [first, second]) == [
        ["Ashford and Brill signed a memorandum on tourism."],
        ["The memorandum on water was signed by the two ministers of water."],
    ]


def test_an_indefinite_mention_introduces_another_instrument():
    doc = _sentences_doc(
        "Ashford and Brill signed a memorandum on tourism. "
        "An agreement on fisheries between the two countries was signed later. The memorandum runs for five years."
    )
    mou, other = _mention(doc, "memorandum"), _mention(doc, "agreement", "other")
    later = _mention(doc, "memorandum", occurrence=1)
    assert _described(doc, [_finding(doc, mou)], [mou, other, later]) == [
        ["Ashford and Brill signed a memorandum on tourism.", "The memorandum runs for five years."]
    ]


def test_the_other_instruments_are_not_the_one_told_before():
    doc = _sentences_doc(
        "Ashford and Brill signed a memorandum on tourism. The other memoranda cover farming and health. "
        "The two others are renewed agreements on sport. The memorandum runs for five years."
    )
    mou = _mention(doc, "memorandum")
    others = _mention(doc, "memoranda")
    renewed = _mention(doc, "agreements", "other")
    later = _mention(doc, "memorandum", occurrence=1)
    assert _described(doc, [_finding(doc, mou)], [mou, others, renewed, later]) == [
        ["Ashford and Brill signed a memorandum on tourism.", "The memorandum runs for five years."]
    ]


def test_other_aims_of_the_instrument_still_describe_it():
    doc = _sentences_doc(
        "Ashford and Brill signed a memorandum on tourism. The other goals of the memorandum are sport and health."
    )
    mou, later = _mention(doc, "memorandum"), _mention(doc, "memorandum", occurrence=1)
    assert _described(doc, [_finding(doc, mou)], [mou, later]) == [
        ["Ashford and Brill signed a memorandum on tourism.", "The other goals of the memorandum are sport and health."]
    ]


def test_each_other_does_not_set_an_instrument_apart():
    doc = _sentences_doc(
        "Ashford and Brill signed a memorandum on tourism. They will help each other under the memorandum."
    )
    mou, later = _mention(doc, "memorandum"), _mention(doc, "memorandum", occurrence=1)
    assert _described(doc, [_finding(doc, mou)], [mou, later]) == [
        ["Ashford and Brill signed a memorandum on tourism.", "They will help each other under the memorandum."]
    ]


def test_the_new_partnership_describes_the_latest_agreement_after_other_sentences():
    doc = _sentences_doc(
        "Ashford and Brill signed a memorandum on Monday. The mayors then toured the harbour. "
        "Lunch followed. During the long visit to the harbour, the mayors agreed to twin their schools. "
        "This partnership also covers sport. Guests praised the food. The loan will pay for a new quay."
    )
    mou = _mention(doc, "memorandum")
    assert _described(doc, [_finding(doc, mou)], [mou]) == [
        [
            "Ashford and Brill signed a memorandum on Monday.",
            "During the long visit to the harbour, the mayors agreed to twin their schools.",
            "This partnership also covers sport.",
            "The loan will pay for a new quay.",
        ]
    ]


def test_a_sentence_whose_subject_is_two_of_the_parties_describes_their_agreement():
    doc = _sentences_doc(
        "Ashford Council and Brill signed a memorandum on Monday. The mayors then toured the harbour. "
        "Ashford and Brill are committed to cleaner rivers. Ashford and Dover share a ferry."
    )
    mou = _mention(doc, "memorandum")
    finding = _finding(doc, mou)
    finding.parties = [
        PartyFinding("Ashford", "city", "GB", None, ["Ashford Council"], []),
        PartyFinding("Brill", "city", "GB", None, [], []),
    ]
    assert _described(doc, [finding], [mou]) == [
        [
            "Ashford Council and Brill signed a memorandum on Monday.",
            "Ashford and Brill are committed to cleaner rivers.",
        ]
    ]


def renewal_doc():
    return build_doc(
        "Ghana and Togo signed a sister city agreement in 1990. The mayors renewed a cooperation agreement on Monday.",
        """
        0   Ghana      PROPN  nsubj     3
        1   and        CCONJ  cc        0
        2   Togo       PROPN  conj      0
        3   signed     VERB   ROOT      3   sign
        4   a          DET    det       7
        5   sister     NOUN   compound  6
        6   city       NOUN   compound  7
        7   agreement  NOUN   dobj      3
        8   in         ADP    prep      3
        9   1990       NUM    pobj      8
        10  .          PUNCT  punct     3
        11  The        DET    det       12
        12  mayors     NOUN   nsubj     13
        13  renewed      VERB   ROOT      13  renew
        14  a            DET    det       16
        15  cooperation  NOUN   compound  16
        16  agreement    NOUN   dobj      13
        17  on           ADP    prep      13
        18  Monday       PROPN  pobj      17
        19  .            PUNCT  punct     13
        """,
        ents=[("Ghana", "GPE"), ("Togo", "GPE"), ("1990", "DATE"), ("Monday", "DATE")],
        published="2024-05-02",
    )


def test_a_renewal_binds_the_parties_of_the_first_signing_however_old():
    ctx = make_context(renewal_doc())
    (finding,) = extract_agreements(ctx)
    assert (finding.status, [p.name for p in finding.parties]) == ("renewed", ["Ghana", "Togo"])
    assert [e.rule for p in finding.parties for e in p.evidence] == ["party.same_ceremony"] * 2


# --- the form of a vague agreement named later (_form_named_later) -----------------------------


def _forms(doc, findings, mentions) -> list[str]:
    _form_named_later(findings, mentions, Context(doc, rules(), gazetteer(), [], [], None, 10))
    return [f.type for f in findings]


def test_a_vague_deal_takes_the_form_named_when_referred_back_to():
    doc = _sentences_doc("Ashford and Brill signed a deal on Monday. The memorandum of understanding covers ferries.")
    start = doc.text.index("deal")
    deal = Mention(start, start + 4, "deal", "other", "term.deal", generic=True)
    later = _mention(doc, "memorandum of understanding")
    assert _forms(doc, [_finding(doc, deal)], [deal, later]) == ["memorandum_of_understanding"]


def test_an_indefinite_mention_names_another_instrument_not_the_form():
    doc = _sentences_doc("Ashford and Brill signed an agreement on Monday. A memorandum on ferries is planned.")
    agreement, later = _mention(doc, "agreement", "other"), _mention(doc, "memorandum")
    assert _forms(doc, [_finding(doc, agreement)], [agreement, later]) == ["other"]


def test_an_instrument_named_by_its_own_name_is_not_the_form():
    doc = _sentences_doc("Ashford signed the agreement on Monday. It builds on the Ocean Treaty of 1990.")
    agreement, later = _mention(doc, "agreement", "other"), _mention(doc, "Treaty", "treaty")
    assert _forms(doc, [_finding(doc, agreement)], [agreement, later]) == ["other"]


def test_the_form_of_an_instrument_already_reported_is_not_given_to_another():
    doc = _sentences_doc(
        "Ashford and Brill signed a memorandum on Monday. Ashford also signed an agreement with Cole. "
        "The memorandum covers ferries."
    )
    mou, agreement = _mention(doc, "memorandum"), _mention(doc, "agreement", "other")
    later = _mention(doc, "memorandum", occurrence=1)
    findings = [_finding(doc, mou), _finding(doc, agreement)]
    assert _forms(doc, findings, [mou, agreement, later]) == ["memorandum_of_understanding", "other"]


# --- status ------------------------------------------------------------------------------------


def headline_to_sign_body_signed(body_verb: str, body_lemma: str, aux: str):
    text = f"Lagos to sign MoU with Rotterdam\n\nThe MoU {aux} {body_verb} by Lagos and Rotterdam on Friday."
    return build_doc(
        text,
        rf"""
        0   Lagos      PROPN  nsubj      2
        1   to         PART   aux        2
        2   sign       VERB   ROOT       2
        3   MoU        NOUN   dobj       2
        4   with       ADP    prep       3
        5   Rotterdam  PROPN  pobj       4
        6   \n\n       SPACE  dep        5
        7   The        DET    det        8
        8   MoU        NOUN   nsubjpass  11
        9   {aux.split()[0]:<10} AUX    aux        11
        10  {aux.split()[1]:<10} AUX    auxpass    11
        11  {body_verb:<10} VERB   ROOT       11  {body_lemma}
        12  by         ADP    agent      11
        13  Lagos      PROPN  pobj       12
        14  and        CCONJ  cc         13
        15  Rotterdam  PROPN  conj       13
        16  on         ADP    prep       11
        17  Friday     PROPN  pobj       16
        18  .          PUNCT  punct      11
        """,
        ents=[("Lagos", "GPE"), ("Rotterdam", "GPE"), ("Lagos", "GPE"), ("Rotterdam", "GPE"), ("Friday", "DATE")],
    )


def test_the_body_reporting_the_signing_overrides_a_headline_to_sign():
    finding = only_agreement(headline_to_sign_body_signed("signed", "sign", "has been"))
    assert (finding.status, finding.status_evidence.rule) == ("signed", "status.sign_verb")


def test_a_headline_to_sign_stays_planned_when_the_body_tells_the_future():
    finding = only_agreement(headline_to_sign_body_signed("signed", "sign", "will be"))
    assert (finding.status, finding.status_evidence.rule) == ("planned", "status.headline_future")
