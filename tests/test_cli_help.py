"""Every command documents itself: help for every option, an example, and a README section."""

import re
from pathlib import Path

import pytest

from pipeline.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = next(a for a in build_parser()._actions if a.dest == "command").choices


def readme_section(command: str) -> str:
    match = re.search(rf"^### `agreements {command}\b.*?(?=^##)", README, flags=re.M | re.S)
    assert match, f"README has no '### `agreements {command} ...`' section"
    return match.group(0)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_for_every_option_and_an_example(name):
    command = COMMANDS[name]
    assert "example:" in (command.epilog or "")
    assert f"agreements {name}" in command.epilog
    for action in command._actions:
        if action.dest != "help":
            assert action.help, f"{name} {action.dest} has no help"
    assert command.format_help()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_and_each_of_its_options_are_in_the_readme(name):
    section = readme_section(name)
    for action in COMMANDS[name]._actions:
        flags = [flag for flag in action.option_strings if flag.startswith("--") and flag != "--help"]
        for flag in flags:
            assert f"`{flag}" in section, f"README section of `agreements {name}` does not explain {flag}"
