"""Builds the rule pipeline from code: a blank English model plus our components.

Importing this module registers every factory and the tokenizer, which is what
`spacy.load` needs to rebuild a saved pipeline that uses them. The order
matters: signals read `doc._.pii`, the complaint score reads `doc._.topics`.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from caredesk.nlp import (
    complaint,
    data_requests,
    linear_head,  # noqa: F401  (registers the trained heads)
    pii,
    preference,
    signals,
    topics,
)
from caredesk.nlp.tokenizer import TOKENIZER_NAME

RULES_VERSION = "rules-1"
"""Stored with each analysis; bump it whenever a rule changes what the pipeline finds."""

COMPONENTS = (
    pii.COMPONENT,
    topics.COMPONENT,
    complaint.COMPONENT,
    signals.COMPONENT,
    preference.COMPONENT,
    data_requests.COMPONENT,
)
CUSTOMER_ONLY = (signals.COMPONENT, preference.COMPONENT)
AGENT_ONLY = (data_requests.COMPONENT,)


def build_pipeline() -> Language:
    """A fresh rule pipeline. It has no weights: `nlp.to_disk` saves config, meta, tokenizer."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.meta["name"] = "caredesk_rules"
    nlp.meta["caredesk_version"] = RULES_VERSION
    return nlp
