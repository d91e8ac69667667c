"""Layering: caredesk.nlp imports spaCy lazily and never reaches into store/services/config."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("caredesk.store", "caredesk.services", "caredesk.config", "caredesk.policy",
             "caredesk.tui", "caredesk.cli", "caredesk.ingest", "caredesk.export",
             "sqlalchemy", "sqlmodel", "sqlite3", "textual", "tweepy")


def loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_importing_the_package_does_not_load_spacy() -> None:
    modules = loaded_after("import caredesk.nlp\nfrom caredesk.nlp import ModelNotFound")
    assert "spacy" not in modules


def test_the_whole_nlp_package_stays_in_its_layer() -> None:
    modules = loaded_after(
        "import caredesk.nlp.analyzer, caredesk.nlp.pipeline\n"
        "caredesk.nlp.analyzer.Analyzer.load().analyze(['no signal'])"
    )
    assert "spacy" in modules
    assert not {name for name in modules if name.startswith(FORBIDDEN)}
