"""What an agent's text asks the customer to provide."""

from __future__ import annotations

import pytest

from caredesk.domain import RequestKind as K
from caredesk.nlp.analyzer import Analyzer


def requests(analyzer: Analyzer, text: str) -> tuple[K, ...]:
    return analyzer.analyze([text], role="agent")[0].requests


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DM us the number you're calling about", (K.PHONE,)),
        ("Could you DM us your full name and postcode?", (K.FULL_NAME, K.POSTCODE)),
        ("Please confirm your date of birth and first line of your address", (K.DOB, K.ADDRESS)),
        ("What's the best number to reach you on?", (K.PHONE,)),
        ("Can you send us your account number and PIN?", (K.ACCOUNT_NUMBER, K.PASSWORD_OR_PIN)),
        ("Pop us a DM with your order number", (K.ORDER_NUMBER,)),
        ("Could you confirm the email address on the account?", (K.EMAIL,)),
        ("We'll need the long card number", (K.CARD_NUMBER,)),
        ("Please send us the answer to your security question", (K.SECURITY_ANSWER,)),
        ("Can you DM us your IMEI?", (K.OTHER_ID,)),
        ("Hi Jo, confirm your postcode and we'll take a look", (K.POSTCODE,)),
        ("@jo DM us your mobile number", (K.PHONE,)),
        ("Can I take your name and DOB?", (K.FULL_NAME, K.DOB)),
        ("Could you email us your postcode?", (K.POSTCODE,)),
        ("Please send us an email with your order number", (K.ORDER_NUMBER,)),
        ("Don't share your PIN, just DM us your postcode", (K.POSTCODE,)),
    ],
)
def test_requests_found(analyzer: Analyzer, text: str, expected: tuple[K, ...]) -> None:
    assert requests(analyzer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "we've emailed the address on your account",
        "we will never ask for your PIN",
        "We'll never ask you to DM us your password",
        "Please don't share your password with anyone",
        "Do not send us your card details",
        "Thanks, we've passed this to the team",
        "We've sent a text to your mobile number",
        "You'll need your PIN to log in",
        "Let me check your account details",
        "Sorry about the number of times you've had to chase",
        "",
    ],
)
def test_no_requests(analyzer: Analyzer, text: str) -> None:
    assert requests(analyzer, text) == ()


def test_cue_does_not_reach_into_the_next_sentence(analyzer: Analyzer) -> None:
    assert requests(analyzer, "Please DM us. We have your postcode on file") == ()


def test_requests_are_for_agent_text_only(analyzer: Analyzer) -> None:
    assert analyzer.analyze(["DM us your postcode"], role="customer")[0].requests == ()
