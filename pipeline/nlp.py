"""Build the pipeline from its config file: the one function the CLI, tests and notebooks use."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import Any, Mapping

import spacy
from spacy.language import Language
from thinc.api import Config

import pipeline.components  # noqa: F401  (registers the ag_* factories)
from pipeline.errors import ConfigError

DEFAULT_CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Config:
    """The pipeline config with dotted-key overrides applied ({"nlp.batch_size": 32})."""
    path = Path(path) if path else DEFAULT_CONFIG_PATH
    if not path.is_file():
        raise ConfigError(f"config file {path} does not exist")
    try:
        return Config().from_disk(path, overrides=dict(overrides or {}), interpolate=True)
    except Exception as exc:  # thinc raises several types for a bad config; all mean the same here
        raise ConfigError(f"invalid config {path}: {exc}") from exc


def config_hash(config: Config) -> str:
    return hashlib.sha256(config.to_str().encode()).hexdigest()


def resolve_model_name(config: Config) -> str:
    """The first of the configured model packages that is installed."""
    names = [config["nlp"]["model"], *config["nlp"].get("fallback_models", [])]
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ConfigError(f"none of the spaCy pipelines {names} is installed; run `make install`")


def build_pipeline(config: Config | str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Language:
    """Load the spaCy model and add the ag_* stages as the config says."""
    if not isinstance(config, Config):
        config = load_config(config, overrides)
    model = resolve_model_name(config)
    nlp = spacy.load(model, exclude=list(config["nlp"].get("exclude", [])))
    for stage in config["nlp"]["stages"]:
        settings = dict(config["components"].get(stage, {}))
        factory = settings.pop("factory", stage)
        before = settings.pop("before", None)
        if before is not None and before not in nlp.pipe_names:
            before = None  # the model component it precedes was excluded
        try:
            nlp.add_pipe(factory, name=stage, config=settings, before=before)
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"cannot add stage {stage!r}: {exc}") from exc
    nlp.meta["ag_config"] = config.to_str()
    nlp.meta["ag_config_hash"] = config_hash(config)
    nlp.meta["ag_model"] = model
    nlp.meta["ag_stages"] = list(config["nlp"]["stages"])
    return nlp
