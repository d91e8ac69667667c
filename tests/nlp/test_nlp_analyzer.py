"""The public interface other layers code against: Analyzer, analyze, ModelNotFound."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

import caredesk.nlp
from caredesk.domain import Analysis, PiiLabel, Signal, StatedPreference, Topic
from caredesk.nlp import ModelNotFound, extensions
from caredesk.nlp.analyzer import Analyzer, to_analysis
from caredesk.nlp.pipeline import RULES_VERSION

TEXTS = [
    "My number 07700 900123 was leaked!!! Reporting you to the ICO",
    "told you email only, stop calling me. Second time I've asked",
    "why is my blog blocked by your adult content filter?",
    "thanks for sorting my bill so quickly",
    "",
    "no signal again, I'm leaving",
]


def test_package_reexports_the_interface() -> None:
    assert caredesk.nlp.Analyzer is Analyzer
    assert callable(caredesk.nlp.analyze)
    assert issubclass(caredesk.nlp.ModelNotFound, Exception)
    with pytest.raises(AttributeError):
        _ = caredesk.nlp.NoSuchThing  # type: ignore[attr-defined]


def test_rule_analyzer_version(analyzer: Analyzer) -> None:
    assert analyzer.version == RULES_VERSION == "rules-1"


def test_one_analysis_per_text_in_input_order(analyzer: Analyzer) -> None:
    texts = [f"text {i} " + TEXTS[i % len(TEXTS)] for i in range(600)]
    one_by_one = [analyzer.analyze([text])[0] for text in texts]
    assert analyzer.analyze(texts, batch_size=7) == one_by_one
    assert analyzer.analyze(tuple(texts), batch_size=1000) == one_by_one


def test_worker_threads_share_one_analyzer(analyzer: Analyzer) -> None:
    texts = TEXTS * 50
    expected = analyzer.analyze(texts)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: analyzer.analyze(texts, batch_size=16), range(4)))
    assert all(result == expected for result in results)


def test_a_generator_of_texts_is_accepted(analyzer: Analyzer) -> None:
    assert analyzer.analyze(text for text in TEXTS) == analyzer.analyze(TEXTS)  # type: ignore[arg-type]


def test_empty_input_gives_empty_output(analyzer: Analyzer) -> None:
    assert analyzer.analyze([]) == []


def test_analysis_values(analyzer: Analyzer) -> None:
    leak, email_only, *_ = analyzer.analyze(TEXTS)
    assert isinstance(leak, Analysis)
    assert leak.labels == (Topic.PRIVACY,)
    assert [(s.label, s.text) for s in leak.pii] == [(PiiLabel.PHONE, "07700 900123")]
    assert leak.signals == (Signal.REGULATOR, Signal.PUBLIC_PII)
    assert leak.requests == ()
    assert leak.complaint > 0.8
    assert email_only.preference is StatedPreference.EMAIL_ONLY
    assert Signal.REPEAT in email_only.signals


def test_roles(analyzer: Analyzer) -> None:
    text = "DM us your postcode and stop calling me"
    customer = analyzer.analyze([text])[0]
    agent = analyzer.analyze([text], role="agent")[0]
    assert customer.requests == () and customer.preference is StatedPreference.NO_CALLS
    assert agent.requests == ("postcode",) and agent.preference is None


@pytest.mark.parametrize("bad", ["a single string", ["ok", None], ["ok", b"bytes"]])
def test_rejects_what_is_not_a_sequence_of_str(analyzer: Analyzer, bad: object) -> None:
    with pytest.raises(TypeError):
        analyzer.analyze(bad)  # type: ignore[arg-type]


def test_rejects_unknown_role(analyzer: Analyzer) -> None:
    with pytest.raises(ValueError, match="role"):
        analyzer.analyze(["hi"], role="supervisor")


HOSTILE = {
    "empty": "",
    "whitespace": " \n\t ",
    "control": "\x00\x01\x02\x1b[31mred\x1b[0m\x7f\x85\x9f",
    "markup": "[@click=app.quit] [/] [bold]x[/bold] [link=https://example.com]x[/link]",
    "formula": "=HYPERLINK(\"https://example.com\")",
    "bidi": "\u202eevil\u202c \u200b\u200d\ufeff",
    "surrogates": "\ud800 lone surrogate \udfff",
    "emoji-run": "😡" * 20_000,
    "bang-run": "!" * 100_000,
    "newlines": "\n" * 1000,
    "100k-words": "no signal " * 10_000,
    "100k-phones": "07700 900123 " * 8000,
    "100k-one-word": "x" * 100_000,
    "100k-questions": "what " * 20_000,
    "100k-requests": "please DM us your postcode and " * 3000,
}


@pytest.mark.parametrize("role", ["customer", "agent"])
@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text(analyzer: Analyzer, text: str, role: str) -> None:
    started = time.process_time()
    [result] = analyzer.analyze([text], role=role)
    assert time.process_time() - started < 5
    assert 0.0 <= result.complaint <= 1.0
    assert set(result.tags) == {t.value for t in Topic}
    for span in result.pii:
        assert text[span.start : span.end] == span.text


def test_offsets_survive_emoji_and_astral_characters(analyzer: Analyzer) -> None:
    text = "👨‍👩‍👧🇬🇧 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 07700 900123 and jo@example.com"
    spans = analyzer.analyze([text])[0].pii
    assert [text[s.start : s.end] for s in spans] == ["07700 900123", "jo@example.com"]


def test_saved_pipeline_loads_and_agrees(analyzer: Analyzer, tmp_path: Path) -> None:
    analyzer.nlp.to_disk(tmp_path / "model")
    loaded = Analyzer.load(tmp_path / "model")
    assert loaded.version == RULES_VERSION
    assert loaded.nlp.pipe_names == analyzer.nlp.pipe_names
    assert loaded.analyze(TEXTS) == analyzer.analyze(TEXTS)
    assert loaded.analyze(TEXTS, role="agent") == analyzer.analyze(TEXTS, role="agent")


def test_processed_docs_serialise(nlp: Language) -> None:
    """DocBin (and so `nlp.pipe(n_process=2)`) can carry everything the analysis is read from."""
    docs = list(nlp.pipe(TEXTS))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    restored = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    for before, after in zip(docs, restored, strict=True):
        assert to_analysis(after, "customer") == to_analysis(before, "customer")


def test_missing_model_path_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound, match=r"does not exist.*built-in rules"):
        Analyzer.load(tmp_path / "nope")


def test_a_folder_that_is_not_a_pipeline(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound, match="not a saved spaCy pipeline"):
        Analyzer.load(tmp_path)


@Language.component("test_nlp_fake_textcat")
def _fake_textcat(doc: Doc) -> Doc:
    doc.cats = {"complaint": 0.75, "privacy": 0.8, "billing": 0.3}
    return doc


def test_a_trained_pipeline_is_read_from_doc_cats() -> None:
    """What a trained text classifier leaves in doc.cats fills the Analysis."""
    nlp = spacy.blank("en")
    nlp.add_pipe("test_nlp_fake_textcat")
    result = Analyzer(nlp, "trained-0").analyze(["anything"])[0]
    assert result.complaint == 0.75
    assert result.tags == {
        "privacy": 0.8, "unwanted_contact": 0.0, "blocking": 0.0,
        "billing": 0.3, "network": 0.0, "customer_service": 0.0,
    }
    assert result.labels == ("privacy",)
    assert (result.pii, result.signals, result.preference) == ((), (), None)


def test_to_analysis_prefers_rule_attributes_over_cats(nlp: Language) -> None:
    doc = nlp("no signal")
    doc.cats = {"network": 0.1, "complaint": 0.0}
    assert to_analysis(doc, "customer").tags["network"] == 0.9


def test_module_level_analyze_uses_one_lazy_default() -> None:
    from caredesk.nlp import analyzer as module

    first = caredesk.nlp.analyze(["no signal"])
    default = module.default_analyzer()
    assert module.default_analyzer() is default
    assert first == default.analyze(["no signal"])
    assert caredesk.nlp.analyze(["DM us your postcode"], role="agent")[0].requests == ("postcode",)


def test_extension_values_are_what_doc_underscore_sees(nlp: Language) -> None:
    """`extensions.put`/`get` bypass `doc._`; this fails if spaCy stores them elsewhere."""
    doc = nlp.make_doc("hello")
    extensions.put(doc, "preference", "email_only")
    doc._.signals = ("churn",)
    assert doc._.preference == "email_only"
    assert extensions.get(doc, "signals") == ("churn",)
    assert extensions.get(doc, "requests") is None
