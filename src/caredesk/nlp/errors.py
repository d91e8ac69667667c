"""Errors callers of `caredesk.nlp` catch, importable without loading spaCy."""


class ModelNotFound(Exception):
    """A saved pipeline was asked for but is not there (or is not a pipeline)."""


class CorpusError(Exception):
    """A training or evaluation file is missing or has a row that cannot be read.

    The message names the file and, for a broken row, its line number."""
