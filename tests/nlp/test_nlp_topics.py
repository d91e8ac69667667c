"""Topic scores: each topic's strong and weak cues, and the hard negatives."""

from __future__ import annotations

import pytest

from caredesk.domain import Topic
from caredesk.nlp.analyzer import Analyzer
from caredesk.nlp.topics import STRONG, WEAK


def tags(analyzer: Analyzer, text: str) -> dict[str, float]:
    return analyzer.analyze([text])[0].tags


POSITIVES = {
    Topic.PRIVACY: [
        "my number was leaked",
        "You leaked my phone number to every website I visited",
        "how did you get my email?",
        "Where did you find my number??",
        "who gave you my details",
        "you sold my data to a marketing firm",
        "my personal data has been shared with a third party",
        "this is a breach of GDPR",
        "I'll be raising this under the Data Protection Act",
        "I want a subject access request for everything you hold",
        "submitting a SAR today",
        "on the sales call they asked for my personal details",
        "you are monitoring my tweets and emailed me privately",
        "#GDPR #privacy",
        "customer data exposed in http headers",
        "big brother or great service?",
    ],
    Topic.UNWANTED_CONTACT: [
        "two unsolicited sales calls in two days",
        "stop texting me",
        "you keep calling me",
        "told you email only",
        "I told you I want email only",
        "I asked you not to call me",
        "cold calls from you again",
        "nuisance calls every evening",
        "opted out months ago but you still send marketing texts",
        "you rang me 5 times today",
        "they called me again this morning",
        "stop sending me offers",
        "constant marketing emails",
    ],
    Topic.BLOCKING: [
        "my blog is blocked by your adult content filter",
        "why is this site blocked?",
        "my account has been suspended",
        "you blocked my number",
        "the over 18 block is on again",
        "had to verify my age in a shop four times",
        "age verification is a joke",
        "SIM barred for no reason",
        "remove the content lock please",
        "website filtered by parental controls",
        "you've barred my phone",
    ],
    Topic.BILLING: [
        "I've been overcharged again",
        "charged twice for the same month",
        "where is my refund",
        "my bill went up by £10",
        "the direct debit was taken early",
        "roaming charges of £50",
    ],
    Topic.NETWORK: [
        "no signal in Leeds for 3 days",
        "4G not working again",
        "is there an outage in Manchester?",
        "mobile data keeps dropping",
        "can't make calls since yesterday",
        "signal is terrible at home",
        "no service all morning",
        "5G is so slow",
        "patchy coverage everywhere",
    ],
    Topic.CUSTOMER_SERVICE: [
        "your staff were so rude",
        "rude staff in the Oxford St store",
        "no reply to my emails",
        "been on hold for ages",
        "on hold for 45 minutes",
        "useless support as usual",
        "nobody has got back to me",
        "never heard back from anyone",
        "the agent hung up on me",
        "worst customer service ever",
    ],
}


@pytest.mark.parametrize(
    ("topic", "text"), [(topic, text) for topic, texts in POSITIVES.items() for text in texts]
)
def test_topic_fires(analyzer: Analyzer, topic: Topic, text: str) -> None:
    assert tags(analyzer, text)[topic] >= 0.5


@pytest.mark.parametrize(
    ("topic", "text"),
    [
        (Topic.BLOCKING, "I blocked the spam caller myself"),
        (Topic.BLOCKING, "I've blocked that number on my phone"),
        (Topic.BLOCKING, "we blocked them ourselves"),
        (Topic.UNWANTED_CONTACT, "can you call me back please"),
        (Topic.UNWANTED_CONTACT, "please call me on Monday"),
        (Topic.UNWANTED_CONTACT, "I called you twice about my bill"),
        (Topic.PRIVACY, "happy to share my details by DM"),
        (Topic.PRIVACY, "I shared my number with the engineer"),
        (Topic.PRIVACY, "can you track my order"),
        (Topic.PRIVACY, "please DM me privately"),
        (Topic.NETWORK, "customer service is not helpful"),
        (Topic.NETWORK, "my data is not safe with you"),
        (Topic.CUSTOMER_SERVICE, "thanks, you sorted it"),
        (Topic.BILLING, "signal is fine today"),
    ],
)
def test_hard_negatives_do_not_fire(analyzer: Analyzer, topic: Topic, text: str) -> None:
    assert tags(analyzer, text)[topic] < 0.5


def test_thanks_for_the_bill_is_billing_but_not_a_complaint(analyzer: Analyzer) -> None:
    result = analyzer.analyze(["thanks for sorting my bill so quickly"])[0]
    assert result.tags[Topic.BILLING] == WEAK
    assert result.complaint < 0.2


def test_scores_are_coarse_and_documented(analyzer: Analyzer) -> None:
    assert tags(analyzer, "my number was leaked")[Topic.PRIVACY] == STRONG
    assert tags(analyzer, "a question about privacy")[Topic.PRIVACY] == WEAK
    assert set(tags(analyzer, "hello there").values()) == {0.0}


def test_all_six_topics_are_always_present(analyzer: Analyzer) -> None:
    for result in analyzer.analyze(["", "no signal", "🙂"]):
        assert set(result.tags) == {topic.value for topic in Topic}


def test_labels_are_the_topics_at_or_above_threshold(analyzer: Analyzer) -> None:
    result = analyzer.analyze(["no signal and I was overcharged, what about my privacy"])[0]
    assert result.labels == ("privacy", "billing", "network")
    assert all(result.tags[label] >= 0.5 for label in result.labels)


def test_several_topics_in_one_post(analyzer: Analyzer) -> None:
    text = "You leaked my number, now I get cold calls and on hold for ages to complain"
    result = analyzer.analyze([text])[0]
    assert {"privacy", "unwanted_contact", "customer_service"} <= set(result.labels)


GENERAL_POSITIVES = [
    (Topic.PRIVACY, "the agent read out my full address before checking who I was"),
    (Topic.PRIVACY, "you sent my bill to someone else"),
    (Topic.PRIVACY, "there was someone else's account details in my letter"),
    (Topic.PRIVACY, "why are you still holding my data"),
    (Topic.PRIVACY, "who has access to my account?"),
    (Topic.PRIVACY, "why do you need my date of birth for that"),
    (Topic.PRIVACY, "the chat agent asked me for my password"),
    (Topic.PRIVACY, "someone said they were me and got a new sim"),
    (Topic.PRIVACY, "submitting a right to erasure request"),
    (Topic.PRIVACY, "do you share customer data with other networks?"),
    (Topic.PRIVACY, "what do you do with my browsing data"),
    (Topic.PRIVACY, "you emailed my bill to a stranger"),
    (Topic.PRIVACY, "they gave my number to a debt collector"),
    (Topic.PRIVACY, "what does the privacy notice say"),
    (Topic.UNWANTED_CONTACT, "you rang me again this morning"),
    (Topic.UNWANTED_CONTACT, "3rd call today from your sales team"),
    (Topic.UNWANTED_CONTACT, "you call me 5 times a day"),
    (Topic.UNWANTED_CONTACT, "keep getting texts about upgrades"),
    (Topic.UNWANTED_CONTACT, "I unsubscribed but the emails keep coming"),
    (Topic.UNWANTED_CONTACT, "getting calls from a number pretending to be you"),
    (Topic.UNWANTED_CONTACT, "six survey texts after one call"),
    (Topic.UNWANTED_CONTACT, "I said no calls. Reply here"),
    (Topic.UNWANTED_CONTACT, "Email. Only."),
    (Topic.UNWANTED_CONTACT, "replied STOP and still get them"),
    (Topic.UNWANTED_CONTACT, "please don't ring me, DM instead"),
    (Topic.UNWANTED_CONTACT, "why are you texting me offers"),
    (Topic.BLOCKING, "you locked me out of the app"),
    (Topic.BLOCKING, "can you bar international calls on my line"),
]

GENERAL_NEGATIVES = [
    (Topic.PRIVACY, "privacy glass in the new bathroom is fab"),
    (Topic.PRIVACY, "just bought a privacy screen protector"),
    (Topic.PRIVACY, "I shared my number with my new boss"),
    (Topic.PRIVACY, "my data allowance ran out"),
    (Topic.UNWANTED_CONTACT, "I blocked the spam caller myself"),
    (Topic.UNWANTED_CONTACT, "can you call me back please"),
    (Topic.UNWANTED_CONTACT, "my mate called me 6 times while I was out"),
    (Topic.UNWANTED_CONTACT, "dropped calls every 2 minutes in town"),
    (Topic.UNWANTED_CONTACT, "your spam filter is blocking texts from my bank"),
    (Topic.UNWANTED_CONTACT, "blocked my number for a group text. Not spam!!"),
    (Topic.UNWANTED_CONTACT, "is location sharing opt in or opt out?"),
    (Topic.UNWANTED_CONTACT, "my lad keeps ringing his mates abroad"),
    (Topic.BLOCKING, "blocked drain again"),
]


@pytest.mark.parametrize(("topic", "text"), GENERAL_POSITIVES)
def test_general_phrasings_fire(analyzer: Analyzer, topic: Topic, text: str) -> None:
    assert tags(analyzer, text)[topic] >= 0.5


@pytest.mark.parametrize(("topic", "text"), GENERAL_NEGATIVES)
def test_general_hard_negatives_stay_false(analyzer: Analyzer, topic: Topic, text: str) -> None:
    assert tags(analyzer, text)[topic] < 0.5
