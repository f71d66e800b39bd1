"""The pipeline's config: `pipeline/pipeline.cfg` (spaCy/thinc config syntax, read with
confection), checked against one table of every setting.

The defaults live in pipeline.cfg only. `load_config` applies dotted-key overrides
(`{"nlp.batch_size": 32}`, what `--set` gives) and checks the whole result at once: an
unknown key, a missing one or a value of the wrong type is a ConfigError naming every
problem, before anything is loaded.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from confection import Config

from pipeline.errors import ConfigError

DEFAULT_CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")


@dataclass(frozen=True)
class Setting:
    """What one config value must be: its type, and its allowed range for numbers."""

    kind: str  # "str", "int", "number", "str_list"
    minimum: float | None = None
    maximum: float | None = None

    def problem(self, value: Any) -> str | None:
        """Why `value` is not a valid value of this setting, or None."""
        if self.kind == "str":
            return None if isinstance(value, str) else "a string"
        if self.kind == "str_list":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            return None if ok else "a list of strings"
        numeric = (int,) if self.kind == "int" else (int, float)
        if isinstance(value, bool) or not isinstance(value, numeric):
            return "a whole number" if self.kind == "int" else "a number"
        if self.minimum is not None and value < self.minimum:
            return f"at least {self.minimum:g}"
        if self.maximum is not None and value > self.maximum:
            return f"at most {self.maximum:g}"
        return None


SETTINGS: dict[str, Setting] = {
    "paths.models": Setting("str"),
    "input.max_file_mb": Setting("number", minimum=0),
    "input.max_chars": Setting("int", minimum=1),
    "input.language": Setting("str"),
    "input.min_language_probability": Setting("number", minimum=0, maximum=1),
    "input.min_language_chars": Setting("int", minimum=0),
    "nlp.model": Setting("str"),
    "nlp.fallback_models": Setting("str_list"),
    "nlp.exclude": Setting("str_list"),
    "nlp.batch_size": Setting("int", minimum=1),
    "nlp.batch_chars": Setting("int", minimum=1),
    "nlp.chunk_chars": Setting("int", minimum=2),
    "nlp.stages": Setting("str_list"),
    "components.ag_sentences.before": Setting("str"),
    "components.ag_sentences.models_dir": Setting("str"),
    "components.ag_entities.models_dir": Setting("str"),
    "components.ag_people.models_dir": Setting("str"),
    "components.ag_places.models_dir": Setting("str"),
    "components.ag_agreements.models_dir": Setting("str"),
    "components.ag_agreements.max_age_years": Setting("int", minimum=0),
    "components.ag_areas.models_dir": Setting("str"),
    "components.ag_areas.min_score": Setting("number", minimum=0, maximum=1),
}


def _flatten(section: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"nlp.batch_size": 16, ...}: every value of a config under its dotted key (empty
    sections, such as a stage without settings, have no key)."""
    flat: dict[str, Any] = {}
    for key, value in section.items():
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def config_problems(config: Mapping[str, Any], overrides: Mapping[str, Any] = ()) -> list[str]:
    """Every way `config` differs from the table of settings. The settings of a stage a
    researcher added with a `factory` of their own are not the table's to check."""
    own_stages = tuple(
        f"components.{name}." for name, section in config.get("components", {}).items() if "factory" in section
    )
    problems = []
    for key, value in sorted(_flatten(config).items()):
        if key.startswith(own_stages):
            continue
        setting = SETTINGS.get(key)
        if setting is None:
            where = f"--set {key}" if key in overrides else key
            problems.append(f"{where}: no such setting{_did_you_mean(key)}")
        elif (expected := setting.problem(value)) is not None:
            problems.append(f"{key} = {value!r}: must be {expected}")
    missing = set(SETTINGS) - set(_flatten(config))
    problems.extend(f"{key}: missing" for key in sorted(missing))
    return problems


def _did_you_mean(key: str) -> str:
    close = difflib.get_close_matches(key, SETTINGS, n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> Config:
    """The pipeline config with dotted-key overrides applied ({"nlp.batch_size": 32}), checked
    against the table of settings; raises ConfigError naming every problem."""
    path = Path(path) if path else DEFAULT_CONFIG_PATH
    overrides = dict(overrides or {})
    if not path.is_file():
        raise ConfigError(f"config file {path} does not exist")
    try:
        config = Config().from_disk(path, overrides=overrides, interpolate=True)
    except Exception as exc:  # confection raises several types for a bad config; all mean the same here
        raise ConfigError(f"invalid config {path}: {exc}") from exc
    problems = config_problems(config, overrides)
    if problems:
        raise ConfigError(f"invalid config {path}:\n  " + "\n  ".join(problems))
    return config


def config_hash(config: Config) -> str:
    return hashlib.sha256(config.to_str().encode()).hexdigest()
