"""A tokenizer for social posts: @handles, #hashtags, URLs and emoji stay whole.

spaCy's English tokenizer splits `#NoSignal` into `#` + `NoSignal` and cuts an
emoji from its skin-tone modifier or ZWJ partner. The rules downstream match
hashtags as words and offsets must never fall inside one emoji, so we keep
spaCy's defaults and change only those cases:

- `#` is no longer split off as a prefix; `#\\w+` is a token of its own.
- Handles (`@name`, Mastodon `@name@host.social`, Bluesky `@name.bsky.social`)
  are tokens; trailing punctuation or `'s` is still split off.
- A whole emoji sequence (flags, keycaps, skin tones, ZWJ families, VS16) is
  one prefix/suffix/token, tried before spaCy's single-symbol rule.
- URLs use spaCy's own `url_match`, which runs after punctuation is stripped.

spaCy's affix splitting takes quadratic time on a long run without spaces
("!!!!...", 4,000 emoji: seconds; 100,000: tens of minutes). `SocialTokenizer`
cuts any run of `LONG_RUN` or more non-space characters into `CHUNK`-sized
pieces before spaCy sees them, so hostile text costs linear time; ordinary
posts (and URLs under 300 characters) are tokenized exactly as before.

Every new word the tokenizer meets becomes a lexeme, and spaCy computes some twenty
lexical attributes for it (shape, like_num, is_stop...), about 13 µs a word. On live
traffic, where handles, typos and numbers are new all the time, that was a tenth of
the analysis time. The components read only LOWER, NORM, is_alpha, is_punct and
is_space, so the social tokenizer has the vocab compute just those (`LEXEME_ATTRS`):
4 µs a word. Other attributes of new words keep spaCy's defaults (0, False, "").

The tokenizer is registered as `caredesk.social_tokenizer.v1`, so a saved
pipeline names it in its config and `spacy.load` rebuilds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, LOWER, NORM
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from caredesk.nlp.rules import remember_text

TOKENIZER_NAME = "caredesk.social_tokenizer.v1"

# Characters that start an emoji (Extended_Pictographic, approximately).
_PICTO = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2"
    "\u25aa-\u25fe\u2600-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001faff"
)
# Skin tones, variation selector 16 and the keycap mark attach to the emoji before them.
_MOD = "[\U0001f3fb-\U0001f3ff\ufe0f\u20e3]"
EMOJI_SEQUENCE = (
    "(?:[\U0001f1e6-\U0001f1ff]{2}"  # a flag: two regional indicators
    "|\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"  # subdivision flags (England...)
    "|[0-9#*]\ufe0f?\u20e3"  # keycaps
    f"|[{_PICTO}]{_MOD}*(?:\u200d[{_PICTO}]{_MOD}*)*)"  # emoji, modifiers, ZWJ sequences
)
HANDLE = r"@\w+(?:[.@-]\w+)*"
HASHTAG = r"#\w+"

_TOKEN_MATCH = re.compile(rf"(?:{HANDLE}|{HASHTAG}|{EMOJI_SEQUENCE})\Z")


LEXEME_ATTRS = (LOWER, NORM, IS_ALPHA, IS_PUNCT, IS_SPACE)
"""The lexical attributes computed for new words: the ones the components read."""

LONG_RUN, CHUNK = 300, 50
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN},}}")


class SocialTokenizer:
    """spaCy's `Tokenizer` behind a guard against quadratic time on long runs without spaces."""

    def __init__(self, inner: Tokenizer) -> None:
        self.inner = inner
        self.vocab = inner.vocab

    def __call__(self, text: str) -> Doc:
        # Most posts are shorter than one long run: skip the scan for them.
        if len(text) < LONG_RUN or not _LONG_RUN.search(text):
            # spaCy's tokenizer is lossless: doc.text == text, so the components can reuse it.
            return remember_text(self.inner(text), text)
        docs = [self.inner(piece) for piece in _pieces(text)]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # The tokenizer is defined by code: its registered name is its version, and a saved
    # pipeline names it in config.cfg. So nothing of it is saved, and loading does not
    # re-read spaCy's table of ~2,700 exceptions (a tenth of a second on every start).
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> SocialTokenizer:
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        """Nothing to save (see above)."""

    def from_disk(self, path: str | Path, **kwargs: Any) -> SocialTokenizer:
        return self


def _pieces(text: str) -> Iterator[str]:
    """`text` in order, with every long run cut into CHUNK-sized pieces."""
    position = 0
    for run in _LONG_RUN.finditer(text):
        if run.start() > position:
            yield text[position : run.start()]
        for start in range(run.start(), run.end(), CHUNK):
            yield text[start : min(start + CHUNK, run.end())]
        position = run.end()
    if position < len(text):
        yield text[position:]


def build_tokenizer(nlp: Language) -> SocialTokenizer:
    """spaCy's tokenizer for `nlp`'s language with the social-media changes above; from
    now on `nlp`'s vocab computes only `LEXEME_ATTRS` for new words."""
    defaults = nlp.Defaults
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {attr: getters[attr] for attr in LEXEME_ATTRS if attr in getters}
    prefixes = [EMOJI_SEQUENCE, *(p for p in defaults.prefixes or () if p != "#")]
    suffixes = [EMOJI_SEQUENCE, *(defaults.suffixes or ())]
    return SocialTokenizer(
        Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(prefixes).search,
            suffix_search=compile_suffix_regex(suffixes).search,
            infix_finditer=compile_infix_regex(defaults.infixes or ()).finditer,
            token_match=_TOKEN_MATCH.match,
            url_match=defaults.url_match,
        )
    )


@registry.tokenizers(TOKENIZER_NAME)
def create_social_tokenizer() -> Callable[[Language], SocialTokenizer]:
    """The registry entry a pipeline config names as `@tokenizers`."""
    return build_tokenizer
