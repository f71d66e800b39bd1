"""Signatories on hand-built Docs (pipeline.stages.agreements.signatories): who is reported as
signing in an event (signatories_of_event: "X and Y signed", "signed by X", titles standing
for people named earlier; not witnesses, nor a person behind another verb), the party each
signs for (party_for_signatory: "on behalf of", affiliation) and the last signatory linked
to the last party (link_by_elimination).
"""

from __future__ import annotations

import pytest

from pipeline.dataset.records import Evidence
from pipeline.stages.agreements.events import find_events
from pipeline.stages.agreements.findings import AgreementFinding, Decision, PartyFinding, SignatoryFinding
from pipeline.stages.agreements.mentions import find_mentions
from pipeline.stages.agreements.parties import party_from_entity
from pipeline.stages.agreements.signatories import link_by_elimination, party_for_signatory, signatories_of_event
from pipeline.stages.people import Person
from tests.stages.docs import build_doc, make_context


def signing_of(doc):
    """(context, the Doc's only event, what signatories_of_event finds in it)."""
    ctx = make_context(doc)
    (event,) = find_events(doc, ctx, find_mentions(doc, ctx.rules))[0]
    return ctx, event, signatories_of_event(event, ctx)


def names(found) -> list[tuple[str, str | None]]:
    return [(person.name, target.text if target is not None else None) for person, target in found]


def test_people_who_sign_together_are_signatories():
    doc = build_doc(
        "Governor Anne Waiguru and Mayor Lauri Lyly signed an MoU in Nyeri.",
        """
        0   Governor  PROPN  compound  2
        1   Anne      PROPN  compound  2
        2   Waiguru   PROPN  nsubj     7
        3   and       CCONJ  cc        2
        4   Mayor     PROPN  compound  6
        5   Lauri     PROPN  compound  6
        6   Lyly      PROPN  conj      2
        7   signed    VERB   ROOT      7  sign
        8   an        DET    det       9
        9   MoU       NOUN   dobj      7
        10  in        ADP    prep      7
        11  Nyeri     PROPN  pobj      10
        12  .         PUNCT  punct     7
        """,
        ents=[("Anne Waiguru", "PERSON"), ("Lauri Lyly", "PERSON"), ("Nyeri", "GPE")],
    )
    ctx, _, found = signing_of(doc)
    assert names(found) == [("Anne Waiguru", None), ("Lauri Lyly", None)]
    assert [p.role.text for p, _ in found] == ["Governor", "Mayor"]
    assert ctx.decisions[-2:] == [
        Decision("signatories", "Anne Waiguru", True, "reported as signing ('signed')"),
        Decision("signatories", "Lauri Lyly", True, "reported as signing ('signed')"),
    ]


def test_signed_by_names_the_signatories():
    doc = build_doc(
        "An MoU was signed by Governor Anne Waiguru and Mayor Lauri Lyly in Nyeri.",
        """
        0   An        DET    det        1
        1   MoU       NOUN   nsubjpass  3
        2   was       AUX    auxpass    3   be
        3   signed    VERB   ROOT       3   sign
        4   by        ADP    agent      3
        5   Governor  PROPN  compound   7
        6   Anne      PROPN  compound   7
        7   Waiguru   PROPN  pobj       4
        8   and       CCONJ  cc         7
        9   Mayor     PROPN  compound   11
        10  Lauri     PROPN  compound   11
        11  Lyly      PROPN  conj       7
        12  in        ADP    prep       11
        13  Nyeri     PROPN  pobj       12
        14  .         PUNCT  punct      3
        """,
        ents=[("Anne Waiguru", "PERSON"), ("Lauri Lyly", "PERSON"), ("Nyeri", "GPE")],
    )
    _, _, found = signing_of(doc)
    assert names(found) == [("Anne Waiguru", None), ("Lauri Lyly", None)]


def test_a_witness_is_not_a_signatory():
    doc = build_doc(
        "Kenya and Ghana signed an MoU in the presence of President William Ruto.",
        """
        0   Kenya      PROPN  nsubj     3
        1   and        CCONJ  cc        0
        2   Ghana      PROPN  conj      0
        3   signed     VERB   ROOT      3   sign
        4   an         DET    det       5
        5   MoU        NOUN   dobj      3
        6   in         ADP    prep      3
        7   the        DET    det       8
        8   presence   NOUN   pobj      6
        9   of         ADP    prep      8
        10  President  PROPN  compound  12
        11  William    PROPN  compound  12
        12  Ruto       PROPN  pobj      9
        13  .          PUNCT  punct     3
        """,
        ents=[("Kenya", "GPE"), ("Ghana", "GPE"), ("William Ruto", "PERSON")],
    )
    _, _, found = signing_of(doc)
    assert found == []


def test_a_person_behind_another_verb_is_not_a_signatory():
    doc = build_doc(
        "President Samia Hassan welcomed the accord that Kenya and Uganda signed.",
        """
        0   President  PROPN  compound  2
        1   Samia      PROPN  compound  2
        2   Hassan     PROPN  nsubj     3
        3   welcomed   VERB   ROOT      3   welcome
        4   the        DET    det       5
        5   accord     NOUN   dobj      3
        6   that       SCONJ  dobj      10
        7   Kenya      PROPN  nsubj     10
        8   and        CCONJ  cc        7
        9   Uganda     PROPN  conj      7
        10  signed     VERB   relcl     5   sign
        11  .          PUNCT  punct     3
        """,
        ents=[("Samia Hassan", "PERSON"), ("Kenya", "GPE"), ("Uganda", "GPE")],
    )
    ctx, _, found = signing_of(doc)
    assert found == []
    assert ctx.decisions[-1] == Decision(
        "signatories", "Samia Hassan", False, "verb 'welcomed' stands between the person and the signing"
    )


def on_behalf_doc():
    return build_doc(
        "The agreement was signed by Health Minister Jane Mensah on behalf of Ghana.",
        """
        0   The        DET    det        1
        1   agreement  NOUN   nsubjpass  3
        2   was        AUX    auxpass    3   be
        3   signed     VERB   ROOT       3   sign
        4   by         ADP    agent      3
        5   Health     PROPN  compound   6
        6   Minister   PROPN  compound   8
        7   Jane       PROPN  compound   8
        8   Mensah     PROPN  pobj       4
        9   on         ADP    prep       3
        10  behalf     NOUN   pobj       9
        11  of         ADP    prep       10
        12  Ghana      PROPN  pobj       11
        13  .          PUNCT  punct      3
        """,
        ents=[("Jane Mensah", "PERSON"), ("Ghana", "GPE")],
    )


def test_signed_on_behalf_of_gives_what_the_signatory_signs_for():
    _, _, found = signing_of(on_behalf_doc())
    assert names(found) == [("Jane Mensah", "Ghana")]


def test_party_for_signatory_from_on_behalf_of():
    doc = on_behalf_doc()
    ctx, _, [(person, target)] = signing_of(doc)
    ghana = party_from_entity(target.start_char, target.end_char, ctx, "party.signs_for")
    at = doc.text.index("Ghana")
    assert party_for_signatory(person, target, [ghana], ctx) == (
        "Ghana",
        Evidence(at, at + 5, "Ghana", "signatory.signs_for"),
    )


def affiliations_doc():
    return build_doc(
        "Governor Hassan Joho of Mombasa and Mayor Jonas Berg of Kristiansand signed a sister city agreement.",
        """
        0   Governor      PROPN  compound  2
        1   Hassan        PROPN  compound  2
        2   Joho          PROPN  nsubj     11
        3   of            ADP    prep      2
        4   Mombasa       PROPN  pobj      3
        5   and           CCONJ  cc        2
        6   Mayor         PROPN  compound  8
        7   Jonas         PROPN  compound  8
        8   Berg          PROPN  conj      2
        9   of            ADP    prep      8
        10  Kristiansand  PROPN  pobj      9
        11  signed        VERB   ROOT      11  sign
        12  a             DET    det       15
        13  sister        NOUN   compound  14
        14  city          NOUN   compound  15
        15  agreement     NOUN   dobj      11
        16  .             PUNCT  punct     11
        """,
        ents=[("Hassan Joho", "PERSON"), ("Mombasa", "GPE"), ("Jonas Berg", "PERSON"), ("Kristiansand", "GPE")],
    )


def test_people_with_affiliations_are_signatories():
    _, _, found = signing_of(affiliations_doc())
    assert names(found) == [("Hassan Joho", None), ("Jonas Berg", None)]
    assert [p.affiliation.text for p, _ in found] == ["Mombasa", "Kristiansand"]


def test_party_for_signatory_from_affiliation():
    doc = affiliations_doc()
    ctx, _, found = signing_of(doc)
    mombasa, kristiansand = (doc.text.index(name) for name in ("Mombasa", "Kristiansand"))
    parties = [
        party_from_entity(mombasa, mombasa + 7, ctx, "party.signatory_affiliation"),
        party_from_entity(kristiansand, kristiansand + 12, ctx, "party.signatory_affiliation"),
    ]
    assert [party_for_signatory(person, None, parties, ctx) for person, _ in found] == [
        ("Mombasa", Evidence(mombasa, mombasa + 7, "Mombasa", "signatory.person.affiliation_after")),
        (
            "Kristiansand",
            Evidence(kristiansand, kristiansand + 12, "Kristiansand", "signatory.person.affiliation_after"),
        ),
    ]


def test_no_party_for_a_signatory_with_no_link():
    doc = affiliations_doc()
    ctx, _, found = signing_of(doc)
    lagos = PartyFinding("Lagos", "city", "NG", None, [], [Evidence(0, 5, "Lagos", "test")])
    assert party_for_signatory(found[0][0], None, [lagos], ctx) == (None, None)


def test_who_leads_the_signing_signs():
    doc = build_doc(
        "Mayor Jerry Tan led the signing of the agreement.",
        """
        0  Mayor      PROPN  compound  2
        1  Jerry      PROPN  compound  2
        2  Tan        PROPN  nsubj     3
        3  led        VERB   ROOT      3  lead
        4  the        DET    det       5
        5  signing    NOUN   dobj      3
        6  of         ADP    prep      5
        7  the        DET    det       8
        8  agreement  NOUN   pobj      6
        9  .          PUNCT  punct     3
        """,
        ents=[("Jerry Tan", "PERSON")],
    )
    _, _, found = signing_of(doc)
    assert names(found) == [("Jerry Tan", None)]


def test_the_leader_of_a_signing_delegation_signs():
    doc = build_doc(
        "The delegation, led by Ko Minsu, signed the agreement.",
        """
        0   The         DET    det       1
        1   delegation  NOUN   nsubj     8
        2   ,           PUNCT  punct     1
        3   led         VERB   acl       1   lead
        4   by          ADP    agent     3
        5   Ko          PROPN  compound  6
        6   Minsu       PROPN  pobj      4
        7   ,           PUNCT  punct     1
        8   signed      VERB   ROOT      8   sign
        9   the         DET    det       10
        10  agreement   NOUN   dobj      8
        11  .           PUNCT  punct     8
        """,
        ents=[("Ko Minsu", "PERSON")],
    )
    _, _, found = signing_of(doc)
    assert names(found) == [("Ko Minsu", None)]


def test_on_behalf_of_before_the_signers_names_the_first_one_s_party():
    doc = build_doc(
        "The MoU was signed on behalf of UNESCO by Ana Ruiz and Ken Mori.",
        """
        0   The     DET    det        1
        1   MoU     NOUN   nsubjpass  3
        2   was     AUX    auxpass    3   be
        3   signed  VERB   ROOT       3   sign
        4   on      ADP    prep       3
        5   behalf  NOUN   pobj       4
        6   of      ADP    prep       5
        7   UNESCO  PROPN  pobj       6
        8   by      ADP    agent      3
        9   Ana     PROPN  compound   10
        10  Ruiz    PROPN  pobj       8
        11  and     CCONJ  cc         10
        12  Ken     PROPN  compound   13
        13  Mori    PROPN  conj       10
        14  .       PUNCT  punct      3
        """,
        ents=[("UNESCO", "ORG"), ("Ana Ruiz", "PERSON"), ("Ken Mori", "PERSON")],
    )
    _, _, found = signing_of(doc)
    assert names(found) == [("Ana Ruiz", "UNESCO"), ("Ken Mori", None)]


def test_on_behalf_of_after_a_signer_names_that_signer_s_party():
    doc = build_doc(
        "Ana Ruiz, on behalf of Peru, and Ken Mori signed the MoU.",
        """
        0   Ana     PROPN  compound  1
        1   Ruiz    PROPN  nsubj     11
        2   ,       PUNCT  punct     1
        3   on      ADP    prep      1
        4   behalf  NOUN   pobj      3
        5   of      ADP    prep      4
        6   Peru    PROPN  pobj      5
        7   ,       PUNCT  punct     1
        8   and     CCONJ  cc        1
        9   Ken     PROPN  compound  10
        10  Mori    PROPN  conj      1
        11  signed  VERB   ROOT      11  sign
        12  the     DET    det       13
        13  MoU     NOUN   dobj      11
        14  .       PUNCT  punct     11
        """,
        ents=[("Ana Ruiz", "PERSON"), ("Peru", "GPE"), ("Ken Mori", "PERSON")],
    )
    _, _, found = signing_of(doc)
    assert names(found) == [("Ana Ruiz", "Peru"), ("Ken Mori", None)]


def test_who_makes_the_visit_during_which_a_signing_happens_does_not_sign():
    doc = build_doc(
        "The MoU was signed during a state visit by President Ana Ruiz.",
        """
        0   The        DET    det        1
        1   MoU        NOUN   nsubjpass  3
        2   was        AUX    auxpass    3   be
        3   signed     VERB   ROOT       3   sign
        4   during     ADP    prep       3
        5   a          DET    det        7
        6   state      NOUN   compound   7
        7   visit      NOUN   pobj       4
        8   by         ADP    prep       7
        9   President  PROPN  compound   11
        10  Ana        PROPN  compound   11
        11  Ruiz       PROPN  pobj       8
        12  .          PUNCT  punct      3
        """,
        ents=[("Ana Ruiz", "PERSON")],
    )
    _, _, found = signing_of(doc)
    assert found == []


def test_who_witnesses_the_signing_with_a_witness_does_not_sign():
    doc = build_doc(
        "The minister witnessed the signing of the agreements with President Ana Ruiz.",
        """
        0   The         DET    det       1
        1   minister    NOUN   nsubj     2
        2   witnessed   VERB   ROOT      2   witness
        3   the         DET    det       4
        4   signing     NOUN   dobj      2
        5   of          ADP    prep      4
        6   the         DET    det       7
        7   agreements  NOUN   pobj      5   agreement
        8   with        ADP    prep      2
        9   President   PROPN  compound  11
        10  Ana         PROPN  compound  11
        11  Ruiz        PROPN  pobj      8
        12  .           PUNCT  punct     2
        """,
        ents=[("Ana Ruiz", "PERSON")],
    )
    _, _, found = signing_of(doc)
    assert found == []


def test_a_lone_word_with_no_title_is_not_a_signatory():
    doc = build_doc(
        "Kenya signed the agreement with Granard.",
        """
        0  Kenya      PROPN  nsubj  1
        1  signed     VERB   ROOT   1  sign
        2  the        DET    det    3
        3  agreement  NOUN   dobj   1
        4  with       ADP    prep   1
        5  Granard    PROPN  pobj   4
        6  .          PUNCT  punct  1
        """,
        ents=[("Kenya", "GPE"), ("Granard", "PERSON")],
    )
    ctx, _, found = signing_of(doc)
    assert found == []
    assert ctx.decisions[-1] == Decision(
        "signatories", "Granard", False, "one word with no title: not taken for a person"
    )


def test_people_present_at_the_signing_do_not_sign():
    doc = build_doc(
        "Ken Mori was present at the signing of the MoU.",
        """
        0  Ken      PROPN  compound  1
        1  Mori     PROPN  nsubj     2
        2  was      AUX    ROOT      2  be
        3  present  ADJ    acomp     2
        4  at       ADP    prep      3
        5  the      DET    det       6
        6  signing  NOUN   pobj      4
        7  of       ADP    prep      6
        8  the      DET    det       9
        9  MoU      NOUN   pobj      7
        10 .        PUNCT  punct     2
        """,
        ents=[("Ken Mori", "PERSON")],
    )
    _, _, found = signing_of(doc)
    assert found == []


def test_who_owns_what_comes_before_the_signing_does_not_sign():
    doc = build_doc(
        "On the eve of Ana Ruiz’s visit, Kenya and Peru signed the MoU.",
        """
        0   On      ADP    prep      12
        1   the     DET    det       2
        2   eve     NOUN   pobj      0
        3   of      ADP    prep      2
        4   Ana     PROPN  compound  5
        5   Ruiz    PROPN  poss      7
        6   ’s      PART   case      5
        7   visit   NOUN   pobj      3
        8   ,       PUNCT  punct     12
        9   Kenya   PROPN  nsubj     12
        10  and     CCONJ  cc        9
        11  Peru    PROPN  conj      9
        12  signed  VERB   ROOT      12  sign
        13  the     DET    det       14
        14  MoU     NOUN   dobj      12
        15  .       PUNCT  punct     12
        """,
        ents=[("Ana Ruiz", "PERSON"), ("Kenya", "GPE"), ("Peru", "GPE")],
    )
    _, _, found = signing_of(doc)
    assert found == []


def titles_doc(opening: str):
    """Two people named with titles, then '<opening> the Governor and the Mayor signed an MoU in Nyeri.'"""
    second = "Later, the" if opening == "Later" else "The"
    rows_second = (
        """
        14  Later     ADV    advmod    21
        15  ,         PUNCT  punct     21
        16  the       DET    det       17
        17  Governor  PROPN  nsubj     21
        18  and       CCONJ  cc        17
        19  the       DET    det       20
        20  Mayor     PROPN  conj      17
        21  signed    VERB   ROOT      21  sign
        22  an        DET    det       23
        23  MoU       NOUN   dobj      21
        24  in        ADP    prep      21
        25  Nyeri     PROPN  pobj      24
        26  .         PUNCT  punct     21
        """
        if opening == "Later"
        else """
        14  The       DET    det       15
        15  Governor  PROPN  nsubj     19
        16  and       CCONJ  cc        15
        17  the       DET    det       18
        18  Mayor     PROPN  conj      15
        19  signed    VERB   ROOT      19  sign
        20  an        DET    det       21
        21  MoU       NOUN   dobj      19
        22  in        ADP    prep      19
        23  Nyeri     PROPN  pobj      22
        24  .         PUNCT  punct     19
        """
    )
    return build_doc(
        f"Governor Anne Waiguru of Nyeri met Mayor Lauri Lyly of Espoo on "
        f"Monday. {second} Governor and the Mayor signed an MoU in Nyeri.",
        """
        0   Governor  PROPN  compound  2
        1   Anne      PROPN  compound  2
        2   Waiguru   PROPN  nsubj     5
        3   of        ADP    prep      2
        4   Nyeri     PROPN  pobj      3
        5   met       VERB   ROOT      5   meet
        6   Mayor     PROPN  compound  8
        7   Lauri     PROPN  compound  8
        8   Lyly      PROPN  dobj      5
        9   of        ADP    prep      8
        10  Espoo     PROPN  pobj      9
        11  on        ADP    prep      5
        12  Monday    PROPN  pobj      11
        13  .         PUNCT  punct     5
        """
        + rows_second,
        ents=[
            ("Anne Waiguru", "PERSON"),
            ("Nyeri", "GPE"),
            ("Lauri Lyly", "PERSON"),
            ("Espoo", "GPE"),
            ("Monday", "DATE"),
            ("Nyeri", "GPE"),
        ],
    )


def test_titles_stand_for_the_people_named_before():
    ctx, _, found = signing_of(titles_doc("Later"))
    assert names(found) == [("Anne Waiguru", None), ("Lauri Lyly", None)]
    assert ctx.decisions[-1] == Decision("signatories", "Lauri Lyly", True, "named by title as signing ('signed')")


def test_a_title_at_the_start_of_the_sentence_stands_for_its_holder():
    _, _, found = signing_of(titles_doc("The"))
    assert names(found) == [("Anne Waiguru", None), ("Lauri Lyly", None)]


# --- link_by_elimination ----------------------------------------------------------------------


def evidence(text: str, at: int) -> Evidence:
    return Evidence(at, at + len(text), text, "party.subject_of_signing")


def finding_with(signatories: list[tuple[str, str | None]]) -> AgreementFinding:
    ghana = PartyFinding("Ghana", "country", "GH", None, [], [evidence("Ghana", 0)])
    nigeria = PartyFinding("Nigeria", "country", "NG", None, [], [evidence("Nigeria", 10)])
    signers = [SignatoryFinding(Person(name), party, []) for name, party in signatories]
    return AgreementFinding(
        "memorandum_of_understanding",
        "signed",
        "MoU",
        [],
        evidence("signed", 18),
        parties=[ghana, nigeria],
        signatories=signers,
    )


def test_the_last_signatory_signs_for_the_party_left():
    finding = finding_with([("Jane Mensah", "Ghana"), ("Samuel Okafor", None)])
    link_by_elimination(finding)
    okafor = finding.signatories[1]
    assert (okafor.party, okafor.party_evidence) == ("Nigeria", Evidence(10, 17, "Nigeria", "signatory.by_elimination"))


def test_no_link_by_elimination_when_nobody_is_linked():
    finding = finding_with([("Jane Mensah", None)])
    link_by_elimination(finding)
    assert finding.signatories[0].party is None


def test_no_link_by_elimination_with_two_signatories_left():
    finding = finding_with([("Jane Mensah", "Ghana"), ("Samuel Okafor", None), ("Peter Musa", None)])
    link_by_elimination(finding)
    assert [s.party for s in finding.signatories] == ["Ghana", None, None]


# --- the only government among the parties ------------------------------------------------


def office_doc(text_after_name: str = ""):
    return build_doc(
        "Energy Minister Laila Hadi signed a memorandum with Voltora.",
        """
        0   Energy      PROPN  compound  1
        1   Minister    PROPN  compound  3
        2   Laila       PROPN  compound  3
        3   Hadi        PROPN  nsubj     4
        4   signed      VERB   ROOT      4  sign
        5   a           DET    det       6
        6   memorandum  NOUN   dobj      4
        7   with        ADP    prep      4
        8   Voltora     PROPN  pobj      7
        9   .           PUNCT  punct     4
        """,
        ents=[("Laila Hadi", "PERSON"), ("Voltora", "ORG")],
    )


def test_who_holds_a_public_office_signs_for_the_only_government():
    doc = office_doc()
    ctx, _, [(person, target)] = signing_of(doc)
    assert person.role.text == "Energy Minister"
    voltora = PartyFinding("Voltora", "company", None, None, [], [Evidence(45, 52, "Voltora", "test")])
    iraq = PartyFinding("Iraq", "country", "IQ", None, [], [Evidence(70, 74, "Iraq", "test")])
    assert party_for_signatory(person, target, [voltora, iraq], ctx) == (
        "Iraq",
        Evidence(70, 74, "Iraq", "signatory.sole_government"),
    )


def test_no_government_is_chosen_among_two():
    doc = office_doc()
    ctx, _, [(person, target)] = signing_of(doc)
    iraq = PartyFinding("Iraq", "country", "IQ", None, [], [Evidence(70, 74, "Iraq", "test")])
    basra = PartyFinding("Basra", "city", "IQ", None, [], [Evidence(80, 85, "Basra", "test")])
    assert party_for_signatory(person, target, [iraq, basra], ctx) == (None, None)


def test_a_company_title_does_not_sign_for_the_government():
    doc = build_doc(
        "Chief Executive Laila Hadi signed a memorandum.",
        """
        0   Chief       PROPN  compound  1
        1   Executive   PROPN  compound  3
        2   Laila       PROPN  compound  3
        3   Hadi        PROPN  nsubj     4
        4   signed      VERB   ROOT      4  sign
        5   a           DET    det       6
        6   memorandum  NOUN   dobj      4
        7   .           PUNCT  punct     4
        """,
        ents=[("Laila Hadi", "PERSON")],
    )
    ctx, _, [(person, target)] = signing_of(doc)
    iraq = PartyFinding("Iraq", "country", "IQ", None, [], [Evidence(70, 74, "Iraq", "test")])
    assert party_for_signatory(person, target, [iraq], ctx) == (None, None)


# --- titles in the plural ---------------------------------------------------------------------


PLURAL_TITLE_TEXT = (
    "Mayor Rosa Lind of Krakow and Mayor Pavel Novak of Brno met {}on Friday.\n\n"
    "The friendship agreement was signed by the {} in the town hall."
)


def signers_by_title(doc) -> list[str]:
    return [d.text for d in doc._.ag_decisions if d.stage == "signatories" and d.reason.startswith("holds the title")]


@pytest.mark.model
@pytest.mark.parametrize("title", ["mayors of both cities", "two mayors"])
def test_the_holders_of_a_title_in_the_plural_sign(run_text, title):
    doc = run_text(PLURAL_TITLE_TEXT.format("", title))
    (agreement,) = doc._.ag_agreements
    assert [s.person.name for s in agreement.signatories] == ["Rosa Lind", "Pavel Novak"]
    assert signers_by_title(doc) == ["Rosa Lind", "Pavel Novak"]


@pytest.mark.model
def test_a_title_in_the_plural_names_no_one_when_more_hold_it_than_the_text_says(run_text):
    doc = run_text(PLURAL_TITLE_TEXT.format("Mayor Ida Berg of Lund ", "mayors of both cities"))
    assert signers_by_title(doc) == []
