"""Shared machinery for the rule components: named token rules matched in one pass.

Each component (topics, complaint words, signals, preferences, requests) is a
list of `Rule`s: phrases ("data breach") and token patterns
(`[w("keep", "keeps"), w("calling", "texting")]`). Both match on each token's
NORM, so "don't", "don’t", "dont" and "do not" all read `do not` and case does
not matter; write patterns with long forms ("n't" -> "not", "'m" -> "am",
"'ve" -> "have"). A rule may carry a `check` that vetoes a hit in context
("*I* blocked the number" is not the provider blocking).

Why not spaCy's Matcher/PhraseMatcher: with word lists (`{"IN": [...]}`) the
Matcher evaluates Python predicates per token and pattern; for these rules it
cost ~0.7 ms per tweet for topics alone. Here phrases are looked up by their
first word in a dict, and each token pattern compiles to a regular expression
over the doc's norms joined by spaces (" do not call me ") that is only tried
when its first required word is in the doc. The whole pipeline then runs at
several thousand tweets a second.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LOWER, NORM
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

Check = Callable[[Doc, int, int], bool]
"""Given the doc and a hit's token span [start, end), return False to drop the hit."""


@dataclass(frozen=True)
class Tok:
    """One pattern token: any of `norms` (or `regex`, or any token), repeated as `op` says."""

    norms: frozenset[str] | None = None
    op: str = ""  # "", "?", "*", "+" or "{m,n}"
    regex: str | None = None

    def to_regex(self) -> str:
        if self.regex is not None:
            body = self.regex
        elif self.norms is None:
            body = r"\S+"
        else:
            body = "|".join(re.escape(n) for n in sorted(self.norms, key=len, reverse=True))
        return f"(?: (?:{body})){self.op}"

    @property
    def required(self) -> bool:
        return self.op in ("", "+") or self.op.startswith("{1")


TokenPattern = Sequence[Tok]

_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "fifteen", "twenty", "thirty", "fifty", "hundred", "dozen")


def w(*norms: str, op: str | None = None) -> Tok:
    """One token whose NORM is any of `norms` (e.g. `w("call", "calls")`)."""
    return Tok(frozenset(norms), op or "")


def gap(most: int) -> Tok:
    """Up to `most` tokens of anything."""
    return Tok(None, f"{{0,{most}}}")


def num(*, not_: Iterable[str] = ()) -> Tok:
    """A number in digits or words ("4", "1,000", "four"), except those in `not_`."""
    excluded = "".join(f"(?!{re.escape(n)} )" for n in not_)
    return Tok(regex=excluded + r"(?:\d+(?:[.,]\d+)*|" + "|".join(_NUMBER_WORDS) + ")")


def ordinal() -> Tok:
    """An ordinal in digits: "2nd", "3rd", "10th"."""
    return Tok(regex=r"\d+(?:st|nd|rd|th)")


@dataclass(frozen=True)
class Rule:
    """What a hit means (`label`, `score`) and how to find it."""

    label: str
    score: float = 1.0
    phrases: tuple[str, ...] = ()
    patterns: tuple[TokenPattern, ...] = ()
    check: Check | None = None


_NORMS_KEY, _TEXT_KEY, _NORM_STRING_KEY = "caredesk.norms", "caredesk.text", "caredesk.normstr"
_ATTRS_KEY = "caredesk.attrs"
WORD_ATTRS = (LOWER, NORM)
"""The token attributes `doc_attrs` reads, in its columns' order."""


def doc_attrs(doc: Doc) -> np.ndarray:
    """Tokens x (LOWER, NORM) hashes, read once per doc: the n-gram features use the
    first column, the rules the second. One `to_array` call costs about what two cost
    (most of its time is fixed overhead), and the pipeline needs both."""
    attrs = doc.user_data.get(_ATTRS_KEY)
    if attrs is None:
        attrs = doc.user_data[_ATTRS_KEY] = doc.to_array(WORD_ATTRS).reshape(-1, 2)
    return attrs


def doc_norms(doc: Doc) -> list[str]:
    """The doc's token norms, computed once per doc and shared by every component."""
    norms = doc.user_data.get(_NORMS_KEY)
    if norms is None:
        # Read the norm hashes as one array and map them to strings through a cache: far
        # cheaper than creating a Token object per token (`token.norm_` reads the same hash).
        hashes = doc_attrs(doc)[:, 1].tolist()
        cache = _NORM_STRINGS
        try:
            norms = [cache[h] for h in hashes]
        except KeyError:
            strings = doc.vocab.strings
            for h in hashes:
                if h not in cache:
                    cache[h] = strings[h]
            norms = [cache[h] for h in hashes]
        doc.user_data[_NORMS_KEY] = norms
    return norms


_NORM_STRINGS: dict[int, str] = {}
"""Norm hash -> string. Hashes are the same in every StringStore, so one cache serves all."""


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per doc (spaCy rebuilds it from the tokens on every access).

    `SocialTokenizer` stores its input here already (spaCy's tokenizer is lossless)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """Record `doc.text == text` (the tokenizer knows it) so `doc_text` needn't rebuild it."""
    doc.user_data[_TEXT_KEY] = text
    return doc


@dataclass(frozen=True)
class Hit:
    rule: Rule
    start: int
    end: int


def norm_string(norms: Sequence[str]) -> str:
    """The norms joined as " n1 n2 ... ": one space-free part per token, so a pattern's
    regex matches whole tokens (a norm with a space or made of whitespace is rewritten)."""
    joined = " ".join(norms)
    if joined.count(" ") == len(norms) - 1 and joined.isprintable() and "" not in norms:
        return f" {joined} "  # the usual case: every norm stands for itself
    parts = [
        norm if norm and " " not in norm and not norm.isspace()
        else "_" if not norm or norm.isspace() else norm.replace(" ", "_")
        for norm in norms
    ]
    return " " + " ".join(parts) + " "


class RuleMatcher:
    """Matches a list of rules against a doc and returns the hits that pass their checks.

    Phrases become patterns of exact words; one-word phrases also match as
    hashtags (`gdpr` finds `#GDPR`).
    """

    def __init__(self, nlp: Language, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        # Phrases are looked up by their first word that is not a stop word (and its place in
        # the phrase), so "on hold" is only tried on posts that say "hold".
        self._phrases: dict[str, list[tuple[tuple[str, ...], int, Rule]]] = defaultdict(list)
        self._patterns: list[tuple[Rule, re.Pattern[str]]] = []
        self._by_anchor: dict[str, list[int]] = defaultdict(list)
        self._always: list[int] = []
        self._needs: list[tuple[frozenset[str], ...]] = []
        for rule in self.rules:
            for phrase in rule.phrases:
                norms = tuple(token.norm_ for token in nlp.make_doc(phrase))
                key = next((at for at, norm in enumerate(norms) if norm not in STOP_WORDS), 0)
                self._phrases[norms[key]].append((norms, key, rule))
                if len(norms) == 1:
                    self._phrases["#" + norms[0]].append((("#" + norms[0],), 0, rule))
            for pattern in rule.patterns:
                self._add(rule, pattern)
        # No hit is possible in a doc without one of these words (when no pattern runs always).
        self._triggers = frozenset(self._phrases) | frozenset(self._by_anchor)

    def _add(self, rule: Rule, pattern: TokenPattern) -> None:
        index = len(self._patterns)
        # Each token brings the space before it, and the last must end where a space follows.
        # Starting with a literal space (not a lookbehind) lets `re` skip ahead to a space.
        regex = re.compile("".join(tok.to_regex() for tok in pattern) + "(?= )")
        self._patterns.append((rule, regex))
        words = [t for t in pattern if t.required and t.norms and t.regex is None]
        # The pattern is looked up by one word it cannot match without: a rare one if it has
        # one ("customers" rather than "do"), so it is tried on few posts.
        anchor = next((t for t in words if t.norms.isdisjoint(STOP_WORDS)),
                      words[0] if words else None)
        # Other words the pattern cannot match without: a cheap set test skips the regex when
        # one is missing. Only norms that stand for themselves in the norm string qualify.
        self._needs.append(tuple(
            t.norms for t in words
            if t is not anchor
            and all(n and " " not in n and "_" not in n and not n.isspace() for n in t.norms)
        ))
        if anchor is None or anchor.norms is None:
            self._always.append(index)
        else:
            for norm in anchor.norms:
                self._by_anchor[norm].append(index)

    def __call__(self, doc: Doc) -> list[Hit]:
        norms = doc_norms(doc)
        present = frozenset(norms)
        if not self._always and present.isdisjoint(self._triggers):
            return []
        hits = []
        phrases = self._phrases
        # Set intersections (in C) first: most docs hold none of the words a rule starts with.
        if not present.isdisjoint(phrases):
            for at in [index for index, norm in enumerate(norms) if norm in phrases]:
                for phrase, key, rule in phrases[norms[at]]:
                    start = at - key
                    end = start + len(phrase)
                    if start >= 0 and tuple(norms[start:end]) == phrase and (
                        rule.check is None or rule.check(doc, start, end)
                    ):
                        hits.append(Hit(rule, start, end))
        tried = set(self._always)
        by_anchor = self._by_anchor
        for norm in by_anchor.keys() & present:
            tried.update(by_anchor[norm])
        needs = self._needs
        runnable = []
        for index in sorted(tried):
            for words in needs[index]:
                if words.isdisjoint(present):
                    break
            else:
                runnable.append(index)
        if runnable:
            hits.extend(self._pattern_hits(doc, norms, runnable))
        hits.sort(key=lambda hit: (hit.start, hit.end))
        return hits

    def _pattern_hits(self, doc: Doc, norms: list[str], indexes: list[int]) -> list[Hit]:
        """Hits of the patterns at `indexes` (ascending)."""
        text = doc.user_data.get(_NORM_STRING_KEY)
        if text is None:
            text = doc.user_data[_NORM_STRING_KEY] = norm_string(norms)
        patterns = self._patterns
        hits = []
        for index in indexes:
            rule, regex = patterns[index]
            for match in regex.finditer(text):
                # A match starts at the space before its first token and ends where the space
                # after its last token is; every token has one space before it.
                start = text.count(" ", 0, match.start())
                end = text.count(" ", 0, match.end())
                if rule.check is None or rule.check(doc, start, end):
                    hits.append(Hit(rule, start, end))
        return hits


SOURCES = ("rules", "trained")
"""Where a component that can read a trained head finds its answer: its own phrase rules,
or the head's probabilities in `doc.cats` (signals, stated preference)."""


def matcher_for_source(nlp: Language, rules: Sequence[Rule], component: str,
                       source: str) -> RuleMatcher | None:
    """The component's RuleMatcher for the "rules" source, None for "trained" (it reads
    `doc.cats` then); any other source is an error that names the component."""
    if source not in SOURCES:
        raise ValueError(f"{component} source must be one of {SOURCES}, not {source!r}")
    return RuleMatcher(nlp, rules) if source == "rules" else None


def longest_only(hits: Iterable[Hit]) -> list[Hit]:
    """Non-overlapping hits, preferring the longer (so "not happy" beats "happy")."""
    chosen: list[Hit] = []
    taken: set[int] = set()
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        span = range(hit.start, hit.end)
        if taken.isdisjoint(span):
            chosen.append(hit)
            taken.update(span)
    chosen.sort(key=lambda hit: hit.start)
    return chosen


_FIRST_PERSON = frozenset({"i", "we", "me", "myself", "ourselves"})
_BETWEEN_SUBJECT_AND_VERB = frozenset(
    {"have", "had", "has", "am", "was", "were", "would", "will", "just", "already", "also",
     "finally", "now", "then", "simply", "eventually", "actually", "even", "myself", "ourselves",
     "personally", "again", "since", "recently", "never", "all"}
)


def not_by_me(doc: Doc, start: int, end: int) -> bool:
    """False when the hit's first token is a verb whose subject is I/we.

    "I blocked the spam caller" or "I've shared my number" describe what the
    customer did, not what the provider did to them.
    """
    index = start - 1
    while index >= 0 and start - index <= 4:
        norm = doc[index].norm_
        if norm in _FIRST_PERSON:
            return False
        if norm not in _BETWEEN_SUBJECT_AND_VERB:
            return True
        index -= 1
    return True


CLAUSE_ENDS = frozenset({".", "!", "?", ";", "…"})


def is_clause_end(doc: Doc, index: int) -> bool:
    """Sentence punctuation or a line break: the rules never look across one."""
    token = doc[index]
    return token.norm_ in CLAUSE_ENDS or (token.is_space and "\n" in token.text) or (
        token.is_punct and set(token.text) <= {".", "!", "?"}
    )
