"""The layers of ../shared/DESIGN.md are a promise; these tests keep it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    """import-linter checks the contracts written in pyproject.toml."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT / "src", capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _modules_loaded_by(module: str) -> set[str]:
    code = (
        f"import json, sys; import {module}; "
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return set(json.loads(result.stdout))


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("caredesk.domain", {"spacy", "sqlalchemy", "sqlmodel", "textual", "tweepy", "click"}),
        ("caredesk.config", {"spacy", "sqlalchemy", "sqlmodel", "textual", "tweepy"}),
        ("caredesk.policy.triage", {"spacy", "sqlalchemy", "sqlmodel", "textual", "tweepy"}),
        ("caredesk.policy.masking", {"spacy", "sqlalchemy", "sqlmodel", "textual", "tweepy"}),
        ("caredesk.tui.app", {"spacy", "tweepy"}),
        ("caredesk.cli.main", {"spacy", "tweepy", "textual", "sqlalchemy", "sqlmodel"}),
        ("caredesk.cli.analyze_commands", {"sqlalchemy", "sqlmodel", "textual", "tweepy"}),
    ],
)
def test_importing_a_layer_loads_nothing_it_must_not(module: str, forbidden: set[str]) -> None:
    """Pure layers stay pure; the TUI and CLI start without loading spaCy, and
    `caredesk analyze` (a filter, timed as a whole process) without the database layer."""
    assert not forbidden & _modules_loaded_by(module)
