"""Fixtures for the NLP tests: the rule pipeline is built once per test module."""

from __future__ import annotations

import pytest
from spacy.language import Language

from caredesk.nlp.analyzer import Analyzer


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.load()


@pytest.fixture(scope="module")
def nlp(analyzer: Analyzer) -> Language:
    return analyzer.nlp
