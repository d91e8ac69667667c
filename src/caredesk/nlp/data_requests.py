"""What an agent's text asks the customer to provide: phone, email, postcode, PIN...

The draft guard uses this to block asking for data the company already holds
or must never ask for. A data word counts only when it follows a request cue
in the same clause:

- a polite request: "please confirm", "could you DM", "can you send";
- a verb aimed at us: "DM us", "send over", "let us know", "reply with";
- an imperative opening a clause: "Confirm your postcode";
- a need: "we'll need", "I need", "can I take", "may we have";
- a question: "what's your...?", "which number...?" (the clause ends in "?").

A cue is cancelled by a negation just before it ("we will never ask for your
PIN", "do not send us your card details"). So "we've emailed the address on
your account" asks for nothing: "emailed" is no cue. Data words are matched
longest-first, so "email address" is EMAIL (not ADDRESS) and "account number"
is ACCOUNT_NUMBER (not PHONE).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from caredesk.domain import RequestKind
from caredesk.nlp import extensions
from caredesk.nlp.rules import Hit, Rule, RuleMatcher, is_clause_end, longest_only, w

COMPONENT = "caredesk_requests"

_VERBS = ("dm", "pm", "message", "send", "provide", "confirm", "share", "give", "tell", "include",
          "pop", "drop", "supply", "enter", "quote", "verify", "email", "text", "forward", "pass",
          "reply", "respond", "fill", "add", "post", "type", "check", "advise", "state", "list",
          "note", "attach", "whatsapp")
# Verbs that are requests when they open a clause ("Confirm your postcode", "@jo DM us...").
_IMPERATIVES = ("dm", "pm", "message", "send", "provide", "confirm", "share", "give", "tell",
                "include", "pop", "drop", "supply", "enter", "quote", "verify", "email", "text",
                "forward", "reply", "fill", "attach", "whatsapp")
_OPENERS = frozenset(
    {"and", "then", "hi", "hello", "hey", "also", "just", "simply", "kindly", "so"}
)
_POLITE = ("please", "pls", "plz", "kindly")
_NEGATIONS = frozenset({"not", "never", "no", "nor", "neither", "without"})


def _opens_clause(doc: Doc, start: int, end: int) -> bool:
    """The verb starts the text, a clause, or follows a comma, a handle or "hi"/"and"."""
    if start == 0:
        return True
    before = doc[start - 1]
    return (before.is_punct or before.is_space or before.text.startswith("@")
            or before.norm_ in _OPENERS or is_clause_end(doc, start - 1))


def _our_need(doc: Doc, start: int, end: int) -> bool:
    """True for "we just need your postcode", not "you just need your PIN to log in"."""
    return start == 0 or doc[start - 1].norm_ not in {"you", "u", "they", "he", "she", "will"}


CUE = "cue"
QUESTION_CUE = "question"
CUES = (
    Rule(CUE, check=_opens_clause, patterns=([w(*_IMPERATIVES)],)),
    Rule(CUE, check=_our_need, patterns=([w("just", "also"), w("need", "require")],)),
    Rule(CUE, patterns=(
        [w(*_POLITE), w(*_VERBS)],
        [w("could", "can", "would", "will"), w("you", "u"),
         w("please", "pls", "just", "quickly", "kindly", "also", op="?"), w(*_VERBS)],
        [w("are", "would"), w("you"), w("able", "happy", "mind"), w("to", op="?"), w(*_VERBS)],
        [w("if"), w("you", "u"), w("could", "can", "would"), w(*_VERBS)],
        [w("feel"), w("free"), w("to"), w(*_VERBS)],
        [w(*_VERBS), w("us", "me", "over", "across", "through", "in")],
        [w("let"), w("us", "me"), w("know")],
        [w("reply", "respond", "come"), w("back", op="?"), w("with")],
        [w("we", "i"), w("will", "would", "shall", "just", "also", "may", "might", "do", "still",
                         op="{0,2}"), w("need", "require", "needs")],
        [w("can", "could", "may", "might"), w("i", "we"), w("please", "just", op="?"),
         w("have", "take", "get", "grab", "ask", "check", "confirm", "request", "see")],
        [w("ask", "asking", "asked"), w("you", op="?"), w("for")],
    )),
    Rule(QUESTION_CUE, patterns=([w("what", "which", "whats", "what's")],)),
)

DATA_WORDS = (
    Rule(RequestKind.PHONE, phrases=(
        "number", "phone number", "mobile number", "contact number", "telephone number",
        "mobile", "landline", "landline number", "phone no", "mobile no", "tel", "best number",
        "number you are calling about", "cell number", "mobile phone number",
    )),
    Rule(RequestKind.EMAIL, phrases=("email", "email address", "e-mail", "e-mail address",
                                     "e mail", "email addy", "email add")),
    Rule(RequestKind.FULL_NAME, phrases=(
        "name", "full name", "first name", "last name", "surname", "first and last name",
        "name on the account", "account holder's name", "account holder name", "account holder",
        "forename", "full names", "name and surname",
    )),
    Rule(RequestKind.ADDRESS, phrases=(
        "address", "home address", "postal address", "full address", "billing address",
        "first line of your address", "first line of the address", "house number",
        "delivery address",
    )),
    Rule(RequestKind.POSTCODE, phrases=("postcode", "post code", "postal code", "zip",
                                        "zip code", "postcodes")),
    Rule(RequestKind.DOB, phrases=("dob", "d.o.b", "d.o.b.", "date of birth", "birth date",
                                   "birthday", "birthdate")),
    Rule(RequestKind.ACCOUNT_NUMBER, phrases=(
        "account number", "account no", "acc no", "account ref", "account reference",
        "account details", "account id", "acct number", "customer number", "customer id",
        "account num", "billing account number",
    )),
    Rule(RequestKind.ORDER_NUMBER, phrases=(
        "order number", "order no", "order ref", "order reference", "order id",
        "order confirmation number", "order details",
    )),
    Rule(RequestKind.PASSWORD_OR_PIN, phrases=(
        "password", "passwords", "pin", "pin number", "pin code", "passcode", "pass code",
        "security pin", "account pin", "account password", "one-time code", "one time code",
        "one time passcode", "otp", "verification code", "security code", "login details",
        "log in details", "puk", "puk code", "memorable pin",
    )),
    Rule(RequestKind.SECURITY_ANSWER, phrases=(
        "security answer", "security question", "security questions",
        "answer to your security question",
        "memorable word", "memorable information", "memorable info", "memorable date",
        "mother's maiden name", "maiden name", "secret answer", "security details",
        "security info", "security information",
    )),
    Rule(RequestKind.CARD_NUMBER, phrases=(
        "card number", "long card number", "card details", "cvv", "cvc", "cvv2",
        "card security code", "expiry date", "long number on your card", "bank card",
        "debit card number", "credit card number", "16 digit number", "16-digit number",
        "card no", "last 4 digits of your card", "last four digits of your card",
    )),
    Rule(RequestKind.OTHER_ID, phrases=(
        "imei", "imei number", "serial number", "sim number", "iccid", "reference number",
        "ref number", "case number", "case reference", "ticket number", "complaint reference",
        "complaint number", "passport", "passport number", "driving licence", "driving license",
        "driver's license", "national insurance", "national insurance number", "ni number",
        "username", "user name", "your handle", "twitter handle", "x handle", "user id",
        "photo id", "sort code", "bank details", "bank account number", "id", "incident number",
        "sim serial", "pac code", "stac code",
    )),
)

# "an email", "by email", "via DM": the channel, not the data.
_CHANNEL_BEFORE = frozenset({"an", "a", "by", "via", "over", "in", "through", "per"})


class RequestFinder:
    """Sets `doc._.requests` to the RequestKind values asked for, in order of mention."""

    def __init__(self, nlp: Language) -> None:
        extensions.register()
        self.cues = RuleMatcher(nlp, CUES)
        self.data = RuleMatcher(nlp, DATA_WORDS)

    def __call__(self, doc: Doc) -> Doc:
        found = find_requests(doc, self.cues(doc), self.data(doc))
        extensions.put(doc, "requests", tuple(kind.value for kind in found))
        return doc


def find_requests(doc: Doc, cues: list[Hit], data: list[Hit]) -> list[RequestKind]:
    """Data words preceded by a live cue in the same clause, deduplicated, in text order."""
    clause, questions = _clauses(doc)
    live_from: dict[int, int] = {}  # clause id -> token index after the first live cue
    for cue in cues:
        if cue.rule.label == QUESTION_CUE and not questions[clause[cue.start]]:
            continue
        if _negated(doc, cue):
            continue
        cid = clause[cue.start]
        live_from[cid] = min(live_from.get(cid, len(doc)), cue.end)
    found: list[RequestKind] = []
    for hit in longest_only(data):
        cid = clause[hit.start]
        if cid not in live_from or hit.start < live_from[cid]:
            continue
        kind = RequestKind(hit.rule.label)
        if (
            kind is RequestKind.EMAIL
            and hit.end - hit.start == 1
            and hit.start
            and doc[hit.start - 1].norm_ in _CHANNEL_BEFORE
        ):
            continue
        if hit.end - hit.start == 1 and hit.end < len(doc) and doc[hit.end].norm_ == "of":
            continue  # "the number of times", "the name of the app"
        if kind not in found:
            found.append(kind)
    return found


def _clauses(doc: Doc) -> tuple[list[int], list[bool]]:
    """Each token's clause number, and for each clause whether it ends in a question mark."""
    ids: list[int] = []
    questions: list[bool] = []
    for index in range(len(doc)):
        ids.append(len(questions))
        if is_clause_end(doc, index):
            questions.append("?" in doc[index].text)
    questions.append(False)  # the last clause, if the text ends without punctuation
    return ids, questions


def _negated(doc: Doc, cue: Hit) -> bool:
    """A negation in the cue or in the few tokens before it, back to the previous comma."""
    index = cue.end - 1
    while index >= 0 and cue.start - index <= 5:
        token = doc[index]
        if token.norm_ in _NEGATIONS:
            return True
        if index < cue.start and (token.norm_ == "," or is_clause_end(doc, index)):
            return False
        index -= 1
    return False


@Language.factory(COMPONENT)
def make_request_finder(nlp: Language, name: str) -> RequestFinder:
    return RequestFinder(nlp)
