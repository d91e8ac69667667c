"""Errors a service raises for its callers to show; each says what to do next."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every error a person can act on."""


class CaseNotFound(ServiceError):
    def __init__(self, case_id: int) -> None:
        super().__init__(f"no case {case_id}; list cases with 'caredesk cases'")
        self.case_id = case_id


class AgentNotFound(ServiceError):
    def __init__(self, name: str) -> None:
        super().__init__(f"no agent {name!r}; add one with 'caredesk agent add {name}'")
        self.name = name


class InputFileError(ServiceError):
    """A whole input file is unusable (missing, unreadable, wrong header)."""


class DemoRefused(ServiceError):
    """The demo would overwrite a database that holds real data."""
