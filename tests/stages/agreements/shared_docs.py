"""Hand-built Docs that several of the agreements stage's test modules read."""

from tests.stages.docs import build_doc


def two_instruments_in_one_sentence():
    return build_doc(
        "Kenya and Uganda signed an MoU on energy; Rwanda and Burundi signed a trade agreement.",
        """
            0   Kenya      PROPN  nsubj     3
            1   and        CCONJ  cc        0
            2   Uganda     PROPN  conj      0
            3   signed     VERB   ccomp     12  sign
            4   an         DET    det       5
            5   MoU        NOUN   dobj      3
            6   on         ADP    prep      3
            7   energy     NOUN   pobj      6
            8   ;          PUNCT  punct     12
            9   Rwanda     PROPN  nsubj     12
            10  and        CCONJ  cc        9
            11  Burundi    PROPN  conj      9
            12  signed     VERB   ROOT      12  sign
            13  a          DET    det       15
            14  trade      NOUN   compound  15
            15  agreement  NOUN   dobj      12
            16  .          PUNCT  punct     12
            """,
        ents=[("Kenya", "GPE"), ("Uganda", "GPE"), ("Rwanda", "GPE"), ("Burundi", "GPE")],
    )


def dateline_doc():
    return build_doc(
        "ACCRA, June 14 (Xinhua) -- Ghana and Kenya signed an MoU here on Tuesday.",
        """
            0   ACCRA    PROPN  dep       11
            1   ,        PUNCT  punct     0
            2   June     PROPN  npadvmod  0
            3   14       NUM    nummod    2
            4   (        PUNCT  punct     5
            5   Xinhua   PROPN  appos     2
            6   )        PUNCT  punct     5
            7   --       PUNCT  punct     0
            8   Ghana    PROPN  nsubj     11
            9   and      CCONJ  cc        8
            10  Kenya    PROPN  conj      8
            11  signed   VERB   ROOT      11  sign
            12  an       DET    det       13
            13  MoU      NOUN   dobj      11
            14  here     ADV    advmod    11
            15  on       ADP    prep      11
            16  Tuesday  PROPN  pobj      15
            17  .        PUNCT  punct     11
            """,
        ents=[
            ("ACCRA", "GPE"),
            ("June 14", "DATE"),
            ("Xinhua", "ORG"),
            ("Ghana", "GPE"),
            ("Kenya", "GPE"),
            ("Tuesday", "DATE"),
        ],
    )


def signed_in_accra_doc():
    return build_doc(
        "Kenya and Ghana signed an MoU in Accra on Tuesday.",
        """
            0   Kenya    PROPN  nsubj  3
            1   and      CCONJ  cc     0
            2   Ghana    PROPN  conj   0
            3   signed   VERB   ROOT   3  sign
            4   an       DET    det    5
            5   MoU      NOUN   dobj   3
            6   in       ADP    prep   3
            7   Accra    PROPN  pobj   6
            8   on       ADP    prep   3
            9   Tuesday  PROPN  pobj   8
            10  .        PUNCT  punct  3
            """,
        ents=[("Kenya", "GPE"), ("Ghana", "GPE"), ("Accra", "GPE"), ("Tuesday", "DATE")],
    )


def named_trade_agreement_doc():
    return build_doc(
        "Kenya and Ghana signed the Kenya-Ghana Trade Agreement on Friday.",
        """
            0   Kenya      PROPN  nsubj     3
            1   and        CCONJ  cc        0
            2   Ghana      PROPN  conj      0
            3   signed     VERB   ROOT      3   sign
            4   the        DET    det       9
            5   Kenya      PROPN  compound  7
            6   -          PUNCT  punct     7
            7   Ghana      PROPN  compound  9
            8   Trade      PROPN  compound  9
            9   Agreement  PROPN  dobj      3
            10  on         ADP    prep      3
            11  Friday     PROPN  pobj      10
            12  .          PUNCT  punct     3
            """,
        ents=[("Kenya", "GPE"), ("Ghana", "GPE"), ("Kenya", "GPE"), ("Ghana", "GPE"), ("Friday", "DATE")],
    )


def agreement_with_object_doc():
    return build_doc(
        "Kenya signed a trade agreement with Nigeria.",
        """
            0  Kenya      PROPN  nsubj     1
            1  signed     VERB   ROOT      1  sign
            2  a          DET    det       4
            3  trade      NOUN   compound  4
            4  agreement  NOUN   dobj      1
            5  with       ADP    prep      4
            6  Nigeria    PROPN  pobj      5
            7  .          PUNCT  punct     1
            """,
        ents=[("Kenya", "GPE"), ("Nigeria", "GPE")],
    )
