"""Which language a line is written in: "en" for a clear English sentence, "vi" for a clear
Vietnamese one, None when it cannot be told (a word or two, a number, "ok", a code).

The corpus labels each line's form (`dia`, `plain`, `typo`, `en`: bot/nlu/corpus.py), and
this is measured against it (tests/test_nlu_language.py). English lines often carry a few
Vietnamese words ("her hộ nghèo loan", "the tổ trưởng in Hoa Tu 1", a name), Vietnamese
lines a few English ones ("check", "link", "ok", "app"); a false "en" would answer an elderly
borrower in a language they do not read, so "en" asks for clearly more English than
Vietnamese:

- a word with Vietnamese letters (ă â đ ê ô ơ ư, a tone mark) is Vietnamese;
- an ASCII word is English when it is a common English word that is not also a common
  Vietnamese syllable without its marks ("no" nợ, "to" tổ, "the" thẻ, "can" cần, "my" mấy
  are neither), Vietnamese when it is shaped like a Vietnamese syllable (onset, vowels, one
  of the finals c ch m n ng nh p t), or is one once Telex or VNI leftovers are undone
  ("duw nowj"), else neither (loanwords, codes, teen-code);
- a capitalised ASCII word inside the line that is not an English word is a name or a place
  ("Son Hoang", "Ke Sach"): neither.

"en": at least two English words and Vietnamese ones at most half as many. "vi": at least
two Vietnamese words and more of them than English ones.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from bot.nlu.normalize import clean, undo_typing

Language = Literal["en", "vi"]

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_VIETNAMESE_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:uye|uya|uyu|ieu|yeu|oai|oay|oeo|uay|uoi|uou|"
    r"ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])"
    r"(?:ch|ng|nh|[cmnpt])?"
)

# Common English words; none of them is also a common Vietnamese syllable without its marks.
_ENGLISH_WORDS = """
    able about above abroad account accounts actually address after again ago all already also
    always among amount amounts and announce announcement another answer any anymore anyone
    anything application applied apply applying are aren around ask asked asking at available
    away back balance bank banking because been before behind being below beside best better
    between big billion borrow borrowed borrower borrowers borrowing both branch brother
    build business busy but buy by call called came cancel cannot cant card cash change changed
    changing channel checked checking cheers city clean closed collect collected collection
    collects come coming commune communes complaint condition conditions confirm contact
    contacts continue correct cost costs could cow cows current currently dad data date dates
    daughter days deadline debt delete deposit deposits did didn different district doctor
    document documents does doesn doing done double down due during each early eight either
    eleven else empty english enough even ever every everybody everyone everything everywhere
    exactly exchange explain export extend extension false families family far farm farming
    father fee fees fertilizer few file files find fine first five fix following for forget
    forgot form forms found four free friday from full gave get gets give given gives giving go
    going gone good got granddaughter grandfather grandma grandmother grandpa grandson great
    group groups had half hamlet happy has hasn have haven having help helping her here hers
    herself hey high him himself his hotline hour hours house household households how however
    human hundred husband if im import important installment installments instead interest into
    is isn its ive job joke just keep khmer know language large last late later leader leaders
    least left lend lending lent less let like line linked linking list little live loan loans
    log login look lost lot low made make many maximum maybe mean means meet meeting meetings
    member members message messages million minimum minute minutes mom monday money month
    monthly months more morning most mother move much mum must myself name near necessary need
    needed needs neither never new next night nine nobody none not nothing notice notices
    notification notifications notify now number of off office officer officers often old one
    only open opens option options or other our ourselves out over overdue owe owed owes own
    paid parents part password pay paying payment payments pays penalty people per perhaps
    person phone phones pig pigs place please pls point poor possible prefer previous principal
    probably program programme programs province put question questions rate rather read ready
    real really receive received recommend recorded register registered remaining remember
    remind reminder reminders repair repay report reports require required restaurant right rn
    rule rules sad said same sanitation saturday save saved saving savings say says schedule
    school second see sell send sending sent session seven she should show showed shows sign
    since single sister six small some somebody someone something sometimes soon sorry speak
    speaking staff start started status still stop student students submit submitted such sum
    sunday sure switch take talk tally tell tells text thank thanks their themselves then there
    these they thing think third this those though thousand three through thursday thx time
    today told tomorrow tonight too total town transaction transactions transfer tried true try
    trying tuesday turn twelve twenty two type typed typing u under understand understanding
    unlink unlinked until up upcoming update updated updating upload us use used usually
    verification verified verify very vietnamese village visit wallet want wanted wants was wasn
    water way we weather wednesday week weekend weeks well went were what whats when where which
    while who whole whom whose why wife will with withdraw withdrawal within without won wont
    work working works worried would wouldn write writing wrong wrote year years yes yesterday
    yet you your yours yourself zero
    area areas arrears breakdown delinquent disburse disbursed disbursement disbursements figure
    figures outstanding overview portfolio region repaid repayment repayments risk summary totals
"""
# Words both languages use (English words that are also Vietnamese syllables without their
# marks, loanwords and greetings a Vietnamese chat types too): they tell neither.
_NEITHER_WORDS = """
    a i o an as be he hi ho in it la ma me mo my no on so am the to do can con ban ten tin
    long sang hang hon son top hot may day than that them don check ok okay bye alo hello
    app code link online zalo telegram sms email video pass
"""

_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_NEITHER = frozenset(_NEITHER_WORDS.split())


def _has_vietnamese_letters(word: str) -> bool:
    return any(not ch.isascii() for ch in word)


@lru_cache(maxsize=20_000)
def _kind(word: str, capitalised_inside: bool) -> Language | None:
    if _has_vietnamese_letters(word):
        letters = unicodedata.normalize("NFD", word)
        return "vi" if any(unicodedata.combining(ch) for ch in letters) or "đ" in word else None
    if "'" in word:  # "don't", "I'm", "mother's": Vietnamese has no apostrophes
        return "en"
    if word in _NEITHER:
        return None
    if word in _ENGLISH:
        return "en"
    if capitalised_inside:
        return None
    if _VIETNAMESE_SYLLABLE.fullmatch(word):
        return "vi"
    untyped = undo_typing(word)  # Telex and VNI leftovers: "duw" (dư), "nowj" (nợ)
    return "vi" if untyped != word and _VIETNAMESE_SYLLABLE.fullmatch(untyped) else None


# A command ("/start"), a code or anything with digits in it ("K7MPQ2XA", "0192041", "T01"),
# an address: no language (a link code's letters would otherwise spell "CAN", "THE", …).
_NO_LANGUAGE = re.compile(r"(?:^|\s)(?:/\S*|\S*\d\S*|\S*[@:]\S*)(?=\s|$)")


def written_in(text: str) -> Language | None:
    """ "en", "vi" or None (see the module's docstring)."""
    english = vietnamese = 0
    text = _NO_LANGUAGE.sub(" ", clean(text))
    for index, match in enumerate(_WORD.finditer(text)):
        raw = match.group(0)
        word = raw.lower()
        kind = _kind(word, index > 0 and raw[0].isupper())
        english += kind == "en"
        vietnamese += kind == "vi"
    if english >= 2 and vietnamese * 2 <= english:
        return "en"
    if vietnamese >= 2 and vietnamese > english:
        return "vi"
    return None
