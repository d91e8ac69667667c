"""What a post is about: six topics, each scored by the strongest rule that fires.

Scores are deliberately coarse so an agent can see why a post was tagged:

- `STRONG` (0.9): a phrase that on its own says the topic ("my number was
  leaked", "keep calling me", "my account has been suspended").
- `WEAK` (0.6): a word that usually means the topic but can appear elsewhere
  ("privacy", "signal", "bill").
- 0.0: nothing fired.

A topic's score is the maximum over its hits, so it is at/above the label
threshold (0.5) as soon as anything fires. Hard negatives are handled by the
patterns themselves ("can you call me back" names no unwanted contact) or by
a context check (`not_by_me`: "*I* blocked the spam caller" is the customer's
own action, not the provider blocking something).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from caredesk.domain import Topic
from caredesk.nlp import extensions
from caredesk.nlp.rules import Rule, RuleMatcher, Tok, gap, is_clause_end, not_by_me, num, w

COMPONENT = "caredesk_topics"
STRONG, WEAK = 0.9, 0.6
_FIRST_PERSON = frozenset({"i", "we", "me", "myself", "ourselves", "us"})

_AUX = ("is", "was", "are", "were", "been", "being", "be", "has", "have", "had", "got", "get",
        "gets", "getting", "keeps", "keep", "still", "now", "just", "always", "'s", "suddenly",
        "randomly", "apparently")


def lead(*norms: str, op: str = "") -> Tok:
    """Like `w`, for a common leading word ("not", "you", "my") that should not be the word the
    matcher looks a pattern up by: as a regex token it is matched but never chosen as the
    pattern's anchor, so the pattern is only tried when its rarer words are in the post."""
    return Tok(regex="|".join(re.escape(n) for n in sorted(norms, key=len, reverse=True)), op=op)


def _next_norm(doc: Doc, end: int) -> str:
    return doc[end].norm_ if end < len(doc) else ""


# "privacy screen protector", "privacy glass": the product, not the customer's privacy.
_PRIVACY_PRODUCTS = frozenset({"screen", "screens", "glass", "film", "filter", "fence", "hedge",
                               "blind", "blinds", "curtain", "curtains", "mode", "protector",
                               "panel", "panels"})


def _not_privacy_product(doc: Doc, start: int, end: int) -> bool:
    if doc[start].norm_ != "privacy":
        return True
    return _next_norm(doc, end) not in _PRIVACY_PRODUCTS


# "spam filter", "not spam!!", "I blocked the spam caller": no unwanted contact from the provider.
_SPAM_TOOLS = frozenset({"filter", "filters", "folder", "blocker", "blocking", "protection",
                         "checker", "setting", "settings"})
_OWN_ACTIONS = frozenset({"blocked", "block", "reported", "report", "ignored", "deleted"})


def _unwanted_in_context(doc: Doc, start: int, end: int) -> bool:
    if _next_norm(doc, end) in _SPAM_TOOLS or doc[end - 1].norm_ in _SPAM_TOOLS:
        return False
    if doc[start].norm_ == "spam" and start > 0 and doc[start - 1].norm_ in ("not", "no"):
        return False
    # "is location sharing opt in or opt out?" asks about a setting
    if doc[start].norm_ == "opt" and start > 0 and doc[start - 1].norm_ == "or":
        return False
    for index in range(max(0, start - 3), start):
        if doc[index].norm_ in _OWN_ACTIONS and (index == 0 or not not_by_me(doc, index, end)):
            return False
    return True


# "my mate called me 6 times": someone the customer knows, not the provider.
_PEOPLE = frozenset({"mate", "mates", "friend", "friends", "mum", "mam", "dad", "wife", "husband",
                     "partner", "boyfriend", "girlfriend", "brother", "sister", "son", "daughter",
                     "lad", "nan", "gran", "boss", "kids", "kid"})
# "dropped calls every 2 minutes" is the network failing, not contact.
_FAILED = frozenset({"dropped", "dropping", "failed", "failing", "missing", "lost"})


def _not_someone_i_know(doc: Doc, start: int, end: int) -> bool:
    if start > 0 and doc[start - 1].norm_ in _FAILED:
        return False
    return not any(doc[i].norm_ in _PEOPLE for i in range(max(0, start - 3), start + 1))


# "sent money to a wrong number", "parcel sent to the wrong address": not personal data.
_NOT_DATA = frozenset({"money", "payment", "payments", "parcel", "parcels", "package", "packages",
                       "order", "orders", "delivery", "refund", "cash", "£", "$", "gift",
                       "flowers"})
# After "old", "wrong", "random", ...: whose data it reached.
_WRONG_WHO = frozenset({"old", "former", "previous", "wrong", "random", "late"})


def _data_to_wrong_person(doc: Doc, start: int, end: int) -> bool:
    """My data sent to someone else, not money or a parcel; "the wrong" needs a who/where."""
    if any(doc[i].norm_ in _NOT_DATA for i in range(max(0, start - 3), end)):
        return False
    return doc[end - 1].norm_ not in _WRONG_WHO


# --- privacy -----------------------------------------------------------------------------------

_DATA = ("data", "details", "number", "numbers", "email", "emails", "address", "addresses", "info",
         "information", "records", "record", "identity", "location", "browsing", "history")
_DISCLOSED = ("leaked", "shared", "sold", "exposed", "misused", "breached", "stolen", "hacked",
              "compromised", "disclosed", "passed", "given", "handed", "published", "revealed",
              "accessed", "abused", "harvested", "leaking", "broadcast")
# Past and -ing forms only for verbs whose base form is usually an offer ("happy to share my
# details", "give your number"); the rest are accusatory in any form.
_DISCLOSE = ("leak", "leaked", "leaking", "shared", "sharing", "sell", "sold", "selling", "expose",
             "exposed", "exposing", "misuse", "misused", "misusing", "disclosed", "disclosing",
             "passed", "passing", "gave", "giving", "handed", "handing", "published", "publishing",
             "revealed", "revealing", "breach", "breached", "breaching", "abuse", "abused",
             "abusing", "harvest", "harvesting", "harvested", "broadcast", "broadcasting")
_PERSONAL = (*_DATA, "name", "dob", "date", "birth", "passport", "password", "pin", "details",
             "card", "bank", "account", "history", "photo", "postcode", "maiden", "mother",
             "mother's")
_SENT_OUT = ("sent", "send", "sending", "emailed", "posted", "addressed", "texted", "went",
             "gone", "delivered", "forwarded", "mailed", "gave", "given")
# What kind of number/address sits between "my" and the data noun ("my phone number").
_DATA_KIND = ("phone", "mobile", "home", "work", "email", "personal", "private", "contact",
              "bank", "card", "new", "full", "account", "postal", "current")
# Who gets into an account or a SIM when it is not the customer.
_INTRUDER = ("someone", "somebody", "nobody", "stranger", "strangers", "who", "hacker",
             "hackers", "fraudster", "fraudsters", "scammer", "scammers", "criminal",
             "criminals", "else", "devices", "tried", "attempted")
# Data asked for or collected that is sensitive in itself.
_SENSITIVE = ("password", "passwords", "pin", "passcode", "maiden", "passport", "biometric",
              "biometrics", "medical", "health", "selfie", "fingerprint", "fingerprints",
              "facial", "passports")
_OWNER = ("my", "our", "customer", "customers", "customers'", "people", "people's", "users",
          "subscriber", "subscribers", "mobile", "phone", "email", "home", "their")

PRIVACY = (
    Rule(Topic.PRIVACY, STRONG, phrases=(
        "data breach", "data leak", "data leaks", "privacy breach", "breach of privacy",
        "invasion of privacy", "privacy violation", "gdpr", "data protection",
        "data protection act", "subject access request", "data subject access request",
        "information commissioner", "right to be forgotten", "delete my data", "erase my data",
        "delete my details", "without my consent", "without my permission", "big brother",
        "http headers", "personal data breach", "sold my data", "right to erasure",
        "erasure request", "identity theft", "identity fraud", "sim swap fraud",
        "account takeover", "location data", "personalised ads", "personalized ads",
        "targeted ads", "targeted adverts", "personalised adverts", "personal info",
        "my private stuff", "shared my data", "shared my details",
    )),
    Rule(Topic.PRIVACY, STRONG, patterns=(
        # "my number was leaked", "customer data has been shared", "my number 07... was sold"
        [w(*_OWNER, "personal", "your", op="?"), w(*_DATA), gap(4), w(*_DISCLOSED)],
        # "how did you get my email", "where did they find my number"
        [w("how", "where", "why"), w("did", "do", "have", "has", "does", "can", "would", "is"),
         gap(3), w("get", "got", "obtain", "obtained", "have", "find", "found", "know", "knew",
                   "source", "sourced", "access", "accessed"),
         w("my", "our"), gap(1), w(*_DATA)],
        [w("who"), w("gave", "give", "sold", "passed", "shared", "leaked", "has", "had"), gap(2),
         w("my", "our"), gap(1), w(*_DATA)],
        # "asked for my personal details" (a security check on a sales call)
        [w("asked", "ask", "asking", "wanted", "requested", "demanded", "requesting",
           "demanding"), gap(3), w("personal", "private", "security"),
         w("details", "information", "data", "info", "questions")],
        # "monitoring my tweets", "you monitored public complaints"
        [w("monitoring", "monitored", "monitor", "tracking", "tracked", "spying", "spied",
           "snooping", "snooped", "surveillance"), gap(2),
         w("me", "us", "customers", "people", "complaints", "tweets", "posts", "social",
           "accounts", "activity", "browsing", "messages", "calls", "complainers", "location",
           "movements", "usage", "conversations")],
        [w("sar")],
        # "read out my full address and date of birth"
        [w("read", "reading", "reads", "shouted", "announced"), w("out"), gap(2),
         w("my", "our", "his", "her", "their"), w("full", "whole", "home", op="?"),
         w(*_PERSONAL)],
        # "someone else's account details", "sent my bill to someone else", "to my ex"
        [w("someone", "somebody", "another", "other"), w("else", "customer", "person", "people"),
         w("'s", op="?"), w("full", "personal", "private", op="?"),
         w("account", "details", "data", "bill", "bills", "name", "address", "info",
           "information", "records", "number", "statement", "statements")],
        [w(*_SENT_OUT), gap(4), w("to"), w("someone", "somebody", "another", "my"),
         w("else", "customer", "person", "ex", "ex's", "employer", "neighbour", "old")],
        [w(*_SENT_OUT), gap(3), w("to"), w("a", "some", "total", "complete", op="?"),
         w("stranger", "strangers")],
        [w(*_SENT_OUT), w("to"), w("the", op="?"), w("wrong"),
         w("person", "customer", "email", "address", "account", "number")],
        # "why are you still holding my data"
        [w("holding", "hold", "holds", "keeping", "keep", "storing", "store", "retaining",
           "retain", "kept", "stored", "retained"), w("onto", "on", op="?"), w("my", "our"),
         w("personal", op="?"), w("data", "details", "information", "info", "records")],
        # "who gave them that", "who has access to my account"
        [w("who"), w("gave", "sold", "passed", "leaked", "shared", "told"),
         w("them", "him", "her", "it", "you"), w("that", "this", "those", "it", "my")],
        [w("who"), gap(2), w("access"), w("to"), w("my", "our"), gap(1),
         w("account", "data", "details", *_DATA)],
        # "a third party cold called me knowing my name"
        [w("knowing", "knew", "know", "had"), w("my", "our"), w("full", "home", op="?"),
         w("name", "address", "tariff", "contract", "date", "dob", "details", "account")],
        # "why do you need my date of birth for a coverage question"
        [w("why"), gap(4), w("need", "needs", "want", "wants", "ask", "asking", "asked",
                             "require", "requires"),
         w("for", op="?"), w("my", "our"), w("full", op="?"), w(*_PERSONAL)],
        # "asked me to DM my number again", "you have all of it already", "send it again?"
        [lead("have", "had", "got", "hold"), lead("all", op="?"), lead("of", op="?"),
         lead("it", "that", "this", "them"), w("already")],
        [lead("have", "got", "had"), lead("my", "our"), gap(3), lead("on"),
         w("file", "record", "system"), gap(6), w("why", "again", "already")],
        # "asked for my full card number AND my password", "asking me for my PIN"
        [w("asked", "ask", "asking", "wanted", "requested", "demanded", "requesting",
           "demanding", "wants"), gap(7),
         w("password", "passwords", "pin", "passcode", "maiden", "passport")],
        # "photographed my passport on his phone", "a selfie with my passport"
        [w("photographed", "photograph", "photo", "photos", "picture", "pictures", "selfie",
           "scanned", "copied", "copy", "upload", "uploading"), gap(3),
         w("passport", "passports", "licence", "license", "id")],
        # "verify with my mother's maiden name over public Twitter"
        [w("maiden", "password", "pin", "passcode", "dob", "address", "details", "number"),
         gap(4), w("public", "publicly")],
        # "my full name and address on the outside of the envelope"
        [w("name", "address", "details"), gap(3), w("outside"), w("of", op="?"), w("the"),
         w("envelope", "letter", "parcel", "package")],
        # "posted a photo of my house on your Facebook page"
        [w("posted", "posting", "published", "tweeted", "displayed", "shared", "put"), gap(4),
         w("my", "our"), w("house", "home", "address", "face", "name", "photo", "picture",
                           "door")],
        # "said they were me and got a SIM swap", "pretending to be me"
        [w("said", "saying", "claimed", "claiming", "pretended", "pretending", "posing",
           "posed", "impersonating", "impersonated"),
         w("they", "he", "she", "to", "as", op="?"), w("were", "was", "be", op="?"),
         w("me", "us", "the", "my")],
        # "my call history is visible to my employer"
        [w(*_DATA, "history", "calls", "account", "bill"), gap(2),
         w("visible", "viewable", "accessible", "available"), w("to")],
        # "what do you do with my browsing data", "do you share customer data with Harbour"
        [lead("do", "doing", "done", "does"), lead("with"), w(*_OWNER), gap(1), w(*_DATA)],
        [w("share", "shares", "sell", "sells", "pass", "passes", "give", "gives"), w("on", op="?"),
         w(*_OWNER), w("personal", op="?"), w(*_DATA), w("with", "to")],
        # "sells location data to advertisers"
        [w("sell", "sells", "selling", "sold", "share", "shares", "sharing", "shared", "pass",
           "passes", "passing", "passed"), gap(3), w("data", "details", "information", "info"),
         gap(2), w("to", "with"),
         w("advertisers", "third", "partners", "marketers", "marketing", "companies",
           "brokers", "others", "a", "debt")],
    )),
    Rule(Topic.PRIVACY, STRONG, check=not_by_me, patterns=(
        # "you leaked my number", "passed on my details" (not "I shared my number"); also with
        # the kind of number/address between: "shared my phone number", "sold my home address"
        [w(*_DISCLOSE), w("on", "out", op="?"), w(*_OWNER), w(*_DATA_KIND, op="{0,2}"),
         w(*_DATA)],
        # "someone added 3 lines in my name", "a contract taken out in my name" (identity fraud)
        [w("opened", "taken", "took", "added", "ordered", "applied", "registered", "bought",
           "activated"), gap(5), w("in"), w("my", "our"), w("name", "names")],
        # staff telling a third person: "the rep told my brother my PIN"
        [w("told", "tell", "telling", "gave", "giving", "showed", "read", "disclosed"),
         w("my", "someone", "somebody", "a", "another", "the", "his", "her"),
         w(*_PEOPLE, "else", "ex", "neighbour", "colleague", "colleagues", "manager", "stranger",
           "caller", "person", "employer"), w("my", "our"), w(*_DATA_KIND, op="?"),
         w(*_SENSITIVE, "dob", "address", "postcode", "history", "calls", "texts")],
        # "Northwind let my brother into my account", "gave my ex access to my call history"
        [w("let", "lets", "letting", "allowed", "allowing", "gave", "given", "giving", "granted"),
         gap(4), w("into", "access"), w("to", op="?"), w("my", "our"), gap(1),
         w("account", "voicemail", "voicemails", "history", "records", "data", "details",
           "emails", "messages")],
    )),
    Rule(Topic.PRIVACY, STRONG, patterns=(
        # SIM-swap fraud and account takeover: "someone tried to SIM swap me", "SIM swap
        # fraudster", "SIM swapped my number to a stranger" (not "after the SIM swap")
        [w("sim"), w("-", op="?"), w("swap", "swapped", "swapping", "swaps"),
         w("fraud", "fraudster", "fraudsters", "scam", "scammer", "scammers", "attack",
           "attacks", "me", "us", "my", "without")],
        [w(*_INTRUDER), gap(3), w("sim"), w("-", op="?"), w("swap", "swapped", "swapping")],
        # "someone accessed my voicemail", "nobody else has access to my account",
        # "who logged into my account"
        [w(*_INTRUDER), gap(3),
         w("access", "accessed", "accessing", "into", "logged", "login", "hacked", "hijacked",
           "changed", "reset"),
         w("to", "into", "in", op="?"), w("my", "our"),
         w("account", "accounts", "voicemail", "voicemails", "emails", "sim", "number", "data",
           "details", "password", "records")],
        # data-protection rights: "all the data you hold on me", "a copy of my data",
        # "I want my data deleted"
        [w("data", "information", "info", "details", "records", "everything", "recordings"),
         gap(3), w("hold", "holding", "held", "have", "has", "keep", "keeping", "kept", "store",
                   "storing", "stored"), w("on", "about"), w("me", "us", "myself")],
        [w("copy", "copies"), w("of"), gap(3),
         w("data", "information", "info", "records", "recordings", "details")],
        [w("delete", "deleted", "deleting", "erase", "erased", "erasing", "remove", "removed",
           "wipe", "wiped", "destroy", "destroyed"), w("all", op="?"), w("of", op="?"),
         w("my", "our"), w("personal", op="?"),
         w("data", "details", "information", "info", "records", "recordings")],
        [lead("my", "our"), w("personal", op="?"),
         w("data", "details", "information", "info", "records", "recordings"),
         w("deleted", "erased", "removed", "wiped", "destroyed")],
        # "I never gave you my work address", "didn't give them my whatsapp"
        [lead("never", "not"), w("gave", "give", "given", "provided", "shared", "told"),
         w("you", "them", "it", "northwind", "out", op="?"), w("my", "our", "this", "that"),
         w(*_DATA_KIND, op="{0,2}"), w(*_DATA, "whatsapp", "name", "dob", "it")],
        # "I never agreed to my details being passed to partners"
        [lead("never", "not"), w("agreed", "agree", "consented", "consent", "opted", "signed"),
         gap(4), w(*_DATA)],
        # staff asking for data it already holds: "you already have all of it"
        [lead("you", "they"), w("already"), w("have", "hold", "has", "got", "know", "had"),
         w("all", op="?"), w("of", op="?"), w("it", "that", "this", "them", "those", "everything")],
        [lead("you", "they"), lead("have", "has"), w("already"), w("got", "had", "been", op="?"),
         w("given", op="?"), w("all", op="?"), w("of", op="?"),
         w("it", "that", "this", "them", "those", "everything")],
        # asking for sensitive data: "asked me for a photo of my bank statement", "do they
        # actually need my national insurance number", "why do I need to give you my mother's
        # maiden name"
        [lead("asked", "ask", "asking", "asks", "wanted", "wants", "requested", "demanded",
           "demanding"), gap(6), w(*_SENSITIVE)],
        [w("need", "needs", "needed", "require", "requires", "required", "want", "wants"),
         w("my", "our", "your"), w(*_DATA_KIND, op="?"), w(*_SENSITIVE)],
        [w("asked", "ask", "asking", "asks", "wanted", "want", "wants", "need", "needs",
           "needed", "require", "requires", "requested", "demanded"), gap(6),
         w("bank", "national", "sort"), w("statement", "statements", "insurance", "code")],
        # "my account was accessed by someone else"
        [w("accessed", "hacked", "hijacked", "viewed", "opened", "used", "taken"),
         w("over", op="?"), w("by"),
         w("someone", "somebody", "a", "an", "another", "strangers", "hackers", "fraudsters",
           "scammers", "criminals"),
         w("else", "stranger", "hacker", "fraudster", "scammer", "third", "unknown", op="?")],
        # "read my address out", "they've got your details from your mobile provider"
        [w("read", "reading", "reads", "shouted", "announced"), w("my", "our", "his", "her"),
         w("full", "home", op="?"), w(*_PERSONAL), w("out", "aloud")],
        [lead("got", "get", "getting", "obtained", "bought", "received"), lead("your", "my", "our"),
         w(*_DATA_KIND, op="{0,2}"), w(*_DATA), w('"', op="?"), w("from")],
        [w("why"), gap(4), w("need", "needs", "want", "wants", "ask", "asking", "asked",
                             "require", "requires"),
         gap(4), w("my", "our"), w("full", op="?"), w(*_PERSONAL, *_SENSITIVE)],
        # "replied publicly with my full postcode"
        [w("publicly", "public"), gap(4), w("my", "our"), w("full", "home", op="?"),
         w(*_PERSONAL)],
        # "my account number printed on the outside of the envelope"
        [w(*_PERSONAL), gap(3), w("outside"), w("of", op="?"), w("the"),
         w("envelope", "letter", "parcel", "package")],
        # monitoring: "looking at my Facebook", "scraping my LinkedIn", "I didn't sign up to
        # be watched"
        [w("looking", "looked", "scraping", "scraped", "stalking", "stalked", "watching",
           "watched", "snooping", "spying", "tracking", "tracked", "monitoring", "monitored"),
         w("at", "on", "through", op="?"), w("my", "our", "people's", "customers'"),
         w("facebook", "instagram", "linkedin", "tiktok", "social", "socials", "profile",
           "profiles", "posts", "tweets", "messages", "emails", "browsing", "searches",
           "whatsapp", "texts", "calls", "location", "movements", "phone", "internet", "web")],
        [lead("be", "being"), w("watched", "monitored", "tracked", "spied", "profiled", "snooped")],
        # location and tracking data, app permissions
        [w("location", "movement", "movements"), w("data", "history", "tracking")],
        [w("live", "background", "precise", "exact", "gps"), w("location", "locations")],
        [w("upload", "uploads", "uploading", "uploaded", "harvest", "harvests", "harvesting",
           "sync", "syncs", "synced", "copies", "copied", "scans", "scanned", "reads"),
         w("my", "our", "your", "the", op="?"),
         w("contact", "contacts", "phonebook", "address", "photos", "messages", "location"),
         w("list", "book", op="?")],
        [w("camera", "microphone", "mic", "contacts", "location"), gap(3),
         w("access", "permission", "permissions")],
        # "personalised offers", "targeted marketing"
        [w("personalised", "personalized", "targeted", "tailored", "behavioural", "behavioral"),
         w("ads", "adverts", "advertising", "advertisements", "offers", "marketing")],
    )),
    Rule(Topic.PRIVACY, STRONG, check=_data_to_wrong_person, patterns=(
        # data sent to the wrong person: "emails my bill to a stranger", "sending my passcodes
        # to an old number", "my bills posted to her flat"
        [lead(*_SENT_OUT, "emails", "sends", "posts", "swapped", "ported", "goes", "go", "going"),
         gap(5), lead("to"), lead("someone", "somebody", "another", "a", "an", "some", "my",
                                  "her", "his", "the", "total", "complete"),
         w("else", "stranger", "strangers", "ex", "ex's", "old", "former", "previous", "wrong",
           "random", "late"),
         w("person", "people", "customer", "address", "email", "account", "owner", "tenant",
           "flat", "house", "number", "employer", "housemate", "wife's", "husband's", "father",
           "mother", "father's", "mother's", "parents", *_PEOPLE, op="?")],
    )),
    Rule(Topic.PRIVACY, WEAK, check=_not_privacy_product, phrases=(
        "privacy", "personal data", "personal details", "personal information", "confidential",
        "consent", "leaked", "leak", "breach", "monitoring", "surveillance", "spying",
        "data sharing", "creepy", "hacked", "hacker", "hackers", "biometric", "biometrics",
        "erasure",
    )),
)

# --- unwanted contact --------------------------------------------------------------------------

_CONTACT_NOUN = ("call", "calls", "caller", "callers", "calling", "text", "texts", "txt", "txts",
                 "sms", "email", "emails", "message", "messages", "mail", "voicemail",
                 "voicemails", "phonecalls", "ringing", "marketing")
_CONTACTING = ("calling", "ringing", "phoning", "texting", "emailing", "messaging", "contacting",
               "spamming", "bombarding", "hounding", "pestering", "harassing", "bothering",
               "chasing", "mailing")
_CONTACTED = ("called", "rang", "phoned", "texted", "emailed", "contacted", "messaged", "rung",
              "calling", "ringing", "phoning", "texting", "emailing", "contacting", "spammed",
              "hounded", "pestered", "harassed", "bombarded")
_OFTEN = ("again", "twice", "repeatedly", "constantly", "daily", "nonstop", "every", "several",
          "multiple", "three", "four", "five", "six", "non-stop", "endlessly", "continuously",
          "relentlessly", "all", "at")

_CONTACT_NOW = ("call", "calls", "ring", "rings", "text", "texts", "email", "emails", "phone",
                "phones", "message", "messages")
_NTH = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "another")

_CHANNEL = ("email", "emails", "e-mail", "text", "texts", "sms", "post", "letter", "letters", "dm",
            "dms", "whatsapp")
_CONTACT_PLURAL = ("calls", "texts", "emails", "messages", "voicemails", "notifications", "letters",
                   "phonecalls", "sms")
# Who the provider should not be contacting instead of the customer.
_THIRD_PERSON = ("mum", "mam", "mom", "dad", "parents", "wife", "husband", "partner", "son",
                 "daughter", "gran", "nan", "grandma", "grandad", "family", "neighbour",
                 "neighbours", "neighbor", "employer", "work", "workplace", "office", "boss",
                 "reception", "colleague", "colleagues", "landline", "husband's", "wife's",
                 "mum's", "dad's", "partner's")
_CONTACT_WORDS = ("call", "calls", "caller", "callers", "text", "texts", "email", "emails",
                  "message", "messages", "someone", "somebody", "guy", "man", "woman", "bloke",
                  "lady", "scammer", "scammers", "rang", "called", "texted", "emailed", "voicemail",
                  "number", "numbers", "sms", "recording", "recorded", "bot")
_THEY_SUBJECTS = frozenset({"you", "they", "someone", "somebody", "team", "rep", "reps", "agent",
                            "agents", "company", "network", "provider", "caller", "collector",
                            "collectors", "staff", "advisor", "adviser", "guy", "man", "woman",
                            "bot", "sales", "salesman", "northwind", "harbour", "saltire"})
_NOT_CONTACT = frozenset({"drop", "drops", "dropping", "dropped", "fail", "fails", "failing",
                          "failed", "cut", "cuts", "cutting", "through", "delayed", "late",
                          "missing", "not", "never", "divert", "diverting", "going", "video",
                          "freezing", "freezes", "lagging", "volume", "volumes", "quality",
                          "centre", "center", "waiting", "arriving", "arrive", "arrived"})


def _contact_not_failing(doc: Doc, start: int, end: int) -> bool:
    """"calls drop every day", "texts not coming through": the network, not contact."""
    if start > 0 and doc[start - 1].norm_ in _FAILED:
        return False
    if any(doc[i].norm_ in _NOT_CONTACT for i in range(start, min(len(doc), end + 1))):
        return False
    return _not_someone_i_know(doc, start, end)


def _not_my_contact(doc: Doc, start: int, end: int) -> bool:
    """Not the customer's own call ("I called about my upgrade") nor a friend's."""
    return not_by_me(doc, start, end) and _not_someone_i_know(doc, start, end)


def _contact_by_third_party(doc: Doc, start: int, end: int) -> bool:
    """The contact came from the provider or a caller, not from the customer or their family:
    "Northwind rang my mum" but not "I texted my mum" or "texted my mum, it never arrived"."""
    for index in range(start - 1, max(-1, start - 6), -1):
        token = doc[index]
        norm = token.norm_
        if is_clause_end(doc, index) or norm in _FIRST_PERSON or norm in _PEOPLE:
            return False
        if norm in _THEY_SUBJECTS or token.text.startswith("@") or (
            token.text[:1].isupper() and token.is_alpha and norm not in _FIRST_PERSON
        ):
            return True
    return False


UNWANTED_CONTACT = (
    Rule(Topic.UNWANTED_CONTACT, STRONG, phrases=(
        "do not call list", "tps registered", "telephone preference service", "registered with tps",
        "on the tps", "cold call", "cold calls", "cold calling", "cold caller", "cold callers",
        "nuisance call", "nuisance calls", "robocall", "robocalls", "telesales",
        "unsolicited", "spam calls", "spam texts", "spam emails",
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, check=_unwanted_in_context, patterns=(
        # "unsolicited sales calls", "marketing texts", "nuisance phone calls", "survey texts"
        [w("cold", "sales", "marketing", "nuisance", "unsolicited", "spam", "junk", "unwanted",
           "automated", "robo", "promotional", "pushy", "sales-y", "salesy", "advertising",
           "repeated", "constant", "endless", "numerous", "incessant", "continuous", "survey",
           "surveys", "scam", "upsell", "upgrade", "retention", "retentions", "silent",
           "recorded", "pre-recorded", "robotic"),
         w("phone", "sms", "voice", op="?"), w(*_CONTACT_NOUN)],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, check=_not_someone_i_know, patterns=(
        # "you keep calling me", "constantly texting"
        [w("keep", "keeps", "kept", "keeping", "constantly", "repeatedly", "continually",
           "continuously", "always", "still", "relentlessly"), w(*_CONTACTING)],
        # "called me again", "rang me 5 times", "emailed me every day"
        [w(*_CONTACTED), w("me", "us"), w(*_OFTEN)],
        [w(*_CONTACTED), w("me", "us"), num(), w("times", "x", "days")],
        [w("calls", "texts", "emails", "messages", "voicemails", "promos", "promotions",
           "notifications", "notification"), w("every", "daily"), replace(num(), op="?"),
         w("day", "night", "week", "morning", "evening", "hour", op="?")],
        # "call me 7 times an hour", "texts me every day"
        [w(*_CONTACT_NOW), w("me", "us"), num(), w("times", "x", "days")],
        [w(*_CONTACT_NOW), w("me", "us"), w("every", "daily", "nonstop", "non-stop",
                                            "constantly", "repeatedly", "twice")],
        [w("ringing", "calling", "texting", "phoning", "emailing", "messaging"), w("me", "us"),
         w(*_OFTEN)],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, patterns=(
        # "3rd call today", "third missed call from you this week"
        [w(*_NTH), w("missed", "sales", "marketing", "unsolicited", "nuisance", op="?"),
         w("call", "text", "email", "message", "voicemail", "sms"), gap(4),
         w("today", "tonight", "this", "in")],
        # "getting calls from a number pretending to be you", "is it you calling from 0330 numbers"
        [w("calls", "texts", "emails", "messages", "call", "text", "someone", "number", "numbers"),
         gap(4), w("pretending", "claiming", "saying", "says", "claims", "pretends", "posing")],
        [w("calling", "texting", "ringing", "phoning"), w("me", "us", op="?"), w("from"),
         gap(2), w("number", "numbers")],
        [w("calling", "texting", "ringing", "phoning"), w("me", "us", op="?"), w("from"),
         num()],
        # "being called at 9pm by sales", "keep getting texts", "texts every day"
        [w("being", "getting", "get", "keep", "keeps"), w("called", "rang", "rung", "phoned",
                                                          "texted", "emailed", "spammed"),
         w("at", "by", "every", "again", "constantly", "daily", "nonstop", "repeatedly", "all",
           "late", "early")],
        [w("keep", "keeps", "kept", "still"), w("getting", "receiving"), gap(2),
         w("calls", "texts", "emails", "messages", "marketing", "voicemails", "offers")],
        # "why are you texting it offers", "rang me about an upgrade"
        [w(*_CONTACTING, "called", "rang", "texted", "emailed", "phoned"),
         w("me", "us", "it", "my"), w("about", "with", op="?"), w("an", "a", "more", op="?"),
         w("offers", "offer", "deals", "deal", "upgrade", "upgrades", "promotions", "adverts",
           "marketing", "sales")],
        # "don't ring me", "the calls are waking me up"
        [lead("do", "please"), lead("not", "never"), w("ring", "call", "phone", "text", "email",
                                                 "contact", "message"), w("me", "us")],
        [w("calls", "texts", "call", "ringing", "phone"), gap(2),
         w("waking", "woke", "wake", "wakes")],
        # "I said no calls", "email. only.", "replied STOP three times"
        [w("said", "told", "asked", "requested", "stated", "specified"), gap(3), w("no"),
         w("calls", "phone", "texts", "marketing", "emails", "contact")],
        [w("email", "emails", "e-mail", "text", "texts", "sms", "post", "letter", "letters",
           "dm", "dms"), w(".", ",", "-"), w("only")],
        [w("replied", "reply", "replying", "texted", "sent", "text"), w("stop")],
        [w("unsubscribed", "unsubscribe", "opted", "stop"), gap(3), w("but")],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, patterns=(
        # "stop texting me", "stop sending me offers"
        [w("stop", "quit", "cease"), w(*_CONTACTING)],
        [w("stop", "quit", "cease"), w("sending"), w("me", "us", op="?"), gap(2),
         w("texts", "emails", "messages", "marketing", "offers", "promotions", "adverts", "spam",
           "junk", "sms", "mail", "voicemails")],
        # "told you email only", "asked you not to call", "said I only want emails"
        [w("told", "asked", "said", "requested", "specified", "stated", "explained", "instructed",
           "set"), gap(4), w("email", "emails", "e-mail", "text", "sms", "dm", "post", "letter"),
         w("only")],
        [w("told", "asked", "said", "requested", "instructed"), gap(3), w("not", "never"),
         w("to"), w("be", op="?"),
         w("call", "called", "contact", "contacted", "ring", "rung", "phone", "phoned", "text",
           "texted", "email", "emailed", "market", "marketed")],
        # "opted out but still get calls"
        [w("opted", "unsubscribed", "unsubscribe", "opt"), gap(6),
         w("still", "yet", "again", "continue", "continues", "keep", "keeps", "carry")],
        [w("spamming", "spammed", "harassing", "harassed", "pestering", "pestered", "hounding",
           "hounded", "bombarding", "bombarded"), w("me", "us", "my", "our")],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, patterns=(
        # contact preferences: "change my contact preferences", "EMAIL ONLY contact",
        # "all contact by post", "only contact me via DM", "text me instead of calling"
        [w("contact", "contacting", "communication", "communications", "marketing", "privacy",
           "notification", "notifications", "call", "email", "sms", "text"),
         w("preference", "preferences", "permissions", "consents", "opt-outs")],
        [w("preferred"), w("contact", "channel", "method")],
        [w(*_CHANNEL), w("only"),
         w("contact", "communication", "communications", "correspondence", "please", "preference",
           "thanks", "thank", "from")],
        [w("by", "via", "through"), w(*_CHANNEL), w("only")],
        [lead("all", "any"), w("contact", "communication", "communications", "correspondence"),
         w("by", "via", "through", "to")],
        [w("only"), w("contact", "call", "text", "email", "message", "reach", "ring"),
         w("me", "us", "her", "him", "them"), w("via", "by", "on", "through")],
        [w("instead"), w("of"), w("calling", "ringing", "phoning", "texting", "emailing", "calls",
                                 "texts", "emails", "ringing")],
        # "make sure I'm not called anymore", "don't want phone calls", "stop the calls"
        [lead("not", "never"), w("be", "being", op="?"),
         w("called", "contacted", "rung", "phoned", "texted", "emailed", "messaged"),
         w("anymore", "again", "any")],
        [lead("not"), w("even", "really", "actually", op="?"), lead("want", "wanting", "need"),
         w("any", "the", "these", "your", "phone", "sales", "marketing", op="{0,2}"),
         w("calls", "call", "texts", "emails", "marketing", "contact", "notifications",
           "phonecalls")],
        # "remove this number from every sales list", "take me off your mailing list"
        [lead("remove", "removed", "take", "taken", "delete", "off", "from"), gap(4),
         w("sales", "marketing", "mailing", "call", "calling", "contact", "promotional",
           "promo"), w("list", "lists", "database", "databases")],
        # "if you call me one more time", "the emails are still coming"
        [w(*_CONTACT_NOW, "ring", "contact"), w("me", "us"), w("one"), w("more"), w("time")],
        [w("offer", "offers", "promo", "promos", "promotional", "deal", "deals", "discount",
           "birthday", "loyalty"), w(*_CONTACT_NOUN)],
        # app push notifications: "sends me 6 push notifications a day"
        [w("send", "sends", "sending", "sent", "push", "pushes", "pushing", "spamming",
           "spams"), w("me", "us"), gap(3),
         w("notification", "notifications", "alerts", "pushes")],
        [w("push"), w("notification", "notifications")],
        # a survey nobody asked for: "you sent me a 'we value your feedback' survey"
        [w("sent", "sends", "sending", "texted", "emailed", "keep"), w("me", "us"), gap(8),
         w("survey", "surveys", "questionnaire")],
        # stated channel preferences: "I'd prefer no contact by phone", "prefer email",
        # "switch from post to email for my bills"
        [w("prefer", "preferred", "preference", "rather"), gap(3),
         w(*_CHANNEL, "contact", "calls", "phonecalls")],
        [w("switch", "switched", "change", "changed", "move", "moved", "swap"), gap(4), w("from"),
         w(*_CHANNEL, "paper"), w("to"), w(*_CHANNEL)],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, check=_contact_not_failing, patterns=(
        # "the emails keep coming", "the calls have continued"
        [w(*_CONTACT_PLURAL), w("are", "is", "have", "has", "keep", "keeps", "still", "just",
                                op="{0,3}"),
         w("coming", "continuing", "continue", "continued", "continues")],
        # "calls at dinner time every single day", "the same email every day for two weeks"
        [w(*_CONTACT_PLURAL, "call", "text", "email", "message", "notification"), gap(3),
         w("every", "each"), w("single", op="?"),
         w("day", "night", "morning", "evening", "week", "hour", "time", "weekend")],
        # "stop the calls", "how do I stop the 'your bill is ready' emails"
        [w("stop", "end", "halt"), w("the", "these", "those", "your", "all", op="{1,2}"),
         gap(6), w(*_CONTACT_PLURAL, "marketing", "spam")],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, check=_contact_by_third_party, patterns=(
        # contact via relatives, neighbours or the workplace: "Northwind rang my mum",
        # "the debt team called my neighbour", "called my office reception"
        [w("called", "rang", "phoned", "texted", "emailed", "contacted", "messaged", "calling",
           "ringing", "phoning", "texting", "contacting", "visited", "wrote"),
         w("to", op="?"), w("my", "our"), w(*_THIRD_PERSON)],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, check=_not_my_contact, patterns=(
        # sales contact: "rang me on Christmas Day to offer me a broadband deal", "emailed me
        # about their black friday deals", "still get calls about the upgrade"
        [w("called", "rang", "phoned", "texted", "emailed", "messaged", "calling", "ringing",
           "phoning", "texting", "emailing", "calls", "texts", "emails", "caller"),
         gap(6), w("offer", "offering", "sell", "selling", "upgrade", "upgrades", "upgrading",
                   "deal", "deals", "offers", "promotion", "promotions", "bundle", "bundles",
                   "broadband", "insurance")],
        # callers claiming to be the provider: "caller said he was from Northwind", "texts that
        # say they're from Harbour", "rang saying my router was hacked"
        [lead(*_CONTACT_WORDS), gap(5),
         w("say", "said", "saying", "says", "claimed", "claiming", "claims", "claim",
           "pretending", "pretended", "pretends", "posing", "posed", "purporting"),
         w("he", "she", "they", "it", "to", "we", op="?"), w("was", "were", "is", "are", "be",
                                                           op="?"),
         w("from", "calling", "northwind", "harbour", "saltire", "your")],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, phrases=(
        "phishing", "smishing", "vishing", "phishing text", "phishing email", "scam text",
        "scam texts", "scam call", "scam calls", "door to door", "door-to-door", "doorstep",
    )),
    Rule(Topic.UNWANTED_CONTACT, WEAK, check=_unwanted_in_context, phrases=(
        "opted out", "unsubscribed", "opt out", "do not call me", "never call me",
        "do not contact me", "harassment", "spam", "marketing", "do not want calls",
        "stop calling", "stop texting", "stop emailing",
    )),
    Rule(Topic.UNWANTED_CONTACT, WEAK, patterns=(
        [num(), w("phone", "sms", op="?"),
         w("calls", "texts", "emails", "messages", "voicemails", "missed")],
    )),
)

# --- more privacy and unwanted contact: phrasings from posts written by other people -----------

# Who should not see or get the customer's data (relatives, carers, neighbours, workplaces).
_OTHERS = ("mum", "mam", "dad", "wife", "husband", "partner", "boyfriend", "girlfriend", "brother",
           "sister", "son", "daughter", "nan", "gran", "boss", "mother", "father", "carer",
           "carers", "grandmother", "grandfather", "ex", "neighbour", "neighbours", "neighbor",
           "colleague", "colleagues", "employer", "landlord", "stranger", "strangers",
           "parents", "grandson", "granddaughter", "flatmate", "housemate")
# Adjectives that may sit between "my" and the person ("my 84 year old mother").
_PERSON_ADJ = Tok(regex=r"\d+|year|years|old|year-old|elderly|next|door|poor|disabled|vulnerable"
                        r"|sick|frail|deaf|teenage|little|young|younger|older|late|own|-",
                  op="{0,4}")
# Data someone else should not have: a stranger's name, another customer's bill.
_THEIR_DATA = (*_PERSONAL, "bill", "bills", "tariff", "balance", "debt", "contract", "calls",
               "texts", "messages", "codes", "code", "puk", "photos", "pictures", "statement",
               "statements", "appointments", "reminders", "emails", "info", "details")
# What a disclosure reveals about an account ("told him my outstanding balance").
_ACCOUNT_FACTS = (*_DATA, "balance", "debt", "arrears", "pin", "password", "dob", "tariff",
                  "calls", "bill", "bills", "statement", "name", "account", "postcode", "contract")
_DISCLOSE_TO = ("told", "tell", "telling", "gave", "giving", "disclosed", "disclosing",
                "revealed", "revealing", "discussed", "discussing", "read", "confirmed",
                "mentioned", "passed", "sent", "emailed", "forwarded", "texted", "showed")


_CANNOT = frozenset({"not", "to", "cannot", "unable", "cant", "can't", "will", "i"})


def _not_my_failure(doc: Doc, start: int, end: int) -> bool:
    """Not "I can't listen to my voicemail" nor "trying to use my camera"."""
    return (start == 0 or doc[start - 1].norm_ not in _CANNOT) and not_by_me(doc, start, end)


def _not_mine_and_data(doc: Doc, start: int, end: int) -> bool:
    return not_by_me(doc, start, end) and _data_to_wrong_person(doc, start, end)


PRIVACY_MORE = (
    Rule(Topic.PRIVACY, STRONG, patterns=(
        # someone else's data reaching the customer: "a stranger's bank details", "the previous
        # owner's name", "someone's verification codes", "40 strangers' email addresses"
        [w("someone", "somebody", "stranger", "strangers", "owner", "owners", "customer",
           "customers"), w("else", op="?"), w("'s", "'"),
         w("full", "personal", "private", "new", "own", "whole", "verification", "security",
           *_DATA_KIND, op="{0,2}"), w(*_THEIR_DATA)],
        [w("someone", "somebody"), w("elses", "else's"), w(*_DATA_KIND, op="{0,2}"),
         w(*_THEIR_DATA)],
        # "texts meant for a 'Marcus'", "a text meant for another customer" (not "for me")
        [w(*_CONTACT_PLURAL, "text", "email", "message", "letter", "call", "calls", "post",
           "mail", "bills", "bill", "codes"), gap(2), w("meant", "intended"), w("for"),
         Tok(regex=r"(?!me |us |my |our )\S+")],
        # "the wrong person has been getting my bills", "someone else got my post"
        [w("wrong", "stranger", "strangers", "neighbour", "neighbours", "ex", "landlord"),
         gap(3),
         w("getting", "receiving", "got", "received", "gets", "receives", "opening", "opened",
           "reading", "seeing", "saw", "sees"), w("my", "our"),
         w("bills", "bill", "post", "letters", "statements", "mail", "texts", "emails",
           "messages", "codes", "statement", "details", "data", "info", "information")],
        # "someones used my details", "someone ported my number out"
        [w("someone", "someones", "somebody", "fraudster", "fraudsters", "scammer", "scammers",
           "criminal", "criminals", "thief", "thieves", "stranger", "hacker", "hackers"),
         w("has", "have", "had", "'s", op="?"),
         w("used", "using", "stolen", "stole", "cloned", "ported", "moved", "transferred",
           "swapped", "hijacked", "guessed", "guessing", "cracked", "changed", "reset"),
         w("my", "our"), w(*_DATA_KIND, op="{0,2}"),
         w(*_DATA, "details", "identity", "name", "card", "account", "sim", "line")],
        # "collecting my info", "what information does the app collect about me"
        [w("collecting", "collect", "collects", "collected", "harvesting", "gathering",
           "gather", "gathers", "hoarding", "stockpiling"),
         w("my", "our", "people's", "customers'", "your"), w("personal", op="?"),
         w(*_DATA, "details", "photos", "contacts")],
        [w("collect", "collects", "collecting", "collected", "gather", "gathers", "gathering",
           "harvest", "harvests", "track", "tracks"),
         w("about", "on"), w("me", "us", "customers", "users", "people")],
        # "you track which websites I visit"
        [w("track", "tracks", "tracking", "tracked", "log", "logs", "logging", "monitor",
           "monitors", "record", "records", "recording"), w("which", "what", "where", "every"),
         w("websites", "sites", "apps", "pages", "places", "i", "we", "site", "website")],
        # app permissions: "wants access to my contacts, my photos AND my microphone"
        [w("access", "permission", "permissions"), w("to"), w("my", "our", "your"),
         w("contacts", "photos", "microphone", "mic", "camera", "location", "messages",
           "gallery", "files", "texts", "calls", "pictures")],
        # "my data 'may have been affected'"
        [w("my", "our", "customer", "customers", "your", "customers'"),
         w("personal", op="?"),
         w("data", "details", "information", "info", "account", "accounts"), w('"', op="?"),
         w("may", "might", "could", "has", "have", "was", "were"),
         w("have", "been", op="{0,2}"),
         w("affected", "impacted", "involved", "caught", "included", "compromised")],
        # "matched my handle to my account"
        [w("matched", "linked", "connected", "cross-referenced", "matching", "linking"),
         w("my", "our"), gap(2), w("to", "with"), w("my", "our")],
        # "showed my name and address to anyone who typed my number in"
        [w("showed", "shows", "showing", "displayed", "displays", "displaying",
           "exposed", "exposing", "revealed", "visible"), gap(6), w("to"),
         w("the", op="?"),
         w("anyone", "anybody", "everyone", "everybody", "strangers", "whoever", "public",
           "world")],
        [w("read", "reading", "reads", "shouted", "announced"), w("out"), w("my", "our", "his",
                                                                           "her", "their"),
         gap(2), w(*_PERSONAL)],
        [w("names", "addresses", "numbers", "details", "emails"), gap(4), w("of"),
         w("every", "all", "other", "hundreds", "dozens", "loads", "lots"), w("of", op="?"),
         w("the", op="?"),
         w("customer", "customers", "resident", "residents", "people", "neighbours")],
        [w("passport", "licence", "license", "id"), w("copy", "copies", "scan", "scans")],
        # "asking me for things you already have"
        [lead("things", "stuff", "details", "info", "information", "data", "everything",
              "what"), lead("you", "they"), w("already"),
         w("have", "hold", "know", "got", "has", "had")],
        # "my call data being used for research"
        [w("my", "our", "customer", "customers'", "people's"),
         w("call", "browsing", "location", "usage", "personal", "private", "customer"),
         w("data", "records", "history", "information", "details"), w("being"), w("used")],
        # "a SIM order I never placed", "a line I didn't take out"
        [lead("order", "orders", "sim", "line", "lines", "phone", "phones", "contract",
              "contracts", "account", "iphone", "iphones", "upgrade", "handset"),
         lead("that", op="?"), w("i", "we"), w("never", "did"), w("not", op="?"),
         w("placed", "ordered", "opened", "took", "requested", "signed", "authorised",
           "authorized", "authorise", "authorize", "applied")],

        [w("listen", "listening", "listened", "eavesdrop", "eavesdropping", "eavesdropped"),
         w("in")],
        # "how did you even have her number", "how does my phone company know about my bank",
        # "how did they know I'd just moved", "how did that get out"
        [w("how"), w("did", "do", "does", "would", "could"),
         lead("you", "they", "he", "she", "it", "the", "your", "my", "northwind", "harbour",
              "saltire"), gap(3), w("know", "knew"),
         w("about", "i", "i'd", "i'm", "i've", "where", "my", "we", "that", "what", "when",
           "you'd", "you've")],
        # "who handed my file over to them", "who's leaking this"
        [w("who", "whoever"), w("has", "'s", "is", op="?"),
         w("handed", "passed", "gave", "given", "sold", "shared", "leaked", "leaking",
           "selling", "sharing", "passing", "giving", "handing"), gap(4), w("to", "on", "over")],
        [w("who", "whoever"), w("is", "'s", op="?"),
         w("leaking", "selling", "sharing", "passing"), w("this", "it", "my", "our", "data",
                                                         "details", "numbers", "them")],
        # "put my contract details into a chatbot run by a third party", "taken a screenshot of
        # my account"
        [w("screenshot", "screenshots", "photo", "photos", "picture", "pictures"),
         w("of"), w("my", "our"), w("full", "whole", op="?"),
         w("account", "details", "screen", "passport", "licence", "license", "id",
           "address", "post", "letters", "contract")],
        # call recordings: "my call recordings", "recordings of calls", "how long do you keep
        # recordings"
        [w("my", "our", "the", "of", "your"), w("call", "calls", "phone", "voice"),
         w("recording", "recordings")],
        [w("recording", "recordings"), w("of"), w("my", "our", "calls", "the", "me", "us"),
         w("call", "calls", "conversation", "conversations", op="?")],
        [w("keep", "keeping", "kept", "store", "storing", "stored", "hold", "holding", "retain",
           "share", "shared", "sharing", "played", "playing", "delete", "deleted", "leaked"),
         gap(2), w("recording", "recordings")],
        # data kept after an erasure request: "asked them to erase me", "asked for everything
        # to be wiped"
        [w("erase", "wipe", "delete", "forget", "erased", "wiped", "deleted", "forgotten"),
         w("me", "us", "everything")],
        [w("everything", "data", "details", "info", "information", "records", "me", "it", "all"),
         w("to"), w("be"), w("wiped", "erased", "deleted", "removed", "destroyed", "forgotten")],
        # passwords kept readable: "emailed me my password in plain text"
        [w("plain", "clear"), w("text", "-", "english")],
        [w("emailed", "sent", "sends", "texted", "texts", "emails", "showed", "shows"),
         w("me", "us", op="?"), w("my", "our", "their"), w("own", "actual", "full", op="?"),
         w("password", "passwords", "passcode")],
        # marketing that knows too much: "we noticed you've been travelling", "we can see
        # you've been looking at Harbour's website", "knew I'd been in hospital"
        [w("noticed", "notice", "see", "seen", "saw", "knew", "know", "knows", "spotted",
           "tracked"), w("you", "i", "we", "that"),
         lead("have", "had", "were", "was", "are", "am", "'d", "'ve", "'re", "'m", "been",
              "recently", op="{0,3}"),
         w("visited", "visiting", "browsing", "browsed", "travelling", "traveling", "searching",
           "searched", "looking", "abroad")],
        # a third party who knew the customer's data: "the collections agency knew my new
        # mobile number", "a debt agency quoting my account number"
        [w("knew", "knowing", "quoting", "quoted", "quotes", "mentioned", "mentioning",
           "recited", "reciting"), w("my", "our"), w(*_DATA_KIND, op="{0,2}"),
         w(*_ACCOUNT_FACTS)],
        # exposure: "everyone behind me could read it", "anyone who picks up my phone can see
        # them", "half the shop heard"
        [w("anyone", "anybody", "everyone", "everybody", "strangers", "queue", "customers"),
         gap(5), w("can", "could", "would", "will"), w("see", "read", "hear", "view", "access"),
         w("it", "them", "my", "our", "everything", "all", "who", "every")],
        [w("half", "entire", "rest"), w("of", op="?"), w("the"),
         w("shop", "store", "queue", "office", "street", "room", "bus", "train", "ward"),
         w("heard", "could", "can", "saw", "knows", "know", "now", "listening")],
        # "the bill payer can see my texts", "my husband can see every number I've called"
        [lead(*_OTHERS, "payer", "holder", "anyone", "someone", "engineer", "staff", "agent",
              "everyone"), lead("is", "are", "was", op="?"),
         lead("can", "could", "able", "allowed"), w("to", op="?"),
         w("see", "read", "view", "access", "hear", "listen"), w("to", op="?"),
         w("my", "all", "every", "who", "our"),
         w("itemised", "itemized", "full", "whole", "private", "personal", op="{0,2}"),
         w("texts", "messages", "calls", "number", "numbers", "history", "browsing",
           "emails", "photos", "bills", "voicemail", "voicemails")],
        # "every recipient visible", "the screen was facing the queue"
        [w("recipient", "recipients", "addresses", "screen", "screens", "monitor"), gap(2),
         w("visible", "facing", "showing", "exposed")],
        # asking for card data: "asking for my full card number", "the 3 digits on the back"
        [w("asked", "ask", "asking", "asks", "wanted", "wants", "requested", "demanded"),
         gap(6), w("full", "long", "whole", "entire", "card", "security"),
         w("card", "number", "code", "cvv", "cvc"), w("number", "details", "numbers", op="?")],
        [w("digits", "numbers", "code"), w("on"), w("the"), w("back")],
    )),
    Rule(Topic.PRIVACY, STRONG, check=not_by_me, patterns=(
        # "passed my details to a debt collector", "sold my number to a credit agency"
        [w(*_DISCLOSE_TO, "handed", "sold", "shared", "passing", "selling", "sharing",
           "handing", "given"), w("my", "our", "on", "over", "customer", "customers'"), gap(3),
         w("to", "with"), w("a", "the", "an", "some", "their", "your", op="?"),
         w("debt", "collection", "collections", "recovery", "credit", "bailiffs", "bailiff",
           "marketing", "marketers", "advertisers", "insurance", "energy", "solar")],
        # staff telling a third person: "told him my outstanding balance", "gave my balance to
        # my brother", "you called HIM about my account"
        [w(*_DISCLOSE_TO), w("me", "us"), w("the", "a", "his", "her", "their", "someone",
                                            "somebody", "another", "my"),
         w("previous", "old", "former", "other", "else", "else's", "partner's", "wife's",
           "husband's", "partner", "owner", "customer", "person", "stranger", op="{1,2}"),
         w("'s", op="?"), w(*_THEIR_DATA, "number", "name", "address", "owner")],
    )),
    Rule(Topic.PRIVACY, STRONG, check=_not_my_failure, patterns=(
        # staff and intruders going through the customer's things: "someone was looking through
        # my stuff", "a stranger listened to your messages", "scrolled through my texts"
        [w("looking", "looked", "went", "scrolled", "scrolling", "rummaging",
           "rummaged", "snooping", "snooped", "listened", "listening"),
         w("through", "into"), w("my", "our", "your"), w("phone", op="?"),
         w("'s", op="?"),
         w("stuff", "post", "messages", "texts", "photos", "pictures", "gallery",
           "emails", "voicemail", "voicemails", "account", "whatsapp", "mail", "letters",
           "files", "history", "calls")],
        # "can Harbour listen to my calls", "why does it need my microphone"
        [w("listen", "listening", "listened", "hear", "record", "recording", "recorded",
           "recordings"), w("to", "in", op="?"), w("on", op="?"),
         w("my", "our", "people's", "customers'", "your"),
         w("calls", "conversations", "phone", "voicemail", "voicemails", "messages")],
        [w("need", "needs", "want", "wants", "access", "accessing", "use", "uses", "using",
           "reads", "read", "reading"), w("my", "our", "your"),
         w("microphone", "mic", "camera", "contacts", "photos", "gallery", "location")],
    )),
    Rule(Topic.PRIVACY, STRONG, check=_not_mine_and_data, patterns=(
        # "sent to an address that isn't mine", "posted to an address I've never lived at"
        [w("sent", "sending", "emailed", "posted", "addressed", "texted", "delivered",
           "forwarded", "mailed", "emails", "sends", "posting", "moved", "ported"),
         gap(10), w("to", "onto"), w("an", "a", "the", "some"),
         w("address", "email", "number", "account", "person", "name", "sim", "phone"),
         w("that", "which", "i", "who", op="?"), gap(2), w("not", "never"),
         w("mine", "me", "recognise", "recognize", "know", "live", "lived", "used", "own")],
        # "emailed to my daughter's address", "login details sent to my ex's email"
        [lead(*_SENT_OUT, "emails", "sends", "posts", "going", "goes", "go"), gap(5),
         w("to"), w("my", "our", "her", "his", "their"), _PERSON_ADJ, w(*_OTHERS),
         w("'s"), w("address", "email", "house", "flat", "phone", "number", "account",
                            "inbox")],
    )),
)

# Contact words for the new unwanted-contact families (what reached the customer).
_CONTACT_ANY = ("call", "calls", "called", "rang", "rung", "ringing", "rings", "text", "texts",
                "texted", "email", "emails", "emailed", "phoned", "message", "messages",
                "voicemail", "voicemails", "buzzed", "buzzing", "promo", "promos", "offer",
                "offers", "marketing", "sales")
# Before an early-morning or late-night time: "at 3am", "before 7 a.m.", "at 10pm", "at midnight"
# (the tokenizer splits "3am" into "3" and "a.m."; the am/pm token is the rare word a pattern
# is looked up by).
_AT = ("at", "before", "around", "past", "after", "gone")
_REQUEST_WORDS = frozenset({"please", "pls", "plz", "can", "could", "would", "best", "only",
                            "back", "prefer", "rather"})
_FROM_WHOM = ("you", "northwind", "harbour", "saltire", "your", "them", "they", "the", "a",
              "an", "different", "sales", "withheld", "unknown", "random", "one", "him", "her",
              "this", "that", "same")
_THEY_SUBJECTS_MORE = frozenset({"department", "dept", "retentions", "retention", "collections",
                                 "marketing", "salespeople", "lot", "people", "debt", "they've",
                                 "you've"})


_CONTACT_ANY_SET = frozenset((*_CONTACT_ANY, "ring", "ringing", "buzz"))


def _their_unsociable_contact(doc: Doc, start: int, end: int) -> bool:
    """Contact at an unsociable hour, not "please call me after 9pm" nor failing calls.

    A time hit ("at 3am") needs a contact word up to four tokens before it."""
    if doc[start].norm_ != "middle":
        before = [i for i in range(max(0, start - 4), start) if doc[i].norm_ in _CONTACT_ANY_SET]
        if not before:
            return False
        start = before[0]
    if any(doc[i].norm_ in _REQUEST_WORDS for i in range(max(0, start - 3), end)):
        return False
    return _contact_not_failing(doc, start, end) and not_by_me(doc, start, end)


def _not_my_failing_contact(doc: Doc, start: int, end: int) -> bool:
    """Not failing calls, not the customer's own contact, not a friend's."""
    return (_contact_not_failing(doc, start, end) and not_by_me(doc, start, end)
            and _not_someone_i_know(doc, start, end))


_SERVICE_WORDS = frozenset({"customer", "services", "service", "helpline", "support", "you",
                            "them", "shop", "store", "complaints", "care", "back", "bank",
                            "team", "line", "chat", "number", "it", "recording", "recordings",
                            "centre", "center", "up"})


def _counted_contact(doc: Doc, start: int, end: int) -> bool:
    """"your sales team have rung six times" (not "rang customer services 4 times")."""
    if any(doc[i].norm_ in _SERVICE_WORDS for i in range(start + 1, end)):
        return False
    return _not_my_failing_contact(doc, start, end) and _not_someone_i_know(doc, start, end)


def _contact_by_them(doc: Doc, start: int, end: int) -> bool:
    """Like `_contact_by_third_party`, also with a department as the subject."""
    if _contact_by_third_party(doc, start, end):
        return True
    for index in range(start - 1, max(-1, start - 6), -1):
        norm = doc[index].norm_
        if is_clause_end(doc, index) or norm in _FIRST_PERSON or norm in _PEOPLE:
            return False
        if norm in _THEY_SUBJECTS_MORE:
            return True
    return False


UNWANTED_MORE = (
    Rule(Topic.UNWANTED_CONTACT, STRONG, patterns=(
        # "a company I've never heard of just rang"
        [w("never", "not"), w("heard"), w("of"), gap(4),
         w("rang", "called", "phoned", "texted", "emailed", "ringing", "calling", "contacted",
           "calls", "texts", "emails", "rings", "texting", "emailing")],
        # robocalls and diallers: "robot voice", "recorded voice", "the auto-dialler"
        [w("robot", "robotic", "recorded", "automated", "computer", "computerised",
           "pre-recorded", "ai"), w("voice", "voices", "woman", "man", "lady", "bot")],
        [w("auto", "predictive", "automatic", "automated"), w("-", op="?"),
         w("dialler", "dialer", "diallers", "dialers")],
        [w("autodialler", "autodialer", "robodialler", "robodialer")],
        # "is this genuinely Harbour?", "had a call ... is this you??", "is it legit"
        [w("is", "was"), w("this", "it", "that", "there"), w("a", op="?"),
         w("genuine", "legit", "legitimate"),
         gap(6), w(*_CONTACT_ANY, "caller", "rings", "calling", "campaign")],
        [w("is", "was"), w("this", "it", "that"),
         w("really", "actually", op="?"), w("genuinely", "definitely", "legitimately"),
         w("you", "northwind", "harbour", "saltire"),
         gap(6), w(*_CONTACT_ANY, "caller", "rings", "calling", "campaign")],
        # PPI-style claims: "a call saying I'm owed £400 compensation"
        [w("call", "calls", "caller", "callers", "text", "texts", "voicemail", "voicemails",
           "message", "messages", "voice", "calling", "ringing"), gap(6),
         w("saying", "claiming", "says", "said", "telling", "claims", "claimed"), gap(4),
         w("owed", "entitled", "eligible", "due"), gap(3),
         w("refund", "refunds", "compensation", "money", "payout", "rebate", "claim")],
        # "claimed to be you", "said it was 'Saltire account security'"
        [w("call", "calls", "caller", "callers", "text", "texts", "voicemail", "message",
           "email", "emails", "someone", "somebody", "voice"), gap(3),
         w("claimed", "claiming", "claims", "pretending", "pretended", "said", "saying", "says"),
         w("to", "it", "they", "he", "she"), w("be", "was", "were", "is", "are"), w('"', op="?"),
         w("you", "northwind", "harbour", "saltire", "your", "from")],
        # "what numbers does Harbour actually ring customers from"
        [w("what", "which"), w("number", "numbers"), w("do", "does", "did", "will", "would"),
         w("you", "they", "northwind", "harbour", "saltire", "your", "the", op="{0,2}"),
         w("sales", "team", "staff", "agents", op="?"),
         w("actually", "genuinely", "really", "usually", "normally", op="?"),
         w("call", "ring", "text", "phone", "contact", "calling", "ringing"),
         w("customers", "people", "me", "us", op="?"), w("from")],
        # "does Northwind ever phone customers to ask for ..."
        [lead("do", "does", "would", "will"),
         lead("you", "they", "northwind", "harbour", "saltire"), w("ever"),
         w("call", "ring", "phone", "text", "email", "contact", "message"),
         w("customers", "people", "anyone", "users")],
        # surveys nobody wanted: "asking me to rate it again", "rate your experience"
        [w("asking", "ask", "asks", "asked", "begging", "wants", "wanting", "pestering"),
         w("me", "us"), w("to"), w('"', op="?"), w("rate", "review", "score")],
        [w("rate"), w("your", "our"), w("experience", "visit", "call", "chat")],
        # marketing letters and door-to-door selling
        [w("marketing", "promotional", "sales", "promo", "junk"),
         w("letter", "letters", "leaflet", "leaflets", "flyer", "flyers", "brochure",
           "brochures", "mailshot", "mailshots", "post")],
        [w("salesman", "salesmen", "saleswoman", "salespeople", "salesperson", "canvasser",
           "canvassers", "knockers", "seller", "sellers"), gap(5),
         w("door", "doorstep", "house", "home", "bungalow", "flat")],
        [w("door"), w("knockers", "knocker", "knocking", "knock")],
        # recycled numbers: "calling me for a previous owner of my number", "a voicemail about
        # someone called Ryan"
        [w(*_CONTACT_ANY, "calling", "ringing", "texting", "caller"), gap(10),
         w("for", "about", "asking"), w("someone", "somebody", "a", "some", "the"),
         w("person", "guy", "woman", "man", op="?"), w("called", "named")],
        # unsubscribing that does nothing: "clicked unsubscribe", "the unsubscribe link",
        # "texting STOP does nothing"
        [w("clicked", "click", "clicking", "hit", "pressed", "tapped", "used"),
         w("the", op="?"), w('"', op="?"), w("unsubscribe", "opt-out", "optout", "stop")],
        [w("texting", "sending", "replying", "send", "texted"), w('"', op="?"), w("stop")],
        # "the amount of emails you send", "a flood of texts"
        [w("amount", "number", "volume", "quantity", "flood", "barrage", "stream", "deluge",
           "onslaught", "torrent", "avalanche", "dozens", "hundreds"), w("of"), gap(4),
         w("calls", "texts", "emails", "messages", "offers", "promos", "marketing", "adverts",
           "notifications", "voicemails"), gap(4),
         w("receive", "received", "receiving", "get", "getting", "got", "send", "sends",
           "sending", "sent", "from", "every", "a", "each", "for", "about")],
        # "38 unread emails from Saltire", "three texts from you today"
        [num(not_=("1", "one")),
         w("unread", "unwanted", "marketing", "sales", "separate", "different", "more",
           "promotional", "missed", "silent", op="{1,2}"),
         w("calls", "texts", "emails", "messages", "voicemails", "letters"), w("from"),
         w(*_FROM_WHOM)],
        # "left a voicemail on my work phone"
        [lead("left", "leaving", "leaves", "leave"), w("a", "an", "me", op="?"),
         w("voicemail", "message", "voicemails", "messages"), w("on", "with", "at"),
         w("my", "our"), w(*_THIRD_PERSON, "work")],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, check=_their_unsociable_contact, patterns=(
        # contact at unsociable hours: "a text at 3am", "4 calls before 7am", "rang at 10pm",
        # "a promo at midnight", "in the middle of the night my phone buzzed with a promo"
        [w(*_AT), Tok(regex=r"(?:0?[1-7]|12)(?:[:.][0-5]\d)?"), w("a.m.")],
        [w(*_AT), Tok(regex=r"(?:9|1[01])(?:[:.][0-5]\d)?"), w("p.m.", "pm")],
        [w(*_AT), w("midnight")],
        [w("middle"), w("of"), w("the"), w("night"), gap(6), w(*_CONTACT_ANY)],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, check=_contact_not_failing, patterns=(
        # "can I turn off the weekly 'your usage' emails" (the customer's own request)
        [w("turn", "switch", "opt"), w("off", "out"),
         w("the", "these", "those", "all", "your", "my", "of", op="{0,2}"), gap(8),
         w("emails", "texts", "notifications", "messages", "calls", "marketing", "offers",
           "newsletters", "alerts", "surveys")],
        # "no more phone calls please", "instead of phone calls"
        [w("no"), w("more"), w("phone", "sales", "marketing", "promotional", op="?"),
         w("calls", "texts", "emails", "marketing", "offers", "contact")],
        [w("instead"), w("of"), w("phone", "sales", "marketing"), w("calls", "texts", "emails")],
        # "a genuine Northwind number?", "had a call ... check it's legit"
        [w("genuine", "legit", "legitimate", "official"),
         w("northwind", "harbour", "saltire", op="?"),
         w("number", "numbers", "call", "caller", "text", "email", "message", "campaign")],
        [w("call", "calls", "caller", "text", "texts", "voicemail", "message", "email",
           "emails", "rang", "texted", "emailed"), gap(10), w("'s", "is", "was", "are"),
         w("legit", "genuine", "legitimate")],
        # PPI-style: "calls ... 'You may be entitled to compensation'"
        [w("call", "calls", "caller", "callers", "text", "texts", "voicemail", "voicemails",
           "message", "messages"), gap(10), w("may", "might", "could"), w("be"),
         w("entitled", "eligible", "owed"), gap(3),
         w("compensation", "refund", "refunds", "payout", "rebate", "money")],
        # "please stop the automated stuff"
        [w("stop", "end"), w("the", "these", "those", "your", "all", op="{0,2}"),
         w("automated", "marketing", "promotional", "sales", "spam", "junk", "promo"),
         w("stuff", "nonsense", "rubbish", "crap", "spam", "junk", "bombardment")],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, check=_not_my_failing_contact, patterns=(
        # "call me with offers weekly", "texts daily", "ring me for 20 minutes every month"
        [w("ring", "rings", "call", "calls", "text", "texts", "rang", "ringing", "calling",
           "texting", "phone", "phones", "email", "emails"), w("me", "us"), gap(5),
         w("every", "each"), w("single", op="?"),
         w("day", "week", "month", "morning", "evening", "night", "weekend", "fortnight")],
        [w("calls", "call", "calling", "rang", "ring", "rings", "ringing", "texting", "texts",
           "texted", "emails", "emailing", "offers", "promos", "phoning", "phoned", "contact",
           "contacting", "messages"), gap(6),
         w("weekly", "daily", "nightly", "hourly", "monthly", "fortnightly")],
        # "keep coming from different addresses", "still getting them"
        [w("calls", "texts", "emails", "messages", "offers", "letters", "voicemails", "promos",
           "notifications"), gap(6), w("keep", "keeps", "still", "continue", "continued"),
         w("coming", "arriving", "landing", "appearing")],
        [w("still", "keep", "keeps"), w("getting", "receiving"),
         w("them", "these", "those", "it", "this")],
        # "stop posting me paper statements"
        [w("stop", "quit", "cease"), w("posting", "mailing", "emailing", "sending", "texting"),
         w("me", "us", op="?"), gap(2),
         w("statements", "letters", "leaflets", "paper", "brochures", "catalogues", "offers",
           "promos", "mailshots", "surveys")],
        # "rang me ... about a broadband bundle" (further apart than the sales rule allows)
        [w("called", "rang", "phoned", "texted", "emailed", "messaged", "ringing", "calling",
           "texting"), w("me", "us"), gap(8),
         w("offer", "offering", "sell", "selling", "upgrade", "upgrades", "deal", "deals",
           "offers", "bundle", "bundles", "broadband", "package", "tv", "fibre")],
        # "ur ringing again", "texting me nonstop"
        [w("ringing", "calling", "texting", "phoning", "emailing", "messaging"),
         w("me", "us", op="?"), w("again", "nonstop", "non-stop", "constantly", "daily",
                                  "weekly", "nightly", "relentlessly")],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, check=_counted_contact, patterns=(
        # "your sales team have rung six times", "rang my husband four times", "ring someone
        # 11 times"
        [w("rung", "rang", "called", "phoned", "texted", "emailed", "messaged", "ringing",
           "calling", "texting", "ring", "call", "text", "rings", "calls", "texts", "buzzing"),
         gap(3), num(not_=("1", "one")), w("times", "x")],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, check=_contact_by_them, patterns=(
        # relatives, carers, neighbours: "rung my 84 year old mother", "phoned my next door
        # neighbour", "called my carer's phone", "called HIM about my account"
        [w("called", "rang", "rung", "phoned", "texted", "emailed", "contacted", "messaged",
           "calling", "ringing", "phoning", "texting", "contacting", "visited"),
         w("to", op="?"), w("my", "our"), _PERSON_ADJ,
         w(*_THIRD_PERSON, *_OTHERS, "mobile", "landline")],
        [w("called", "rang", "rung", "phoned", "texted", "emailed", "contacted", "messaged",
           "calling", "ringing", "phoning", "texting", "contacting"), w("him", "her", "them"),
         gap(2), w("about", "over", "regarding"), w("my", "our"), gap(1),
         w("account", "contract", "upgrade", "bill", "debt", "balance", "arrears", "phone",
           "line", "payment")],
    )),
)

# --- blocking ----------------------------------------------------------------------------------

_BLOCKED = ("blocked", "barred", "filtered", "suspended", "locked", "restricted", "censored",
            "banned", "deactivated", "disabled", "blacklisted", "frozen")
_BLOCK = ("block", "blocking", "blocks", "bar", "barring", "bars", "filter", "filtering",
          "filters", "suspend", "suspending", "lock", "locking", "restrict", "restricting",
          "censor", "censoring", "ban", "banning", "deactivate", "deactivating", "disable",
          "disabling", "blacklist", "blacklisting", "freeze", "freezing", *_BLOCKED)
_BLOCKED_WEAK = ("blocked", "barred", "suspended", "censored", "blacklisted", "banned", "filtered",
                 "unblock", "unbar", "unblocked", "unbarred")
_BLOCKABLE = ("site", "sites", "website", "websites", "page", "pages", "blog", "blogs", "content",
              "url", "urls", "link", "links", "number", "numbers", "app", "apps", "service",
              "account", "sim", "phone", "line", "card", "access", "internet", "data", "domain",
              "forum", "game", "games", "video", "videos", "stream", "streaming", "vpn", "youtube",
              "reddit", "twitter", "subreddit", "calls", "texts", "device", "handset", "contract",
              "browsing", "web", "whatsapp", "connection", "esim")

_BLOCKABLE_MORE = ("vpns", "email", "emails", "forums", "podcast", "podcasts", "torrent",
                   "torrents", "download", "downloads", "domains", "channel", "channels",
                   "payments", "purchases", "roaming", "phones", "handsets", "devices", "sims",
                   "lines", "accounts", "messages", "wifi", "hotspot", "tethering", "platform")
# Verbs of the provider blocking things (not locks or freezes, which are also screens and prices).
_BLOCK_VERB = ("block", "blocks", "blocking", "blocked", "bar", "barring", "barred",
               "filter", "filters", "filtering", "filtered", "censor", "censors", "censoring",
               "censored", "ban", "bans", "banning", "banned", "blacklist", "blacklisting",
               "blacklisted", "restrict", "restricts", "restricting", "restricted", "suspend",
               "suspends", "suspending", "suspended")
_BAR = ("bar", "bars", "barring", "block", "blocks", "blocking", "filter", "filters", "filtering",
        "restriction", "restrictions", "lock", "locks")
_BAR_KIND = ("content", "roaming", "adult", "age", "web", "parental", "premium", "international",
             "spending", "spend", "network", "sim", "18", "18s", "data", "purchase", "purchases",
             "imei", "credit", "gambling", "porn", "website", "site", "url", "over-18", "over-18s",
             "under-18", "under-18s")


_PHONE_SETTINGS = frozenset({"screen", "screens", "button", "key", "keys", "camera", "photo",
                             "photos", "picture", "pictures", "selfie", "instagram", "snapchat",
                             "tiktok", "water", "coffee", "lens"})


# Things the customer blocks on their own phone ("an app for blocking spam emails").
_OWN_BLOCKLIST = frozenset({"spam", "scam", "scammers", "junk", "nuisance", "spammers", "cold"})


def _provider_blocks(doc: Doc, start: int, end: int) -> bool:
    """The provider blocking something, within one phrase ("full bars, no data" is signal)."""
    for index in range(start, end):
        token = doc[index]
        if (token.is_punct and token.norm_ not in ('"', "-")) or token.norm_ in _OWN_BLOCKLIST:
            return False
    return _blocked_by_provider(doc, start, end)


def _lock_not_screen(doc: Doc, start: int, end: int) -> bool:
    """"lock screen", "remove the filter on my photo": a phone setting, not a provider bar."""
    following = {doc[i].norm_ for i in range(end, min(len(doc), end + 3))}
    if following & _PHONE_SETTINGS:
        return False
    # "the website has not allowed me to submit": a fault, not a service barred
    if end - start > 1 and doc[end - 1].norm_ in ("me", "us", "you") and doc[end - 2].norm_ in (
        "permitted", "allowed", "authorised", "authorized"
    ):
        return False
    return not_by_me(doc, start, end)


# "blocked drain", "blocked the shot": a blockage, not the provider blocking something.
_NOT_BLOCKABLE = frozenset({"drain", "drains", "toilet", "sink", "pipe", "pipes", "gutter", "nose",
                           "road", "roads", "shot", "tackle", "keyboard", "view", "driveway",
                           "artery", "ears"})


# "the council blocked off the car park", "my flatmate blocked the hallway": not the provider.
_NOT_PROVIDER = frozenset({*_PEOPLE, "ex", "flatmate", "flatmates", "housemate", "housemates",
                           "roommate", "council", "cat", "dog", "neighbour", "neighbours"})


def _blocked_by_provider(doc: Doc, start: int, end: int) -> bool:
    following = {doc[i].norm_ for i in range(end, min(len(doc), end + 2))}
    preceding = doc[start - 1].norm_ if start > 0 else ""
    if following & _NOT_BLOCKABLE or preceding in _NOT_BLOCKABLE:
        return False
    if _next_norm(doc, end) in ("off", "up") or any(
        doc[i].norm_ in _NOT_PROVIDER for i in range(max(0, start - 3), start)
    ):
        return False
    return not_by_me(doc, start, end)


BLOCKING = (
    Rule(Topic.BLOCKING, STRONG, phrases=(
        "adult content", "adult content filter", "adult filter", "content filter",
        "content filters", "content lock", "content control", "content controls",
        "parental controls", "parental control", "over 18 block", "over-18 block",
        "over 18s block", "18 + block", "age verification", "age verify", "age verified",
        "verify my age", "verifying my age", "prove my age", "proving my age", "proof of age",
        "age check", "age checks", "age restriction", "age restricted", "age-restricted",
        "web filter", "web filtering", "safe search", "adult block", "site blocked",
        "locked out of my account", "access denied",
    )),
    Rule(Topic.BLOCKING, STRONG, patterns=(
        # "this site is blocked", "my account has been suspended", "sim barred"
        [w(*_BLOCKABLE), w(*_AUX, '"', op="{0,3}"), w(*_BLOCKED)],
        [w("over", "under"), num(), w("block", "blocks", "filter", "restriction")],
        # "locked me out", "bar international calls on my account"
        [w("locked", "locking", "lock", "locks", "shut", "kicked"), w("me", "us"), w("out")],
        [w("bar", "block", "unbar", "unblock", "barring", "blocking"),
         w("international", "premium", "roaming", "outgoing", "incoming", "overseas"),
         w("calls", "texts", "numbers", "data", "roaming")],
    )),
    Rule(Topic.BLOCKING, STRONG, check=not_by_me, patterns=(
        # "you blocked my account" / "blocking the site" (not "I blocked the number")
        [w(*_BLOCK), w("my", "the", "this", "that", "our", "a", "all", "certain", "these",
                       "those", "some", "me", "us", "access", op="?"),
         w("from", "to", "access", op="?"), w(*_BLOCKABLE)],
    )),
    Rule(Topic.BLOCKING, STRONG, phrases=(
        # handset and SIM locks: "still network locked", "how do I get an unlock code"
        "network locked", "network lock", "network unlock", "network unlocking", "sim locked",
        "sim lock", "sim unlock", "unlock code", "unlock codes", "unlock fee", "unlock request",
        "unlock requests", "puk", "puk code", "puk locked", "imei block", "imei blocked",
        "imei barred", "blacklisted imei", "safe browsing",
    )),
    Rule(Topic.BLOCKING, STRONG, check=_lock_not_screen, patterns=(
        # "locked to Northwind": a handset tied to one network
        [w("locked"), w("to"), gap(1), w("network", "networks", "carrier", "provider")],
        # "still won't unlock it", "refused to unblock my SIM"
        [lead("will", "would", "not", "refuse", "refused", "refuses", "refusing"),
         lead("not", "to"),
         w("unlock", "unblock", "unbar", "unfreeze", "lift", "remove"),
         w("my", "the", "it", "this", "our", "your", "me", "a", "that")],
        # "to unlock my account", "unblocking a phone that was reported lost"
        [w("unlock", "unlocking", "unlocked"), w("my", "the", "a", "this", "our", "your", op="?"),
         w("account", "sim", "line", "number", "esim", "handset")],
        [w("unblock", "unblocking", "unbar", "unbarring", "unfreeze", "unfreezing", "reactivate",
           "reactivating", "reinstate", "reinstating"),
         w("my", "the", "a", "this", "our", "your", op="?"), w(*_BLOCKABLE, *_BLOCKABLE_MORE)],
        # bars, blocks and filters as things: "lift the content bar", "remove the filter",
        # "my roaming bar", "network lock"
        [w("lift", "lifted", "lifting", "remove", "removed", "removing", "turn", "turned",
           "switch", "switched"), w("off", op="?"),
         w("the", "my", "this", "that", "your", "a", "an", "their", op="?"),
         w(*_BAR_KIND, op="{0,2}"), w(*_BAR)],
        [w(*_BAR_KIND), w("-", op="?"), w(*_BAR)],
        [w("over", "under"), w("-", op="?"), w("18", "18s", "16", "16s"), w("filter", "filters")],
        # "get the filter off", "roaming bar lifted"
        [w("filter", "filters", "bar", "barring", "restriction", "restrictions"),
         w("off", "lifted", "removed")],
        # "not permitted on your tariff", "payments disabled by network operator"
        [lead("not"), w("permitted", "allowed", "authorised", "authorized"), w("on", "by", "for"),
         w("your", "my", "this", "the", "our"),
         w("tariff", "plan", "account", "network", "line", "sim", "operator", "provider")],
        [w(*_BLOCKED, "disabled", "removed"), w("by"), w("the", "your", "my", op="?"),
         w("network", "operator", "provider", "carrier", "mobile")],
        # "roaming not permitted", "network not allowed", "card is 'restricted'"
        [lead(*_BLOCKABLE, *_BLOCKABLE_MORE, "network", "emergency"),
         w(*_AUX, '"', op="{0,3}"), lead("not"),
         w("permitted", "allowed", "authorised", "authorized"), w("me", "us", "you", op="?")],
        # a PAC withheld: "can't issue a PAC", "won't give me my PAC", "PAC request refused"
        [lead("not", "refuse", "refused", "refusing", "refuses", "refusal", "withholding",
           "withheld", "delaying", "blocking", "blocked"), w("to", op="?"),
         w("give", "issue", "send", "provide", "release", "generate", "issuing", "giving",
           "sending", "me", "my", "the", "a", "us", "our", op="{0,3}"),
         w("pac", "stac", "pacs")],
        [w("pac", "stac", "porting", "port"), w("code", "request", "requests", op="?"),
         w(*_AUX, op="{0,3}"), w("refused", "withheld", "denied", "rejected", "blocked")],
        [lead("not"), w("let", "letting", "allow", "allowing"), w("me", "us"),
         w("port", "leave", "transfer")],
    )),
    Rule(Topic.BLOCKING, STRONG, check=_provider_blocks, patterns=(
        # "is Saltire blocking VPNs now", "the network blocks torrent sites", "bar my roaming",
        # "blocks me from calling 118 numbers" (not "I blocked his number", "blocked drain")
        [w(*_BLOCK_VERB), w("my", "the", "this", "that", "our", "a", "all", "certain", "these",
                            "those", "some", "every", "any", "your", op="?"),
         gap(2), w(*_BLOCKABLE, *_BLOCKABLE_MORE)],
        [w(*_BLOCK_VERB), w("me", "us"), w("from")],
        # the provider as the subject: "the network blocks it", "mobile data is blocking"
        [w("network", "networks", "filter", "filters", "firewall", "provider", "operator",
           "carrier", "wifi", "data"), w(*_AUX, "now", "also", op="{0,3}"), w(*_BLOCK_VERB)],
        # content categories of a filter: "blocks it as 'violence'", "flagged as adult"
        [w(*_BLOCK_VERB, "flagged", "flags", "classed", "classified", "categorised",
           "categorized", "labelled", "labeled", "marked", "rated"), gap(2), w("as"),
         w('"', op="?"),
         w("adult", "violence", "violent", "weapons", "gambling", "mature", "explicit",
           "inappropriate", "unsuitable", "18", "porn", "pornography", "drugs", "malware",
           "dangerous", "extremist", "hate")],
    )),
    Rule(Topic.BLOCKING, WEAK, check=_blocked_by_provider, patterns=([w(*_BLOCKED_WEAK)],)),
    Rule(Topic.BLOCKING, WEAK, patterns=(
        [lead("can", "could"), lead("not"), w("access")],
        [w("unable"), w("to"), w("access")],
    )),
)

# --- billing -----------------------------------------------------------------------------------

BILLING = (
    Rule(Topic.BILLING, STRONG, phrases=(
        "overcharged", "overcharging", "over charged", "charged twice", "double charged",
        "charged me twice", "wrong bill", "bill is wrong", "bill shock", "extra charges",
        "hidden charges", "price rise", "price rises", "price increase", "price hike",
        "direct debit", "late payment", "late fee", "roaming charges", "out of bundle",
        "refund", "refunds", "billing", "billed", "charged me", "charged for",
        "credit note", "debt collector", "debt collectors", "final bill", "cancellation fee",
        "early termination fee", "exit fee", "still being charged", "still charged",
    )),
    Rule(Topic.BILLING, WEAK, phrases=(
        "bill", "bills", "invoice", "invoices", "payment", "payments", "charge", "charges",
        "charged", "tariff", "fee", "fees", "refunded", "compensation", "top up", "topup",
        "contract price", "overpaid",
    )),
)

# --- network -----------------------------------------------------------------------------------

_NET = ("signal", "network", "4g", "5g", "3g", "data", "internet", "broadband", "wifi", "wi-fi",
        "coverage", "reception", "connection", "calls", "mast", "fibre", "fiber", "speeds",
        "speed", "hotspot", "router", "line", "connectivity", "volte", "texts")
_BROKEN = ("down", "dead", "dropping", "drops", "cutting", "failing", "off", "terrible", "awful",
           "rubbish", "useless", "poor", "slow", "shocking", "gone", "patchy", "intermittent",
           "unusable", "non-existent", "nonexistent", "appalling", "crap", "horrendous",
           "unreliable", "broken", "disconnecting", "disconnected", "lagging", "laggy", "weak",
           "worse", "dire")

NETWORK = (
    Rule(Topic.NETWORK, STRONG, phrases=(
        "no signal", "no service", "no reception", "no coverage", "no network", "no internet",
        "no data", "no 4g", "no 5g", "no 3g", "no bars", "zero bars", "one bar", "outage",
        "outages", "network down", "mast down", "emergency calls only", "sos only",
        "dropped calls", "dropped call", "calls dropping", "dead zone", "not spot",
        "mobile data", "data not working", "signal drops", "buffering", "network outage",
        "nosignal", "no wifi", "broadband down", "internet down",
    )),
    Rule(Topic.NETWORK, STRONG, patterns=(
        # "signal is terrible", "internet keeps dropping", "4G still not working"
        [w(*_NET), w(*_AUX, "so", "really", "very", "absolutely", "completely", "totally",
                     op="{0,3}"), w(*_BROKEN)],
        [w(*_NET), w(*_AUX, op="{0,3}"), w("not"),
         w("working", "connecting", "loading", "available", "stable", "reliable", "usable",
           "sending", "receiving", "going", "coming", "there")],
        # "poor signal", "patchy coverage" (not "bad service": that could be staff)
        [w("no", "zero", "poor", "bad", "terrible", "awful", "rubbish", "patchy", "weak",
           "dodgy", "intermittent", "slow", "shocking", "non-existent", "useless", "crap",
           "appalling", "unreliable", "horrendous", "dreadful", "lousy", "dire"),
         w("mobile", "phone", op="?"),
         w(*_NET)],
        # "can't make calls", "cannot get a signal", "unable to connect"
        [lead("can", "could", "cannot", "unable"), w("not", "to", op="?"),
         w("make", "receive", "get", "connect", "send", "browse", "load", "stream"), gap(2),
         w("calls", "call", "texts", "text", "online", "internet", "data", "signal", "connected",
           "connection", "anything", "4g", "5g", "3g", "wifi", "coverage", "reception")],
    )),
    Rule(Topic.NETWORK, WEAK, phrases=(
        "signal", "network", "4g", "5g", "3g", "coverage", "reception", "broadband", "wifi",
        "wi-fi", "internet", "mast", "speeds", "roaming", "fibre", "router", "connection",
        "data speeds", "hotspot", "disconnected",
    )),
)

# --- customer service --------------------------------------------------------------------------

_BAD_PERSON = ("rude", "unhelpful", "useless", "incompetent", "clueless", "patronising",
               "patronizing", "condescending", "arrogant", "dismissive", "abrupt", "hopeless",
               "ignorant", "aggressive", "unprofessional", "terrible", "awful", "poor", "shocking",
               "appalling", "worst", "bad", "disgusting", "pathetic", "atrocious", "rubbish",
               "lousy", "horrendous", "dreadful", "non-existent")
_STAFF = ("staff", "agent", "agents", "advisor", "adviser", "advisors", "advisers", "person",
          "man", "woman", "lady", "guy", "member", "rep", "reps", "team", "support", "customer",
          "operator", "employee", "employees", "manager", "helpline", "chat", "care", "bloke",
          "representative", "people", "service")

CUSTOMER_SERVICE = (
    Rule(Topic.CUSTOMER_SERVICE, STRONG, phrases=(
        "on hold", "hung up", "hung up on me", "passed around", "pillar to post",
        "still waiting for a reply", "still waiting for a response", "waiting for a reply",
        "waiting for a response", "waiting for a call back", "waiting for a callback",
        "no call back", "no callback", "ignoring me", "ignoring my", "being ignored",
        "customer disservice", "nobody cares", "no one cares", "no one helps", "speak to a manager",
        "made a complaint", "raised a complaint", "complaints department", "not on the system",
        "transferred me", "been transferred", "keep transferring", "kept transferring",
        "cut me off", "no help",
    )),
    Rule(Topic.CUSTOMER_SERVICE, STRONG, patterns=(
        # "rude staff", "useless support", "worst customer service"
        [w(*_BAD_PERSON), w("customer", "phone", "online", "live", op="?"), w(*_STAFF)],
        # "the agent was so rude"
        [w(*_STAFF), w("was", "were", "is", "are", "been", "being"),
         w("so", "very", "extremely", "really", "incredibly", "utterly", "completely", op="?"),
         w(*_BAD_PERSON)],
        # "no reply", "no response from anyone"
        [lead("no", "zero"), w("reply", "replies", "response", "responses", "answer", "callback",
                           "feedback", "acknowledgement", "acknowledgment", "contact")],
        # "nobody has replied", "never got back to me", "not heard back"
        [lead("never", "not", "nobody", "noone"), gap(3),
         w("replied", "responded", "answered", "reply", "respond", "answer", "heard", "helped",
           "bothered", "returned", "acknowledged")],
        [lead("no"), lead("one"), gap(3),
         w("replied", "responded", "answered", "reply", "respond", "answer", "helped", "got",
           "get", "called", "rang", "contacted", "bothered", "returned")],
        [lead("never", "not", "nobody", "noone"), gap(3),
         w("get", "got", "call", "called", "ring", "rang", "phoned", "phone", "getting", "came",
           "come", "calling", "gotten"), w("back")],
        [w("hold"), w("for"), gap(2), w("ages", "hours", "hour", "minutes", "mins", "forever")],
    )),
    Rule(Topic.CUSTOMER_SERVICE, WEAK, phrases=(
        "customer service", "customer services", "customer care", "customer support", "support",
        "helpline", "call centre", "call center", "live chat", "advisor", "adviser", "staff",
        "complaint", "complaints", "still waiting", "agent", "manager", "escalate", "ignored",
    )),
)

TOPIC_RULES = (*PRIVACY, *PRIVACY_MORE, *UNWANTED_CONTACT, *UNWANTED_MORE, *BLOCKING, *BILLING,
               *NETWORK, *CUSTOMER_SERVICE)


TOPIC_NAMES = tuple(topic.value for topic in Topic)


def no_topics() -> dict[str, float]:
    """A score of 0.0 for every topic."""
    return dict.fromkeys(TOPIC_NAMES, 0.0)


class TopicTagger:
    """Sets `doc._.topics` to {topic: score} for all six topics."""

    def __init__(self, nlp: Language) -> None:
        extensions.register()
        self.matcher = RuleMatcher(nlp, TOPIC_RULES)

    def __call__(self, doc: Doc) -> Doc:
        scores = no_topics()
        for hit in self.matcher(doc):
            label = hit.rule.label
            scores[label] = max(scores[label], hit.rule.score)
        extensions.put(doc, "topics", scores)
        return doc


@Language.factory(COMPONENT)
def make_topic_tagger(nlp: Language, name: str) -> TopicTagger:
    return TopicTagger(nlp)
