"""Build the pipeline from its config file: the one function the CLI, tests and notebooks use."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import spacy
from confection import Config
from spacy.language import Language

import pipeline.stages  # noqa: F401  (registers the ag_* factories)
from pipeline.config import config_hash, load_config
from pipeline.errors import ConfigError


def resolve_model_name(config: Config) -> str:
    """The first of the configured model packages that is installed."""
    names = [config["nlp"]["model"], *config["nlp"]["fallback_models"]]
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ConfigError(f"none of the spaCy pipelines {names} is installed; run `make install`")


def build_pipeline(config: Config | str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Language:
    """Load the spaCy model and add the ag_* stages as the config says (a Config, or the path
    of a config file, default pipeline/pipeline.cfg, with dotted-key `overrides`)."""
    if not isinstance(config, Config):
        config = load_config(config, overrides)
    model = resolve_model_name(config)
    nlp = spacy.load(model, exclude=list(config["nlp"]["exclude"]))
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
