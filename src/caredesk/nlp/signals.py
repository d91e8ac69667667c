"""Escalation signals in a customer's text: regulator, churn, repeat, public PII.

- regulator: names a regulator or legal route (ICO, Ofcom, ombudsman, GDPR,
  solicitor, "report you"...): the supervisor's regulatory queue.
- churn: leaving, cancelling the contract, switching or porting away.
- repeat: this is not the first time ("second time", "again", "4 times").
- public_pii: the text contains PII (`doc._.pii` is non-empty). Whether the
  post was public is not known here, so the caller combines this with the
  post's visibility; the NLP layer only says "personal data is in this text".

The first three come from one of two sources, chosen in the component's config:
`"rules"` (the phrase rules below: they show what fired, but on posts by writers
they were not written for they find a fifth of churn) or `"trained"` (the
probabilities a trained head of `linear_head` left in `doc.cats`, one per signal
value, which the shipped pipeline uses: models/README.md compares them).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from caredesk.domain import Signal
from caredesk.nlp import extensions
from caredesk.nlp.rules import Rule, matcher_for_source, num, ordinal, w

COMPONENT = "caredesk_signals"
TRAINED_SIGNALS = (Signal.REGULATOR, Signal.CHURN, Signal.REPEAT)
"""The signals a trained head scores (public_pii always comes from the PII found)."""
THRESHOLD = 0.3
"""A trained signal is set when its probability is at least this. Escalations favour
recall: on posts by writers the head never saw, 0.3 finds 79% of regulator, 74% of churn
and 72% of repeat signals where 0.5 finds 74%, 64% and 60%, at the same mean F1
(models/README.md)."""

_NETWORKS = ("vodafone", "ee", "o2", "three", "virgin", "bt", "sky", "talktalk", "giffgaff",
             "tesco", "plusnet", "lebara", "lyca", "smarty", "voxi", "asda", "hyperoptic")
_PROVIDERS = ("you", "u", "your", "this", "them", *_NETWORKS)


def _leaving_for_good(doc: Doc, start: int, end: int) -> bool:
    """True for "I'm leaving." or "I'm leaving as soon as...", not "I'm leaving work early"."""
    if end >= len(doc):
        return True
    follower = doc[end]
    return follower.is_punct or follower.is_space or follower.norm_ in {
        "as", "when", "once", "asap", "soon", "after", "at", "because", "and", "now", "today",
        "tomorrow", "then", "for", "if", "unless", "over", "due",
    } or not follower.is_alpha


SIGNAL_RULES = (
    Rule(Signal.REGULATOR, phrases=(
        "ico", "ofcom", "ombudsman", "cisas", "gdpr", "solicitor", "solicitors", "lawyer",
        "lawyers", "legal action", "legal advice", "legal team", "small claims",
        "trading standards", "information commissioner", "report you", "reporting you",
        "reported you", "report this to",
        "take you to court", "see you in court", "watchdog", "citizens advice",
        "advertising standards", "data protection act", "regulator", "regulators",
    )),
    Rule(Signal.REGULATOR, patterns=(
        [w("sue", "suing"), w(*_PROVIDERS, "the", "for")],
        [w("going", "gonna", "will", "to", "should", "could"), w("sue")],
    )),
    Rule(Signal.CHURN, phrases=(
        "cancel my contract", "cancelling my contract", "canceling my contract",
        "cancel my account", "cancel my subscription", "cancel my service", "cancel my broadband",
        "terminate my contract", "terminating my contract", "end my contract", "leave you",
        "leaving you", "switching provider",
        "switching providers", "switching networks", "switch networks", "port my number",
        "porting my number", "port out", "pac code", "stac code", "take my business elsewhere",
        "taking my business elsewhere", "going elsewhere", "another provider", "another network",
        "different provider", "different network", "new provider", "last month with you",
        "done with you", "never using you again", "moving to another", "time to leave",
        "cancelling my account", "cancel everything",
    )),
    Rule(Signal.CHURN, patterns=(
        [w("leaving", "leave"), w(*_PROVIDERS), w("network", "company", "provider", op="?")],
        # "switching to giffgaff / another network", not "switching to email"
        [w("switching", "switch", "switched"), w("over", op="?"), w("to"), w(*_NETWORKS)],
        [w("switching", "switch", "switched", "moving", "move", "going"), w("over", op="?"),
         w("to"), w("a", "an", "another", "the", op="?"),
         w("different", "new", "cheaper", "better", "other", op="?"),
         w("provider", "network", "company", "supplier", "operator", "carrier")],
        [w("moving", "move", "moved", "porting", "port", "ported"), w("over", op="?"), w("to"),
         w(*_NETWORKS, "another")],
    )),
    Rule(Signal.CHURN, check=_leaving_for_good, patterns=(
        [w("am", "are", "will", "gonna", "going", "be", "definitely", "seriously", "now",
           "officially"), w("to", op="?"), w("leaving", "leave")],
    )),
    Rule(Signal.REPEAT, phrases=(
        "second time", "third time", "fourth time", "fifth time", "sixth time", "nth time",
        "umpteenth time", "2nd time", "3rd time", "4th time", "5th time", "again", "yet again",
        "once again", "keep having to", "keep needing to", "have to keep", "had to keep",
        "same problem", "same issue", "same thing", "how many times", "countless times",
        "multiple times", "several times", "numerous times", "many times", "repeatedly",
        "every single time", "still waiting",
    )),
    Rule(Signal.REPEAT, patterns=(
        [num(not_=("1", "one", "0")), w("times", "x")],
        [ordinal(), w("time", "attempt", "call", "try")],
    )),
)


class SignalFinder:
    """Sets `doc._.signals` to Signal values in enum order (needs `doc._.pii` first, and
    with the trained source the signals head's `doc.cats`)."""

    def __init__(self, nlp: Language, source: str = "rules",
                 threshold: float = THRESHOLD) -> None:
        self.matcher = matcher_for_source(nlp, SIGNAL_RULES, COMPONENT, source)
        extensions.register()
        self.source = source
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        if self.matcher is not None:
            found = {hit.rule.label for hit in self.matcher(doc)}
        else:
            cats = doc.cats
            found = {signal for signal in TRAINED_SIGNALS
                     if cats.get(signal.value, 0.0) >= self.threshold}
        if extensions.get(doc, "pii"):
            found.add(Signal.PUBLIC_PII)
        extensions.put(doc, "signals", tuple(signal.value for signal in Signal if signal in found))
        return doc


@Language.factory(COMPONENT, default_config={"source": "rules", "threshold": THRESHOLD})
def make_signal_finder(nlp: Language, name: str, source: str, threshold: float) -> SignalFinder:
    return SignalFinder(nlp, source, threshold)
