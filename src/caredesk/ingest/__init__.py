"""Connectors: turn outside payloads into domain Posts, never touching the database.

A connector reads from a cursor and yields `Batch`es: the posts it could
parse, the items it could not (with the reason), and the cursor after them.
The ingest service stores each batch and its cursor in one transaction.
"""

from caredesk.ingest.base import Batch, Connector, Rejected
from caredesk.ingest.jsonl import JsonlConnector
from caredesk.ingest.post_format import MAX_TEXT_CHARS, PostFormatError, parse_post

__all__ = [
    "MAX_TEXT_CHARS",
    "Batch",
    "Connector",
    "JsonlConnector",
    "PostFormatError",
    "Rejected",
    "parse_post",
]
