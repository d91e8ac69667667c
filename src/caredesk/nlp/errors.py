"""Errors callers of `caredesk.nlp` catch, importable without loading spaCy."""


class ModelNotFound(Exception):
    """A saved pipeline was asked for but is not there (or is not a pipeline)."""
