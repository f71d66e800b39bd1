"""Plain-text knowledge shared by the readers, the stages and the evaluation: how names are
folded for comparison (`names`), how dates are written and parsed (`dates`), and what a
dateline looks like (`datelines`). No spaCy here."""
