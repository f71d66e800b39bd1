"""A folder of the model's annotations, so that a run after a rule change only runs the rules.

The model's components (tagger, parser, NER...) take about nine tenths of a run; the rule stages
after them read their annotations and nothing else. With `agreements extract --model-cache DIR`
the annotations of each text are kept in DIR, keyed by the text and by everything the model's
part of the pipeline depends on (the model and its version, spaCy's version, the components that
run, how long texts are cut, and the settings of our stages that run among the model's, such as
ag_sentences' honorifics). A later run with the same key reads them back and runs only the rule
stages: the records are the same as without the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.errors import ConfigError, OutputError


class ModelCache:
    """The model's annotations of texts, one file each under `directory`."""

    def __init__(self, directory: str | Path, nlp: Language, model_stages: list[str], chunk_chars: int):
        self.directory = Path(directory)
        self.vocab = nlp.vocab
        parts = {
            "model": nlp.meta.get("ag_model", nlp.meta.get("name")),
            "model_version": nlp.meta.get("version"),
            "spacy": spacy.__version__,
            "stages": model_stages,
            "chunk_chars": chunk_chars,
        }
        for name in model_stages:
            component = nlp.get_pipe(name)
            if name in nlp.meta.get("ag_stages", ()):
                fingerprint = getattr(component, "cache_fingerprint", None)
                if fingerprint is None:
                    raise ConfigError(f"stage {name!r} runs among the model's components and cannot be cached")
                parts[name] = fingerprint
        self._fingerprint = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()

    def _path(self, text: str) -> Path:
        key = hashlib.sha256(f"{self._fingerprint}\0{text}".encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.spacy"

    def load(self, text: str) -> Doc | None:
        """The cached annotations of `text`, or None."""
        path = self._path(text)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise OutputError(f"cannot read the model cache {path}: {exc}") from exc
        return Doc(self.vocab).from_bytes(data)

    def store(self, text: str, doc: Doc) -> None:
        """Keep the model's annotations of `text` (the Doc as the model's components left it)."""
        path = self._path(text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # workers may write the same text
            temporary.write_bytes(doc.to_bytes(exclude=["user_data", "tensor"]))
            temporary.replace(path)
        except OSError as exc:
            raise OutputError(f"cannot write the model cache {path}: {exc}") from exc
