"""Deciding the intent: the model fitted on tests/nlu/train reads the normalised words; the
rules keep what the model cannot learn from a few thousand lines (programmes named, the
polarity of an action); below `THRESHOLD` the answer is `unknown` with the two likeliest
intents offered instead.

How the two combine was decided by 5-fold cross-validation on the training corpus
(bench/nlu_bench.py prints it): the rules' phrase scores as model features, the rules first
when confident, and a blend of both all scored at or below the model alone, so the model
decides and the rules correct only polarity ("đừng nhắc nữa" is reminders_off).

The model is fitted at first use (deterministic; ten to forty seconds on a small machine), kept
in memory, and kept on disk for the next start with the same corpus and code (`model_store`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from bot.nlu import corpus, model_store
from bot.nlu.intents import classify, english_programmes, programmes
from bot.nlu.model import Model, features, fit
from bot.nlu.normalize import _raw_tokens, raw_tokens, tokens
from bot.nlu.polarity import Polarity, drop_contrast_text, polarity

# Chosen by 5-fold cross-validation on train, where accuracy peaks (95.60% at threshold 0.3
# with T7/T8 in; C=2 gave 95.36%, C=8 95.55%, T=8 ties T=6 at 0.3):
# `bench/nlu_bench.py --train-only --tune` prints the grid and, by band of confidence, how often
# the top intent is right and how often the right one is among the two offered.
C = 4.0
TEMPERATURE = 6.0
THRESHOLD = 0.3


_NO_POLARITY = Polarity()  # frozen: one for every message without a polarity word


def read(text: str) -> tuple[list[str], Polarity]:
    """The normalised words the model and the rules read, and the polarity of the action:
    what a message says it is not about is dropped first; the polarity is one more word
    ("<not>", "<keep>", "<on>") so the model learns actions, not ways of saying no."""
    kept = drop_contrast_text(text)
    said = tokens(kept)
    # The words as typed too: undoing Telex makes English "switch off" "suitch o".
    turned = polarity(kept) if _turns(said) or _turns(_raw_tokens(kept)) else _NO_POLARITY
    if turned.rest is not None:
        if REMOVE:
            said = tokens(turned.rest)
        if turned.negated:
            said.append("<off>" if turned.switched_off else "<not>")
        elif turned.keeps:
            said.append("<keep>")
        elif turned.switched_on:
            said.append("<on>")
    return said, turned


def words(text: str) -> list[str]:
    """The normalised words the model reads."""
    return read(text)[0]


@cache
def trained() -> Model | None:
    """The model fitted on every training line, or None without a training corpus."""
    rows = corpus.intents("train")
    if not rows:
        return None
    return model_store.kept(lambda: train([row.text for row in rows], [row.label for row in rows]))


# What a negated action means: the same intent cancelled, or the opposite intent.
NEGATED = {
    "tally_submit": "tally_submit",
    "broadcast": "broadcast",
    "meeting_schedule": "meeting_schedule",
    "channel": "channel",
    "reminders_on": "reminders_off",
    "link_account": "unlink",
}
_NEGATORS = ("đừng {}", "thôi đừng {} nữa", "không cần {} nữa", "khỏi {}", "ko {} nua", "ngưng {}")
AUGMENT = True
REMOVE = False


def augmented(texts: Sequence[str], labels: Sequence[str]) -> tuple[list[str], list[str]]:
    """The training lines, and a negated copy of every action's line (one negator each, in
    turn), so the model learns that "không … nữa" says no and the action says what."""
    out_texts, out_labels = list(texts), list(labels)
    if not AUGMENT:
        return out_texts, out_labels
    turn = 0
    for text, label in zip(texts, labels, strict=True):
        if label in NEGATED and not read(text)[1].negated:
            out_texts.append(_NEGATORS[turn % len(_NEGATORS)].format(text))
            out_labels.append(NEGATED[label])
            turn += 1
    return out_texts, out_labels


def train(texts: Sequence[str], labels: Sequence[str]) -> Model:
    texts, labels = augmented(texts, labels)
    grams = [features(words(text)) for text in texts]
    return fit(grams, [{}] * len(grams), labels, (), c=C, use_rules=False, temperature=TEMPERATURE)


@dataclass(frozen=True)
class Decision:
    intent: str
    confidence: float
    alternatives: tuple[str, ...]
    programmes: tuple[int, ...]
    polarity: Polarity
    ranked: tuple[str, ...] = ()  # every intent, likeliest first (the model's order)
    part: str = ""  # the part of a message asking this, when it asks several things


# Tokens without which a message has no polarity word (normalised: "ko" is "khong"); "không"
# is a question particle too, and counts only with one of _DENYING.
_TURNING = {"dung", "khoi", "chang", "thoi", "tat", "ngung", "huy", "bo", "xoa", "dep", "ngat"}
_TURNING |= {"go", "bat", "mo", "stop", "cancel", "delete", "disable", "remove", "quit"}
_TURNING |= {"unlink", "unsubscribe", "turn", "switch", "enable", "resume", "don", "dont"}
_TURNING |= {"not", "never", "more", "need", "dug", "mute", "unmute", "opt", "no"}
_DENYING = {"nua", "can", "muon"}


def _turns(said: Sequence[str]) -> bool:
    present = set(said)
    return bool(present & _TURNING) or ("khong" in present and bool(present & _DENYING))


_AUDIENCE = {"cac", "ca", "toan", "moi", "tat", "het", "everyone", "all", "whole", "members"}
_LINKED = {"lien", "ket", "tai", "khoan", "lieu", "link", "account", "data", "ten"}


def _flip(intent: str, said: list[str], turned: Polarity) -> str:
    """The action's polarity decides between an intent and its opposite."""
    present = set(said)
    switch_off = turned.switched_off and not present & _AUDIENCE
    if turned.goes_on and intent in ("thanks", "help", "unknown", "reminders_off"):
        return "reminders_on"  # "thôi được rồi, cứ nhắc tui nghen": what is asked decides
    if intent in ("reminders_on", "reminders_off") or (intent == "broadcast" and switch_off):
        if turned.negated:
            return "reminders_off"
        if turned.keeps or turned.switched_on:
            return "reminders_on"
    if intent == "link_account" and turned.negated and present & _LINKED:
        return "unlink"
    if intent == "unlink" and turned.keeps:
        return "link_account"
    return intent


# Whose something is, and the words around it: alone they ask nothing ("của tôi", "con mèo
# của tôi" with "mèo" unseen, "my cat"): a message of only these and unseen words is unknown.
OWNER_WORDS = {"cua", "toi", "minh", "em", "nha", "chung", "ta", "tao", "cai", "chiec", "la"}
OWNER_WORDS |= {"my", "mine", "our", "ours", "i", "me", "we", "us", "is", "am", "are", "the", "a"}


def only_owner_words(said: Sequence[str], model: Model) -> bool:
    """Owner words, and nothing else the model has seen (as a word)."""
    return any(w in OWNER_WORDS for w in said) and all(
        w in OWNER_WORDS or f"w {w}" not in model.index for w in said
    )


JOINED = True
_JOINED_MIN = 6


def unjoined(said: list[str], model: Model) -> list[str]:
    """Unseen words typed without spaces split into the seen words they are made of
    ("huylienket" → huy lien ket); other words as they are."""
    out: list[str] = []
    for word in said:
        if len(word) >= _JOINED_MIN and word.isalpha() and not model.knows(word):
            out += model.unjoined(word)
        else:
            out.append(word)
    return out


@lru_cache(maxsize=8192)
def decided(text: str, has_amounts: bool) -> Decision:
    """`decide` with the fitted model, remembered for the lines people send again and again
    ("dư nợ", "ok", "cảm ơn")."""
    return decide(text, has_amounts=has_amounts)


def decide(text: str, *, has_amounts: bool, model: Model | None = None) -> Decision:
    """The intent of one message, with its confidence and what else it might be."""
    said, turned = read(text)
    if model is None:
        model = trained()
    if model is not None and JOINED:
        said = unjoined(said, model)
    if model is None:
        rules = classify(said, has_amounts=has_amounts)
        intent = _flip(rules.intent, said, turned)
        return Decision(intent, rules.confidence, (), rules.programmes, turned)
    if only_owner_words(said, model):
        return Decision("unknown", 1.0, (), (), turned)
    probabilities = model.probabilities_of_words(said)
    top = int(probabilities.argmax())
    best = model.intents[top]
    confidence = float(probabilities[top])
    alternatives: tuple[str, ...] = ()
    intents = model.intents
    order = [intents[i] for i in (-probabilities).argsort().tolist()]
    named = programmes(said)
    if not named and text.isascii():  # "loans for students": English names as typed
        named = english_programmes(raw_tokens(text))
    if confidence < THRESHOLD:
        best, alternatives = "unknown", tuple(i for i in order if i != "unknown")[:2]
        if named and "program_info" in alternatives:  # "loan to build a house": a programme
            best, alternatives = "program_info", ()
    elif best == "language" and only_a_sound_said(text):
        best, alternatives = "unknown", ()  # "nghe tiếng ting ting mệt lắm", "tháng giêng"
    elif best != "unknown":
        best = _flip(best, said, turned)
    return Decision(best, round(confidence, 2), alternatives, named, turned, tuple(order))


# A language named, or asked for: "tiếng Anh", "tiếng Miên", "chữ Khmer", "ngôn ngữ", "eng",
# "tv", "English", "change language", "đổi lại". "tiếng" alone is any sound ("nghe tiếng ting
# ting mệt lắm"), and "tháng giêng" only sounds like it: neither asks for a language.
_LANGUAGE_WORDS = frozenset(
    {"anh", "viet", "vjet", "vn", "khmer", "kh", "khome", "kho", "me", "mien", "minh", "my"}
    | {"eng", "english", "vietnamese", "language", "lang", "ngon", "ngoon", "nguwx", "tv"}
    | {"chu", "doi", "chuyen", "ddooir", "switch", "change", "version", "speak", "reply"}
    | {"read", "interface", "tanh", "tviet", "nuoc", "ngoai", "quoc", "dich", "translate"}
    | {"en", "vi", "engl", "englsh", "enlish", "englis", "inglish", "tienganh", "tiengviet"}
    | {"kmer", "khme", "khmr", "campuchia", "cambodia", "vietnam", "vietnamse", "vietnames"}
    | {"lanuage", "langauge", "languge", "languages", "setting", "settings", "bilingual"}
    | {"tieg", "tiêng", "tien", "tieq", "ngonngu", "mother", "tongue"}
)


# Named right after "tiếng" or "chữ" ("tiếng Hoa", "tiếng dân tộc", "tiếng khác", "tiếng
# nào"): words that are other things elsewhere ("hạn", "nào").
_NAMED_AFTER_TIENG = frozenset(
    {"hoa", "trung", "phap", "cham", "tay", "hmong", "mong", "dan", "nhat", "han", "thai"}
    | {"lao", "dia", "khac", "nao", "gi", "kinh", "nung", "duc", "nga", "y", "ban", "quan"}
    | {"tau", "ta", "nha", "que", "m", "v", "a", "k", "ede", "jrai", "bana", "xtieng"}
)


# How "Anh", "Việt", "Khmer", "English" begin, typed with a slip ("tieng vịet", "tieng anhh").
_LANGUAGE_TYPED_SHORT = ("an", "vi", "vj", "kh", "en", "mi")


def language_said(text: str) -> bool:
    """The message names a language or asks to change it (see `_LANGUAGE_WORDS`)."""
    said = set(tokens(text)) | set(raw_tokens(text))
    said |= {word.replace(".", "") for word in said}  # "t.anh"
    if said & _LANGUAGE_WORDS or "ngon ngu" in " ".join(tokens(text)):
        return True
    folded = tokens(text)
    return any(
        word in ("tieng", "chu")
        and (following in _NAMED_AFTER_TIENG or following.startswith(_LANGUAGE_TYPED_SHORT))
        for word, following in pairwise(folded)
    )


def only_a_sound_said(text: str) -> bool:
    """ "tiếng" (or "giêng", which sounds like it) with no language named or asked for: a
    sound ("nghe tiếng ting ting"), a month ("tháng giêng"), never the language picker."""
    said = set(tokens(text))
    return bool(said & {"tieng", "gieng"}) and not language_said(text)
