"""The pipeline's own spaCy components, one module each; importing this package registers them.

| stage | module |
|---|---|
| ag_sentences | sentences.py |
| ag_entities | entities.py |
| ag_people | people.py |
| ag_places | places.py |
| ag_dates | dates.py |
| ag_agreements | agreements/ |
| ag_areas | areas.py |

Each stage reads what the previous ones left on the Doc (`doc._.ag_*`, see attributes.py) and
adds its own findings; `pipeline.build.build_pipeline` assembles them from the config file.
"""

from pipeline.stages import agreements, areas, attributes, dates, entities, people, places, sentences

__all__ = ["agreements", "areas", "attributes", "dates", "entities", "people", "places", "sentences"]
