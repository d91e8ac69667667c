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

from spacy.language import Language
from spacy.tokens import Doc

from caredesk.domain import Topic
from caredesk.nlp import extensions
from caredesk.nlp.rules import Rule, RuleMatcher, gap, not_by_me, num, w

COMPONENT = "caredesk_topics"
STRONG, WEAK = 0.9, 0.6

_AUX = ("is", "was", "are", "were", "been", "being", "be", "has", "have", "had", "got", "get",
        "gets", "getting", "keeps", "keep", "still", "now", "just", "always", "'s", "suddenly",
        "randomly", "apparently")


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
         w("them", "him", "her", "it"), w("that", "this", "those", "it", "my")],
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
        [w("have", "had", "got", "hold"), w("all", op="?"), w("of", op="?"), w("it", "that", "this",
                                                                               "them"),
         w("already")],
        [w("have", "got", "had"), w("my", "our"), gap(3), w("on"), w("file", "record", "system"),
         gap(6), w("why", "again", "already")],
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
        [w("do", "doing", "done", "does"), w("with"), w(*_OWNER), gap(1), w(*_DATA)],
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
        # "you leaked my number", "passed on my details" (not "I shared my number")
        [w(*_DISCLOSE), w("on", "out", op="?"), w(*_OWNER), w("personal", "private", op="?"),
         w(*_DATA)],
    )),
    Rule(Topic.PRIVACY, WEAK, check=_not_privacy_product, phrases=(
        "privacy", "personal data", "personal details", "personal information", "confidential",
        "consent", "leaked", "leak", "breach", "monitoring", "surveillance", "spying",
        "data sharing", "creepy",
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
           "surveys", "scam", "upsell", "upgrade", "retention", "retentions"),
         w("phone", "sms", "voice", op="?"), w(*_CONTACT_NOUN)],
    )),
    Rule(Topic.UNWANTED_CONTACT, STRONG, check=_not_someone_i_know, patterns=(
        # "you keep calling me", "constantly texting"
        [w("keep", "keeps", "kept", "keeping", "constantly", "repeatedly", "continually",
           "continuously", "always", "still", "relentlessly"), w(*_CONTACTING)],
        # "called me again", "rang me 5 times", "emailed me every day"
        [w(*_CONTACTED), w("me", "us"), w(*_OFTEN)],
        [w(*_CONTACTED), w("me", "us"), num(), w("times", "x", "days")],
        [w("calls", "texts", "emails", "messages", "voicemails"), w("every", "daily"),
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
        [w("do", "please"), w("not", "never"), w("ring", "call", "phone", "text", "email",
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

# "blocked drain", "blocked the shot": a blockage, not the provider blocking something.
_NOT_BLOCKABLE = frozenset({"drain", "drains", "toilet", "sink", "pipe", "pipes", "gutter", "nose",
                           "road", "roads", "shot", "tackle", "keyboard", "view", "driveway",
                           "artery", "ears"})


def _blocked_by_provider(doc: Doc, start: int, end: int) -> bool:
    following = {doc[i].norm_ for i in range(end, min(len(doc), end + 2))}
    preceding = doc[start - 1].norm_ if start > 0 else ""
    if following & _NOT_BLOCKABLE or preceding in _NOT_BLOCKABLE:
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
        [w(*_BLOCKABLE), w(*_AUX, op="{0,3}"), w(*_BLOCKED)],
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
    Rule(Topic.BLOCKING, WEAK, check=_blocked_by_provider, patterns=([w(*_BLOCKED_WEAK)],)),
    Rule(Topic.BLOCKING, WEAK, patterns=(
        [w("can", "could"), w("not"), w("access")],
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
        [w("can", "could", "cannot", "unable"), w("not", "to", op="?"),
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
        [w("no", "zero"), w("reply", "replies", "response", "responses", "answer", "callback",
                           "feedback", "acknowledgement", "acknowledgment", "contact")],
        # "nobody has replied", "never got back to me", "not heard back"
        [w("never", "not", "nobody", "noone"), gap(3),
         w("replied", "responded", "answered", "reply", "respond", "answer", "heard", "helped",
           "bothered", "returned", "acknowledged")],
        [w("no"), w("one"), gap(3),
         w("replied", "responded", "answered", "reply", "respond", "answer", "helped", "got",
           "get", "called", "rang", "contacted", "bothered", "returned")],
        [w("never", "not", "nobody", "noone"), gap(3),
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

TOPIC_RULES = (*PRIVACY, *UNWANTED_CONTACT, *BLOCKING, *BILLING, *NETWORK, *CUSTOMER_SERVICE)


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
        doc._.topics = scores
        return doc


@Language.factory(COMPONENT)
def make_topic_tagger(nlp: Language, name: str) -> TopicTagger:
    return TopicTagger(nlp)
