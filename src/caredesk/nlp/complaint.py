"""How much a text reads as a complaint: a transparent score in [0, 1].

    complaint = sigmoid(BIAS + sum(cue weights) + TOPIC_WEIGHT * strongest topic score)

Cues are words and phrases with a weight each, counted per occurrence (longest
match wins, so "not happy" counts as anger, not as "happy"):

- `ANGER` (+2.0): "worst", "ridiculous", "not happy", "fed up", "rip off"...
- `TROUBLE` (+1.5): "problem", "still", "again", "not working", "waiting"...
- `HEDGE` (+0.8): plain negation, "why", "but": common in complaints, not proof.
- `PRAISE` (-1.2) and `WARM` (-0.3): thanks, "brilliant"; "sorted", "great", 😊...

plus the text as a whole: a question (+0.8), "!!" or "?!" (+0.5), two or more
SHOUTED words (+0.3). BIAS (-2.0) puts an empty or neutral text at 0.12.

The weights are round numbers near a logistic-regression fit of these nine
features on the ACL-2019 complaint tweets (../shared/data; read, never copied):
ROC AUC 0.81, macro-F1 0.73 at 0.5, in-sample. The trained model that replaces
this should beat it clearly (TF-IDF + LR reaches 0.83 macro-F1 there).
"""

from __future__ import annotations

import math
import re

from spacy.language import Language
from spacy.tokens import Doc

from caredesk.nlp import extensions
from caredesk.nlp.rules import Rule, RuleMatcher, doc_text, longest_only

COMPONENT = "caredesk_complaint"

BIAS = -2.0
TOPIC_WEIGHT = 2.0
ANGER, TROUBLE, HEDGE, WARM, PRAISE = 2.0, 1.5, 0.8, -0.3, -1.2
QUESTION, EXCLAIM, SHOUT = 0.8, 0.5, 0.3

CUES = (
    Rule("anger", ANGER, phrases=(
        "worst", "ridiculous", "disgusting", "disgraceful", "disgrace", "appalling",
        "unacceptable", "shocking", "pathetic", "useless", "nightmare", "rip off", "ripped off",
        "rip-off", "scam", "scammed", "scammers", "furious", "incompetent", "not happy",
        "fed up", "sick of", "sick and tired", "a joke", "absolute joke", "thanks for nothing",
        "shambles", "horrendous", "atrocious", "livid", "fuming", "outrageous", "never again",
        "last straw", "not good enough", "not acceptable", "wtf", "hate", "hopeless",
        "not impressed", "unbelievable", "beyond a joke", "joke of a", "laughable", "clowns",
        "cowboys", "con", "conned", "robbery", "daylight robbery", "avoid", "terrible service",
        "no thanks to", "bullshit", "crap", "😡", "🤬", "😠", "😤", "🖕", "💩",
    )),
    Rule("trouble", TROUBLE, phrases=(
        "terrible", "awful", "horrible", "poor", "rubbish", "sucks", "annoyed", "annoying",
        "angry", "frustrated", "frustrating", "disappointed", "disappointing", "unhappy",
        "complaint", "complain", "complaining", "problem", "problems", "issue", "issues",
        "fault", "faulty", "error", "fail", "failed", "failing", "failure", "fails", "#fail",
        "wrong", "broken", "waste", "wasted", "lost", "missing", "delayed", "stuck", "dead",
        "slow", "nobody", "no one", "not working", "does not work", "did not work",
        "still waiting", "waiting", "waited", "hours", "weeks", "mess", "messed up", "lied",
        "lies", "liar", "misleading", "cheated", "cancel", "seriously", "pointless", "beware",
        "ignored", "sort it out", "sort this out", "fix it", "fix this", "still", "again",
        "not sorted", "not fixed", "not resolved", "not great", "not helpful", "no help",
        "not good", "yet again", "how long", "how many times", "every time", "keeps", "refuse",
        "refused", "refusing", "nothing", "cannot", "unable", "impossible", "why is it",
        "why does", "why do i", "what is going on", "come on", "ffs", "smh", "omg", "report you",
        "reporting you", "ofcom", "ombudsman", "ico", "solicitor", "legal action",
        "cancel my contract", "leaving", "😒", "🙄",
        "😩", "😫", "😞", "😣", "👎", "😢", "😭", "🤦", "🤦‍♀️", "🤦‍♂️",
    )),
    Rule("hedge", HEDGE, phrases=("not", "never", "no", "why", "but", "even", "only")),
    Rule("warm", WARM, phrases=(
        "great", "happy", "glad", "pleased", "quick", "quickly", "helpful", "sorted", "resolved",
        "fixed", "well done", "kudos", "legend", "superb", "smooth", "easy", "good", "nice",
        "best", "please", "hi", "hello", "love", "loving", "enjoy", "enjoying", "congrats",
        "congratulations", "lol", "haha", "😊", "🙂", "😀", "😃", "😄", "😁", "👍", "❤️", "❤",
        "🙏", "🥰", "😍", "👏", "😂", "🎉", "🙌",
    )),
    Rule("praise", PRAISE, phrases=(
        "thanks", "thank", "thx", "cheers", "ta", "appreciate", "appreciated", "grateful",
        "brilliant", "excellent", "amazing", "awesome", "fantastic", "perfect", "wonderful",
        "outstanding", "spot on", "top notch", "above and beyond", "great service",
        "great job", "five stars", "5 stars",
    )),
)

_EXCLAIM = re.compile(r"!{2,}|[!?]{2,}")
_SHOUTED = re.compile(r"(?<![\w@#])[A-Z]{4,}(?!\w)")


def squash(z: float) -> float:
    """The logistic function: maps any evidence total into [0, 1]."""
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


class ComplaintScorer:
    """Sets `doc._.complaint`; reads `doc._.topics` if the topic tagger ran first."""

    def __init__(self, nlp: Language) -> None:
        extensions.register()
        self.matcher = RuleMatcher(nlp, CUES)

    def evidence(self, doc: Doc) -> float:
        """The total before squashing, for debugging and calibration."""
        total = BIAS + sum(hit.rule.score for hit in longest_only(self.matcher(doc)))
        text = doc_text(doc)
        if "?" in text:
            total += QUESTION
        if _EXCLAIM.search(text):
            total += EXCLAIM
        if len(_SHOUTED.findall(text, 0, 2000)) >= 2:
            total += SHOUT
        topics = extensions.get(doc, "topics") or {}
        return total + TOPIC_WEIGHT * max(topics.values(), default=0.0)

    def __call__(self, doc: Doc) -> Doc:
        extensions.put(doc, "complaint", round(squash(self.evidence(doc)), 4))
        return doc


@Language.factory(COMPONENT)
def make_complaint_scorer(nlp: Language, name: str) -> ComplaintScorer:
    return ComplaintScorer(nlp)
