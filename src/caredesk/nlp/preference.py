"""A contact preference the customer states in their own words.

"Email only", "please just email me", "don't call me", "unsubscribe me"...
Two sources, chosen in the component's config:

- `"rules"`: the phrase rules below. When several are stated, the most specific
  wins, in `PRECEDENCE` order: an "X only" preference implies the prohibitions
  ("stop calling me, email only" is EMAIL_ONLY), and those beat a plain "no
  marketing". They are precise but were written for the first batches: on
  posts by sixteen writers they never saw they miss 60% of stated preferences.
- `"trained"`: the probabilities a trained head of `linear_head` left in
  `doc.cats`, one per preference; the likeliest at or above the threshold wins.
  The shipped pipeline uses it (models/README.md compares the two).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from caredesk.domain import StatedPreference
from caredesk.nlp import extensions
from caredesk.nlp.rules import Rule, gap, matcher_for_source, w

COMPONENT = "caredesk_preference"
THRESHOLD = 0.4
"""A trained preference is stated when its probability is at least this (chosen
leave-one-writer-out: 0.3 and 0.4 score the same accuracy, 0.4 with fewer false ones)."""

PRECEDENCE = (
    StatedPreference.EMAIL_ONLY,
    StatedPreference.SMS_ONLY,
    StatedPreference.DM_ONLY,
    StatedPreference.POST_ONLY,
    StatedPreference.NO_CALLS,
    StatedPreference.NO_MARKETING,
)

_REACH = ("contact", "reach", "message", "communicate", "respond", "reply", "write", "get",
          "speak", "talk", "correspond", "update", "chat")
_BY = ("by", "via", "through", "over", "using", "on", "in")


def _only_by(*channel: str) -> tuple[list[dict], ...]:
    """Patterns for "<channel> only", "only/just <channel> me", "only contact me by <channel>"."""
    return (
        [w(*channel), w("only")],
        [w("only", "just"), w(*channel), w("me", "us")],
        [w("only", "just"), w(*_REACH), gap(3), w(*_BY), w(*channel)],
        [w("only"), w(*_BY), w(*channel)],
        [w("prefer", "preferred", "preference", "preferences"),
         w("is", "to", "be", "being", "contact", "contacted", "reached", "for", "method", "channel",
           "of", "communication", "my", "it", "are", "would", *_BY, op="{0,4}"), w(*channel)],
    )


def _a_wish(doc: Doc, start: int, end: int) -> bool:
    """True for "don't call me" (a wish), not "you never call me back" (the opposite)."""
    after = doc[end].norm_ if end < len(doc) else ""
    before = doc[start - 1].norm_ if start > 0 else ""
    return after not in {"back", "when", "about", "to", "before", "first", "after"} and (
        before not in {"you", "u", "they", "he", "she", "did", "does", "why", "would", "could"}
    )


PREFERENCE_RULES = (
    Rule(StatedPreference.EMAIL_ONLY, patterns=(
        *_only_by("email", "e-mail", "emails"),
        [w("email", "e-mail"), w("me", "us"), w("instead", "rather")],
    )),
    Rule(StatedPreference.SMS_ONLY, patterns=(
        *_only_by("text", "texts", "sms", "txt"),
        [w("text", "sms", "txt"), w("me", "us"), w("instead", "rather")],
    )),
    Rule(StatedPreference.DM_ONLY, patterns=(
        *_only_by("dm", "dms", "pm", "pms"),
        [w("direct", "private"), w("message", "messages"), w("only")],
        [w("only", "just"), w(*_BY), w("direct", "private"), w("message", "messages")],
        [w("keep", "continue"), w("it", "this"), w("in", "to", "on"), w("dm", "dms", "pm", "pms")],
    )),
    Rule(StatedPreference.POST_ONLY, patterns=(
        [w("by", "via", "in"), w("post", "letter", "writing"), w("only")],
        [w("letter", "letters"), w("only")],
        [w("only", "just"), w(*_REACH), gap(3), w("by", "via", "in"),
         w("post", "letter", "writing")],
        [w("only", "just"), w("write"), w("to"), w("me", "us")],
        [w("only"), w("by", "via", "in"), w("post", "letter", "writing")],
    )),
    Rule(StatedPreference.NO_CALLS, check=_a_wish, patterns=(
        [w("do", "please", "pls", "plz", "just", "kindly", "so"), w("not", "never"),
         w("call", "ring", "phone"), w("me", "us")],
        [w("never"), w("call", "ring", "phone"), w("me", "us")],
    )),
    Rule(StatedPreference.NO_CALLS, phrases=(
        "stop calling", "stop ringing", "stop phoning", "no more calls", "do not want calls",
        "do not want any calls", "do not want to be called", "not to be called", "not to call me",
        "no cold calls", "no calls please", "no phone calls please",
    )),
    Rule(StatedPreference.NO_MARKETING, phrases=(
        "no marketing", "unsubscribe me", "unsubscribe", "opt me out", "opt out of marketing",
        "opt out of all marketing", "remove me from your mailing list",
        "remove me from your marketing", "take me off your mailing list",
        "take me off your marketing", "no more marketing", "no more offers", "no more spam",
        "do not want marketing", "do not send me marketing", "do not send me offers",
        "no promotional", "stop sending me offers", "stop sending me marketing",
        "stop sending me spam", "stop the marketing",
    )),
)


class PreferenceFinder:
    """Sets `doc._.preference` to one StatedPreference value or None (with the trained
    source, from the preference head's `doc.cats`)."""

    def __init__(self, nlp: Language, source: str = "rules",
                 threshold: float = THRESHOLD) -> None:
        self.matcher = matcher_for_source(nlp, PREFERENCE_RULES, COMPONENT, source)
        extensions.register()
        self.source = source
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        extensions.put(doc, "preference", self._stated(doc))
        return doc

    def _stated(self, doc: Doc) -> str | None:
        if self.matcher is None:
            cats = doc.cats
            score, value = max((cats.get(p.value, 0.0), p.value) for p in PRECEDENCE)
            return value if score >= self.threshold else None
        found = {hit.rule.label for hit in self.matcher(doc)}
        return next((p.value for p in PRECEDENCE if p in found), None)


@Language.factory(COMPONENT, default_config={"source": "rules", "threshold": THRESHOLD})
def make_preference_finder(nlp: Language, name: str, source: str,
                           threshold: float) -> PreferenceFinder:
    return PreferenceFinder(nlp, source, threshold)
