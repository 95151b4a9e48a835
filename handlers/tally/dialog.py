"""Filling in the collection tally (Bảng kê 13/TD) from the chat: the draft opens for the
commune's next session, the common case is one tap ("everyone paid in full"), exceptions are
typed per member or as group totals, a summary with warnings comes before submitting.

Only leaders (and deputies) reach these functions: the registry checks the role.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bot.nlu import extract_amounts, member_parts, read_answer, tally_text
from bot.nlu.all_but import others_in_full
from handlers import flow_state
from handlers.buttons import TallyAction, TallyButton
from handlers.context import Context
from handlers.messages import Button, Reply, Role
from handlers.render import CANCEL_WORDS
from handlers.rules import tally
from handlers.rules.sessions import next_session
from handlers.rules.tally_view_words import asks_to_see_submitted, asks_what_was_submitted
from handlers.tally import all_but, corrections, render
from handlers.tally.draft import (
    TALLY_FLOW,
    TallyDraft,
    from_previous,
    kept_draft,
    open_draft,
    save,
)
from handlers.tally.members import TALLY_TITLES, find_named, names_someone
from handlers.tally.submit import submit
from handlers.typed_answers import bare_number, cancels
from locales.formatting import format_money, format_weekday_date
from locales.i18n import _
from locales.textfold import fold
from storage import schedules, tallies
from storage.dialogs import Dialog
from storage.tallies import GroupInfo
from storage.tally_form import Line

__all__ = [
    "TALLY_FLOW",
    "awaits_yes_or_no",
    "on_button",
    "on_text",
    "only_leaders",
    "reads_first",
    "start",
    "still_open",
]

# "5", "5 vắng", "số 5: lãi 100k" (but not "200k", an amount)
# The member's number first ("5 lãi 100k"), or its tag ("số 5", "s3 170 50", "#8", "stt 4").
_MEMBER = re.compile(
    r"^\s*(?:ho so|so|stt|tv|s|#|member|number)?\s*(\d{1,3})(?:\s*[.:,)\-]\s*|\s+|$)(.*)$"
)
_TAG_FIRST = re.compile(r"(?:so|stt|tv|#)\s*\d")  # "số 13" after a name: which one it is
_FIGURES_ONLY = re.compile(r"^[\d\s.,:;/+\-=]+$")
_SUMMARY_WORDS = {"xong", "tong ket", "xem lai", "xem tong", "tong hop", "het", "da xong"} | {
    "xong roi",
    "het roi",
    "xem tong ket",
    "ok",  # a hurried "ok" under the running list: the summary, which asks to submit
    "oke",
    "okay",
    "done",  # in English
    "summary",
}
_ALL_PAID_WORDS = {
    "du het",
    "du ca",
    "tat ca du",
    "tat ca deu du",
    "ca to du",
    "nop du het",
    "dong du het",
    "ai cung du",
    "everyone paid",
    "all paid",
}
_CANCEL_WORDS = CANCEL_WORDS | {"huy bang ke"}
# "nộp" while filling in: the summary first (it carries the submit button), never a submit.
_SUBMIT_WORDS = {"nop", "xac nhan nop", "nop di", "nop luon", "nop bang ke nay", "submit"}
# Under "what did they pay, then?" after a no to an echo: leave that member as they were.
_SKIP_WORDS = {"thoi", "bo qua", "thoi bo qua", "bo qua di", "thoi khoi", "skip", "never mind"} | {
    "thoi giu nguyen",
    "giu nguyen",
    "de nguyen",
    "thoi de nguyen",
    "khong sua",
    "thoi khoi sua",
}
# Under "Delete this draft?": keep it, as the button "Giữ bảng kê" does.
_KEEP_WORDS = frozenset(
    f"{verb}{what}"
    for verb in ("giu", "giu lai", "giu nguyen", "dung xoa", "khong xoa", "ko xoa", "dung huy")
    for what in ("", " bang ke", " ban nhap", " nha", " nhe", " di")
) | {"keep", "keep it", "keep the draft", "do not delete", "don't delete", "dont delete"}
# Under "Delete this draft?" (its buttons "Hủy"/"Xóa"), the words that say do it; "thôi",
# "dừng" there are "never mind": the draft is kept.
_DELETE_WORDS = frozenset(
    f"{verb}{what}"
    for verb in ("huy", "xoa", "huy di", "xoa di", "huy luon", "xoa luon", "cancel", "delete")
    for what in ("", " bang ke", " ban nhap")
)
_RESUME_WORDS = ("tiep tuc", "bang ke", "nop bang ke", "continue", "submit tally")
# "tổ mình còn ai chưa đóng lãi vậy", "con ai chua dong", "ai còn nợ lãi", "who hasn't paid"
_WHO_HAS_NOT_PAID = re.compile(
    r"\b(?:ai|nguoi nao|ho nao|who)\b(?:\s+\w+){0,2}?\s+"
    r"(?:chua|khong|ko|hong|con no|no|not|hasn\S*|haven\S*|didn\S*)\b"
    # "who in my group has not paid yet", "who still owes interest"
    r"|\bwho\b(?:\s+\w+){0,5}?\s+(?:not|hasn\S*|haven\S*|didn\S*|still owes?|owes?)\b"
)
# "ai chưa trả lời họp", "who has not answered the meeting": the meeting's, not the tally's
_ABOUT_A_MEETING = re.compile(r"\b(?:hop|tra loi|meeting|answer\S*|repl\S*|rsvp)\b")
# A question in English is never a member's answer ("who in my group has not paid yet"
# reads as "not paid"); the Vietnamese ones are told by `tally_text.asks`.
_QUESTION = re.compile(r"^(?:who|what|how|when|where|why|which|whose|is|are|does)\b")
# The answers to "is 200.000 đ the interest, or does it include savings?" typed, and the
# options' numbers as the console and Zalo show them.
_SPLIT_WORDS = {
    **dict.fromkeys(
        (
            *("1", "lai", "tien lai", "chi lai", "chi tien lai", "chi la lai", "la tien lai"),
            *("la lai", "interest only", "only interest", "just interest", "interest"),
        ),
        TallyAction.INTEREST_ONLY,
    ),
    **dict.fromkeys(
        (
            "2",
            "gom ca tiet kiem",
            "gom tiet kiem",
            "gom ca",
            "ca tiet kiem",
            "co tiet kiem",
            "co ca tiet kiem",
            "gom ca tk",
            "ca tk",
            "ca hai",
            "ca 2",
            "with savings",
            "includes savings",
            "including savings",
            "savings too",
            "both",
        ),
        TallyAction.WITH_SAVINGS,
    ),
}
# The answer said in a sentence: "lãi thôi, ko có tiết kiệm", "chỉ có tiền lãi" (interest
# only: read first, it names savings too); "có tiết kiệm trong đó", "tính cả tiền gửi".
_INTEREST_ONLY_SAID = re.compile(
    r"\b(?:(?:khong|ko|k|chua|hong)\s+(?:co\s+)?(?:gui\s+)?(?:tien\s+)?(?:tiet kiem|tk|gui)"
    r"|(?:chi|toan|het)\s+(?:co\s+)?(?:la\s+)?(?:tien\s+)?lai|lai\s+(?:thoi|khong thoi|het)"
    r"|no\s+savings|interest\s+only|only\s+(?:the\s+)?interest|just\s+(?:the\s+)?interest)\b"
)
_WITH_SAVINGS_SAID = re.compile(
    r"\b(?:(?:gom|co|ca|tinh ca|tinh luon|bao gom|luon)\s+(?:ca\s+)?(?:tien\s+)?"
    r"(?:tiet kiem|tk|gui)"
    r"|trong\s+do|(?:with|includes?|including)\s+(?:the\s+)?savings|savings\s+(?:too|included))\b"
)


def _split_choice(folded: str) -> TallyAction | None:
    """Which reading of the one amount the leader's words choose, if they choose one."""
    said = folded.strip(" .!?")
    chosen = _SPLIT_WORDS.get(said)
    if chosen is not None or extract_amounts(said):
        return chosen  # a line with amounts is each amount again, read as a line
    if _INTEREST_ONLY_SAID.search(said):
        return TallyAction.INTEREST_ONLY
    if _WITH_SAVINGS_SAID.search(said):
        return TallyAction.WITH_SAVINGS
    return None


# "1" and "2" typed under the echo: its options ("Xác nhận: …", "Sửa số tiền"), never 1.000 đ
_ECHO_OPTIONS = {1: TallyAction.AMOUNT_OK, 2: TallyAction.AMOUNT_NO}
# "không, 102 nghìn": the no before the right amount, at an amount echoed back.
# "chưa", "chưa ạ" alone under an echo: not right yet (elsewhere, "chị Út chưa" is unpaid).
_NOT_YET = re.compile(r"^chua(?:\s+(?:a|nha|nhe|dau|em|anh|chi))?[\s.!]*$")
_NO_BEFORE = re.compile(  # "à không, lãi 38": a slip owned up to opens it
    r"^(?:(?:a|o|ay|ui|u|e)\s*,?\s+)?"
    r"(?:khong phai|khong dung|chua dung|sai roi|sai|khong|ko|k|hong|no|nope|wrong"
    r"|(?<=[aoue] )(?:nham|lon)(?: roi)?)\b[\s,.:;!-]*"
)


async def only_leaders(ctx: Context) -> list[Reply]:
    """Who else asks for the tally, and what they can do instead."""
    if ctx.person.role is Role.OFFICER:
        instead = _('Leaders submit the tally; ask "tình hình bảng kê" to see which groups did.')
    else:
        instead = _(
            "You pay your interest to your group leader before the transaction day; ask "
            '"lãi tháng này" to see how much.'
        )
    return [Reply(_("Only the group leader (or deputy) can do this.") + " " + instead)]


async def cancel(ctx: Context) -> list[Reply]:
    """ "thôi bỏ bảng kê này": asks first, as the button does."""
    return await on_button(ctx, TallyButton(TallyAction.CANCEL))


# The tally's own words: a message with them is about the tally, whoever it names.
_TALLY_WORDS = re.compile(r"\b(?:bang ke|bk|nop|tiep tuc|tally)\b")


async def asks_about_member(ctx: Context) -> str | None:
    """The member's name as typed when a leader with no draft open names one and says
    nothing a tally line would ("bà Kim Lan sao rồi"); None otherwise."""
    text = ctx.inbound.text.strip()
    if ctx.inbound.button is not None or not text or _TALLY_WORDS.search(fold(text)):
        return None
    group = await _group(ctx)
    if group is None:
        return None
    named = find_named(text, await tallies.expected_lines(ctx.conn, group))
    if named is None or len(named.members) != 1:
        return None
    asked = tally_text.questions(text, named.rest)  # "chị Linh có quá hạn không"
    if not asked and (open_draft(ctx.person.dialog) is not None or _answers(named.rest)):
        return None  # with a draft open, only a question: the rest were the tally's lines
    words = text.split()
    return " ".join(words[: len(words) - len(named.rest.split())])


def still_open(dialog: Dialog | None = None) -> str | Reply:
    """Said under an answer given while the tally is open: an echoed amount or the split
    question still waiting is said again, with its options (a yes typed later answers it, so
    the leader must see what it confirms); else how to go on."""
    opened = open_draft(dialog)
    draft = opened[0] if opened is not None else None
    echoed = draft.pending_answer if draft is not None else None
    if echoed is not None:
        what = ", ".join(_said(echoed[1]))
        text = _("Your tally is still waiting for a yes or no: I read {what}. Is that right?")
        return Reply(text.format(what=what), buttons=_echo_buttons(echoed[1]))
    split = draft.split_amount if draft is not None else None
    if split is not None:
        return Reply(
            _(
                "Your tally is still waiting: is {amount} the interest only (type 1), or does "
                "it include savings (type 2)?"
            ).format(amount=format_money(split[1])),
            reads_numbers=True,
        )
    return _("Your tally is still open: type “tiếp tục bảng kê” to go on.")


def _no_draft() -> list[Reply]:
    return [
        Reply(
            _(
                "There is no tally being filled in (it may have expired). Type “nộp bảng kê” "
                "to start one."
            )
        )
    ]


async def _group(ctx: Context) -> GroupInfo | None:
    if ctx.person.group_id is None:
        return None
    return await tallies.group_info(ctx.conn, ctx.person.group_id)


async def _session_day(ctx: Context, group: GroupInfo) -> date | None:
    commune_rules, _group_rules = await schedules.for_commune(ctx.conn, group.commune_id, group.id)
    session = next_session(commune_rules, ctx.today)
    return session.day if session is not None else None


# ---- entry points ----


async def start(ctx: Context) -> list[Reply]:
    """ "nộp bảng kê", the menu button, the reminder's button, "tiếp tục bảng kê". With no
    draft open and the session's tally already submitted, the new draft opens under what
    was submitted (when, receipt, version, cash): the reply that carried the receipt may
    never have arrived."""
    group = await _group(ctx)
    if group is None:
        return [Reply(_("The bank's data about your group is no longer available."))]
    opened = kept_draft(ctx.person.dialog)  # also under a meeting being called
    if opened is not None and opened[0].group == group.id:
        if open_draft(ctx.person.dialog) is None:  # parked: open again, the meeting waits
            await save(ctx, opened[0])
        return await _resume(ctx, group, opened[0])
    session_day = await _session_day(ctx, group)
    if session_day is None:
        return [
            Reply(
                _(
                    "The transaction schedule of your commune has not been loaded, so I do not "
                    "know which session the tally is for. Ask your credit officer."
                )
            )
        ]
    draft = TallyDraft(group.id, session_day.isoformat())
    expected = await tallies.expected_lines(ctx.conn, group)
    previous = await tallies.lines_in_current(ctx.conn, group.id, session_day)
    if asks_to_see_submitted(ctx.inbound.text):  # "cho xem bảng kê đã nộp": no new version
        return await _submitted_view(ctx, group, session_day, expected, previous)
    if previous is not None:  # a new version: from the last one's lines, not the defaults
        draft = from_previous(draft, expected, previous)
    await save(ctx, draft)
    total = tally.totals(expected)
    text = [
        _("Tally (Bảng kê 13/TD) of group {code} {name}, session {date}.").format(
            code=group.code, name=group.name, date=format_weekday_date(session_day)
        ),
        _("{n} members; interest due {interest}; minimum savings {savings} a member.").format(
            n=len(expected),
            interest=format_money(total.interest_due),
            savings=format_money(group.min_savings),
        ),
    ]
    current = await tallies.current_tally(ctx.conn, group.id, session_day)
    if current is not None:  # its receipt first: the reply that carried it may be lost
        version = current.submitted.version
        text = [
            *_submitted_lines(ctx, group, session_day, current),
            "",
            *text,
            _(
                "This is a new version ({next}): submitting it replaces version {version}. "
                "To keep version {version}, press “Cancel the tally”."
            ).format(next=version + 1, version=version),
            _("It starts from version {version}'s lines: {n} members paid differently.").format(
                version=version, n=len(draft.changes)
            ),
        ]
    text += ["", *render.member_list(draft.lines(expected)), "", render.how_to_edit()]
    buttons = render.start_buttons()
    if draft.changes:  # carried from the last version: its summary is one tap away
        buttons = [render.running_buttons()[0], *buttons]
    opening = Reply("\n".join(text), buttons=buttons, reads_numbers=True)
    said = _line_after_opening(ctx.inbound.text)
    if said is None:
        return [opening]
    # "sửa lại bảng kê, bà Kim Lan vắng chứ ko có đóng": the line, read as the next message
    noted = await _read_line(ctx, group, draft, said, fold(said))
    return [opening, *(noted or [])]


# The words that open (or reopen) the tally, then a line about a member in the same message.
_OPENING = re.compile(
    r"^.*?\b(?:bang ke|bk|tally)\b(?:\s+(?:nha|nhe|di|lai|nay|13/td))*[\s,.:;!-]+"
)


# Words around a member's line that ask to set it right and say nothing about the money: a
# lead before the member's tag ("chết rồi con ơi, số 2 …") and a request at the end ("…, sửa
# lại giúp cô").
_ASKS_TO_FIX = re.compile(
    r"[\s,.;!-]*\b(?:sua|doi|chinh)(?:\s+lai)?(?:\s+(?:giup|dum|ho|cho|gium))?"
    r"(?:\s+(?:co|chi|em|toi|tui|minh|con|ba|anh|nha|nhe|voi|di|a))*[\s.!]*$"
)
_FIRST_TAG = re.compile(r"(?<![\w])(?:so|stt|#)\s*\d{1,3}\b")


def _line_after_opening(text: str) -> str | None:
    """The tally line typed after the words that open the tally, as typed ("sửa lại bảng
    kê, bà Kim Lan vắng"), or with a request to set it right around it ("chết rồi con ơi,
    số 2 nó đóng 150 lãi thôi, sửa lại giúp cô"); None when the message says nothing more
    (or nothing a tally line says)."""
    folded = fold(text)
    found = _OPENING.match(folded)
    if found is not None and found.end() < len(folded):
        words = len(re.findall(r"[a-z0-9/]+", found.group(0)))
        rest = re.sub(rf"^\s*(?:[\w/]+[\s,.:;!\-]*){{{words}}}", "", text, count=1).strip()
        return rest if rest and _answers(rest) else None
    if found is not None:
        return None
    body, correcting = corrections.strip(text)  # "sửa lại thằng Khol gửi 2 xị thôi"
    fix = _ASKS_TO_FIX.search(fold(body))
    if fix is None and not correcting:
        return None
    body = body[: fix.start()] if fix is not None else body  # fold keeps every place
    line = _member_line_in(body)
    if line is None:
        return None
    return f"sửa lại: {line}" if correcting else line  # read as the correction it is


def _member_line_in(body: str) -> str | None:
    """The member's line in `body`, from the member's tag ("số 12 …") or title ("thằng
    Lợi …") on, when the words before it say nothing and what follows reads as paid."""
    folded = fold(body)
    tag = _FIRST_TAG.search(folded)
    if tag is not None:
        if tag.start() and not member_parts.says_nothing(folded[: tag.start()]):
            return None
        rest = body[tag.start() :].strip(" ,.;")
        said = _MEMBER.match(fold(rest))
        return rest if said is not None and said.group(2) and _answers(said.group(2)) else None
    words = body.split()
    for at, word in enumerate(words[:4]):
        if fold(word) not in TALLY_TITLES or at + 1 >= len(words):
            continue
        if at and not member_parts.says_nothing(fold(" ".join(words[:at]))):
            return None
        for name_words in (1, 2, 3):  # "thằng Lợi", "con Kim Tư", "bà Hồ Thị Lan"
            paid = " ".join(words[at + 1 + name_words :]).strip(" ,.;")
            if paid and _answers(paid):
                return " ".join(words[at:]).strip(" ,.;")
        return None
    return None


def carries_a_line(text: str) -> bool:
    """The message opens the tally and carries a member's line with it: the tally's alone,
    never also answered as a question ("… ko gửi tiết kiệm, sửa lại giúp cô" is not the
    leader's own savings)."""
    return _line_after_opening(text) is not None


async def submitted_asked(ctx: Context) -> list[Reply] | None:
    """A leader asking what went in earlier ("hồi nãy nộp bao nhiêu") when the session's
    tally was submitted: what was submitted; None otherwise (asked as usual)."""
    if not asks_what_was_submitted(ctx.inbound.text) or open_draft(ctx.person.dialog):
        return None
    group = await _group(ctx)
    session_day = await _session_day(ctx, group) if group is not None else None
    if group is None or session_day is None:
        return None
    previous = await tallies.lines_in_current(ctx.conn, group.id, session_day)
    if previous is None:
        return None
    expected = await tallies.expected_lines(ctx.conn, group)
    return await _submitted_view(ctx, group, session_day, expected, previous)


async def _submitted_view(
    ctx: Context,
    group: GroupInfo,
    session_day: date,
    expected: list[Line],
    previous: list[tallies.PaidLine] | None,
) -> list[Reply]:
    """The tally submitted for the session, as submitted: its receipt, then each member's
    line; nothing opened. None submitted yet: said so, with the way to fill one in."""
    current = await tallies.current_tally(ctx.conn, group.id, session_day)
    if current is None or previous is None:
        text = _(
            "No tally has been submitted yet for the session of {date}. Type “nộp bảng kê” "
            "to fill it in."
        ).format(date=format_weekday_date(session_day))
        return [Reply(text)]
    shown = from_previous(TallyDraft(group.id, session_day.isoformat()), expected, previous)
    lines = [
        *_submitted_lines(ctx, group, session_day, current),
        "",
        *render.member_list(shown.lines(expected)),
        "",
        _("To change it, type “sửa bảng kê”: a new version replaces this one when submitted."),
    ]
    return [Reply("\n".join(lines))]


def _submitted_lines(
    ctx: Context, group: GroupInfo, session_day: date, current: tallies.Current
) -> list[str]:
    """What was submitted for the session: when, the receipt and version, the cash."""
    at = current.submitted_at.astimezone(ctx.timezone)
    submitted = current.submitted
    return [
        _("Group {code}'s tally for {date} was submitted at {time} on {day}.").format(
            code=group.code,
            date=format_weekday_date(session_day),
            time=at.strftime("%H:%M"),
            day=at.strftime("%d/%m/%Y"),
        ),
        _("Receipt number: {receipt} (version {version}).").format(
            receipt=submitted.receipt_no, version=submitted.version
        ),
        _("Cash to hand over at the transaction point: {amount}").format(
            amount=format_money(submitted.totals.cash_to_hand_over)
        ),
    ]


# "xem danh sách", "cho cô coi lại danh sách", "ds đâu", "show the list": the draft's list
_ASKS_FOR_LIST = re.compile(
    r"^(?:(?:cho|de)\s+(?:\w+\s+)?)?(?:xem|coi|doc|mo|hien|show|see)?(?:\s+lai)?\s*"
    r"(?:cai\s+)?(?:danh sach|ds|list|the list)(?:\s+(?:to|thanh vien|bang ke|members?))?"
    r"(?:\s+(?:dau|di|nha|nhe|voi|a|coi|xem|lai|again|please))*[\s?.!]*$"
)


def asks_for_the_list(text: str) -> bool:
    """The leader asks to see the members' list while the draft is open."""
    return _ASKS_FOR_LIST.match(fold(text).strip()) is not None


async def _the_list(ctx: Context, group: GroupInfo, draft: TallyDraft) -> list[Reply]:
    """The draft's list with its numbers, then the question still open, if one is."""
    lines = draft.lines(await tallies.expected_lines(ctx.conn, group))
    text = "\n".join([*render.member_list(lines), "", render.how_to_edit()])
    waiting = next(iter(_open_question(draft, lines)), None)
    if waiting is None:
        return [Reply(text, buttons=render.running_buttons(), reads_numbers=True)]
    return [Reply(text + "\n\n" + waiting.text, buttons=waiting.buttons, reads_numbers=True)]


async def _resume(ctx: Context, group: GroupInfo, draft: TallyDraft) -> list[Reply]:
    lines = draft.lines(await tallies.expected_lines(ctx.conn, group))
    heading = _("Continuing the tally of group {code} for {date}.").format(
        code=group.code, date=format_weekday_date(draft.session_day)
    )
    if not draft.changes and not _open_question(draft, lines):  # nothing noted: the list
        listed = [heading, *render.paid_differently(lines), "", *render.member_list(lines)]
        listed += ["", render.how_to_edit()]
        return [Reply("\n".join(listed), buttons=render.start_buttons(), reads_numbers=True)]
    text = [
        heading,
        *render.paid_differently(lines),
        render.how_to_edit(),
    ]
    waiting = next(iter(_open_question(draft, lines)), None)  # the submit only when asked for
    then = waiting or Reply(
        _("Type the next change, or “xong” to see the summary."), buttons=render.running_buttons()
    )
    return [Reply("\n".join(text) + "\n\n" + then.text, buttons=then.buttons, reads_numbers=True)]


def _ask_first(
    question: str,
    yes: str,
    yes_action: TallyAction,
    no: str,
    no_action: TallyAction = TallyAction.SUMMARY,
    *,
    numbered: bool = False,
) -> list[Reply]:
    """A yes-or-no before something that cannot be undone. `numbered`: its options take a
    typed number (under "Delete this draft?", "2" keeps it); elsewhere "1" may be a member's
    number, so the options are answered by their words."""
    return [
        Reply(
            question,
            buttons=[
                [
                    Button(yes, TallyButton(yes_action).pack()),
                    Button(no, TallyButton(no_action).pack()),
                ]
            ],
            reads_numbers=not numbered,
        )
    ]


# Under "Delete this draft?", a no or a "later" keeps it: "ko, để đó mai làm tiếp", "thôi
# khoan", "để sau", "mai làm tiếp" (an amount after a no is the echo's answer, not this).
_KEEP_SAID = re.compile(
    r"^(?:khong|ko|k|hong|hok|kh|thoi|khoan|dung|no|nope|wait)\b"
    r"|\b(?:de do|de day|de mai|de sau|de lat|de ti|mai lam|lam tiep|tiep sau|lat nua|ti nua"
    r"|chut nua|giu|later|tomorrow)\b"
)


def _keeps(text: str, folded: str) -> bool:
    """The words under "Delete this draft?" say keep it."""
    said = folded.strip(" .!")
    if said in _KEEP_WORDS:
        return True
    if extract_amounts(text) or said in _DELETE_WORDS:
        return False
    return read_answer(text) == "deny" or _KEEP_SAID.search(said) is not None


async def _kept(ctx: Context, group: GroupInfo, draft: TallyDraft) -> list[Reply]:
    """ "Keep the draft": it stays as it was, nothing submitted; what waits is asked again,
    else how to go on now or later. Never the summary: its submit button under a hurried
    "ok" would submit what the leader chose only to keep."""
    lines = draft.lines(await tallies.expected_lines(ctx.conn, group))
    text = [
        _("Kept: the tally draft stays as it is; nothing has been submitted."),
        *render.paid_differently(lines),
    ]
    waiting = next(iter(_open_question(draft, lines) or _waiting(draft, lines)), None)
    then = waiting or Reply(
        _(
            "Type the next member who paid differently, or “xong” to see the summary. To go "
            "on later, type “bảng kê” (by the end of {date})."
        ).format(date=format_weekday_date(draft.session_day)),
        buttons=render.running_buttons(),
    )
    joined = "\n".join(text) + "\n\n" + then.text
    return [replace(then, text=joined, reads_numbers=True)]


async def _who_was_absent(ctx: Context, draft: TallyDraft) -> list[Reply]:
    """ "vắng" alone with no member asked (under the summary, the delete question): which
    member, never a submit or a delete."""
    if draft.deleting:
        await save(ctx, replace(draft, deleting=False))
    return [
        Reply(
            _(
                "Who was absent? Type their number and “vắng”, for example “3 vắng”. To "
                "see the summary and submit, type “xong”."
            ),
            buttons=render.running_buttons(),
            reads_numbers=True,
        )
    ]


async def _others_in_full(ctx: Context, group: GroupInfo, draft: TallyDraft) -> list[Reply]:
    """ "Everyone else paid in full": nobody else is noted; a member's amount still asked
    stays asked (it is no answer for them), else the summary."""
    if draft.deleting:
        draft = replace(draft, deleting=False)
        await save(ctx, draft)
    lines = draft.lines(await tallies.expected_lines(ctx.conn, group))
    note = _("Understood: the others count as paid in full.")
    waiting = _open_question(draft, lines) or _waiting(draft, lines)
    if waiting:
        return _with_note(note, waiting)
    return _with_note(note, await on_button(ctx, TallyButton(TallyAction.SUMMARY)))


async def on_button(ctx: Context, data: TallyButton) -> list[Reply]:
    group = await _group(ctx)
    opened = open_draft(ctx.person.dialog)
    if group is None or opened is None:
        return _no_draft()
    draft = opened[0]
    action = data.action
    if action in (TallyAction.CANCEL, TallyAction.CANCEL_CONFIRMED):
        current = await tallies.current_tally(ctx.conn, group.id, draft.session_day)
        kept = current.submitted if current is not None else None
        if action is TallyAction.CANCEL:  # a slip of the finger must not throw away an evening
            question = (
                _("Delete this tally draft? Nothing has been submitted yet.")
                if kept is None
                else _(
                    "Delete this draft of a new version? Version {version} (receipt "
                    "{receipt}) stays as it was submitted."
                ).format(version=kept.version, receipt=kept.receipt_no)
            )
            if not draft.deleting:
                await save(ctx, replace(draft, deleting=True))
            return _ask_first(
                question,
                _("Confirm deleting the draft"),
                TallyAction.CANCEL_CONFIRMED,
                _("Keep the draft"),
                TallyAction.KEEP,
                numbered=True,
            )
        await flow_state.close(ctx)
        if kept is None:
            return [Reply(_("The tally draft was deleted; nothing was submitted."))]
        return [
            Reply(
                _(
                    "The draft was deleted. Version {version} (receipt {receipt}) stays "
                    "the one submitted."
                ).format(version=kept.version, receipt=kept.receipt_no)
            )
        ]
    if draft.deleting:  # "Keep the draft" or anything else: the question is over
        draft = replace(draft, deleting=False)
        await save(ctx, draft)
    if action is TallyAction.KEEP:
        return await _kept(ctx, group, draft)
    expected = await tallies.expected_lines(ctx.conn, group)
    if action in (TallyAction.ALL_BUT, TallyAction.ALL_BUT_NO):
        return await _all_but_answered(ctx, draft, draft.lines(expected), action)
    if draft.all_but is not None:  # another button: that line is not noted
        draft = replace(draft, all_but=None, all_but_said="")
        await save(ctx, draft)
    if action in (TallyAction.AMOUNT_OK, TallyAction.AMOUNT_NO):
        return await _confirming(ctx, group, draft, draft.lines(expected), action)
    if action in (TallyAction.INTEREST_ONLY, TallyAction.WITH_SAVINGS):
        return await _split_chosen(ctx, group, draft, draft.lines(expected), action)
    if action in (TallyAction.SUMMARY, TallyAction.SUBMIT):
        return await _closing(ctx, group, draft, expected, action)
    if action is TallyAction.ALL:
        still_open = _open_question(draft, draft.lines(expected))
        if still_open:  # never passed over: the line would count as paid in full
            return still_open
    if action is TallyAction.ALL and draft.changes:
        return _ask_first(
            _(
                "You have noted {n} members who paid differently. Forget those notes and "
                "count everyone as paid in full?"
            ).format(n=len(draft.changes)),
            _("Confirm: everyone paid in full"),
            TallyAction.ALL_CONFIRMED,
            _("Keep my notes"),
        )
    if action in (TallyAction.ALL, TallyAction.ALL_CONFIRMED):
        draft = replace(draft, changes={}, asking=None, unconfirmed=[])
        await save(ctx, draft)
        return [render.summary(group, draft, expected)]
    lines = draft.lines(expected)
    if action is TallyAction.EDIT:
        await save(ctx, replace(draft, asking=None))
        text = "\n".join([*render.member_list(lines), "", render.how_to_edit()])
        return [Reply(text, buttons=render.start_buttons(), reads_numbers=True)]
    return [render.summary(group, draft, lines)]


async def _closing(
    ctx: Context, group: GroupInfo, draft: TallyDraft, expected: list[Line], action: TallyAction
) -> list[Reply]:
    """The summary, or the submit, asked for: a member asked again after a no to their echo
    keeps what was noted for them before (said so), or, with nothing noted, is asked again
    (passed over they would count as paid in full, which nobody said; "bỏ qua" says so); an
    open question is asked again; each echo set aside is asked again, one at a time; only
    then the summary (or, from its button, the submit)."""
    lines = draft.lines(expected)
    note = None
    redo = draft.redo_answer
    redone = _line_waiting(lines, redo)
    if draft.pending is None and not draft.split and redone is not None and redone.changed:
        draft = draft.dropping(redone.customer_id)
        await save(ctx, draft)
        note = _unchanged(redone)
    still_open = _open_question(draft, lines)
    if still_open:  # never passed over: the line would count as paid in full
        return _with_note(note, still_open)
    asked = await _ask_set_aside(ctx, draft, lines)
    if asked:
        return _with_note(note, asked)
    if draft.closing:
        draft = replace(draft, closing=False)
        await save(ctx, draft)
    if action is TallyAction.SUBMIT:
        return await submit(ctx, group, draft.session_day, lines, draft.typed_totals)
    return _with_note(note, [render.summary(group, draft, lines)])


async def _ask_set_aside(ctx: Context, draft: TallyDraft, lines: list[Line]) -> list[Reply]:
    """The first echo set aside (by a line about another member) asked again: yes notes it,
    no asks that member's amount; or the first question of how one amount divides set aside,
    asked again with its two options; none when none is set aside."""
    present = {x.customer_id for x in lines}
    draft = replace(draft, unconfirmed=[x for x in draft.unconfirmed if x and x[0] in present])
    again = draft.asking_set_aside()
    if again is draft:
        return []
    split = again.split_amount
    line = _line_waiting(lines, split)
    if split is not None and line is not None:  # "is it the interest, or with savings?"
        await save(ctx, replace(again, split_reasked=0))
        asked, what = _split_question(line, split[1]), format_money(split[1])
    else:
        pending = again.pending_answer
        line = _line_waiting(lines, pending)
        if pending is None or line is None:
            return []
        await save(ctx, again)
        asked, what = _is_that_right(line, pending[1]), ", ".join(_said(pending[1]))
    note = _("Before the summary: {what} for {name} was set aside and is not noted yet.").format(
        name=line.name, what=what
    )
    return [replace(asked, text=note + "\n" + asked.text)]


def _unchanged(line: Line) -> str:
    """The member asked again after a no to their echo, left as they were."""
    return _("Nothing changed for {name}: the line stays as it was ({what}).").format(
        name=line.name, what=render.describe(line) if line.changed else _("paid in full")
    )


def _with_note(note: str | None, replies: list[Reply]) -> list[Reply]:
    if note is None or not replies:
        return replies
    first, *more = replies
    return [replace(first, text=note + "\n\n" + first.text), *more]


async def on_text(ctx: Context, dialog: Dialog) -> list[Reply] | None:
    """A typed message while a draft is open; None when it is not about the tally (the
    router then answers it as usual and the draft waits)."""
    group = await _group(ctx)
    opened = open_draft(dialog)
    if group is None or opened is None or opened[0].group != group.id:
        return None
    draft = opened[0]
    text = member_parts.number_in_words(ctx.inbound.text.strip())  # "số ba vắng": number 3
    folded = fold(text)
    if _WHO_HAS_NOT_PAID.search(folded) and _ABOUT_A_MEETING.search(folded):
        return None  # "ai chưa trả lời họp": the meeting's answers, the draft waits
    if _WHO_HAS_NOT_PAID.search(folded):  # "con ai chua dong": the tally's own list
        lines = draft.lines(await tallies.expected_lines(ctx.conn, group))
        named = find_named(text, lines)
        if named is None or not named.titled:  # "chị Ái chưa đóng" is member Ái
            return [render.not_paid(lines), *_still_waiting(draft, lines)]
    if draft.deleting and (cancels(text, _CANCEL_WORDS) or folded in _DELETE_WORDS):
        return await _cancelled(ctx, group, draft, text)  # also over an open question
    if draft.deleting and _keeps(text, folded):  # "giữ", "ko, để đó mai làm tiếp"
        return await on_button(ctx, TallyButton(TallyAction.KEEP))
    if draft.all_but is None and others_in_full(text):  # "ok, mấy người kia đóng đủ hết"
        return await _others_in_full(ctx, group, draft)
    if _absent_alone(text) and draft.asking is None and draft.pending is None:
        return await _who_was_absent(ctx, draft)  # "vắng" with no member asked: whose?
    if asks_for_the_list(text):  # "cho cô coi lại danh sách": the draft's, not the bank's
        return await _the_list(ctx, group, draft)
    if _asks(text, draft.lines(await tallies.expected_lines(ctx.conn, group))):
        return None  # "chị Linh có quá hạn không": answered as usual, the tally waits
    if draft.split_amount is not None:  # "chỉ tiền lãi", "gồm cả tiết kiệm", "1", "2"
        chosen = _split_choice(folded)
        if chosen is not None:
            return await on_button(ctx, TallyButton(chosen))
        expected = await tallies.expected_lines(ctx.conn, group)
        if read_answer(text) in ("affirm", "deny") and not tally_text.first_amount(text):
            return await _split_unclear(ctx, draft, draft.lines(expected))  # "đúng": told how
        lines = draft.lines(expected)
        if folded in _SUMMARY_WORDS:  # "xong": the amount is not noted yet, asked again
            return _open_question(draft, lines)
        if not _about_the_tally(text, lines):
            return None  # "dư nợ bao nhiêu" between: answered as usual, the question waits
        named_here = find_named(text, lines)  # "bà Tâm vắng": one of three, asked which
        not_in_group = corrections.stranger(text) if named_here is None else None
        if not_in_group is not None:  # "bà Sa Ri lãi 200k": nobody's answer, the question waits
            return [*not_in_group, *_still_waiting(draft, lines)]
        if _numbers_nobody(text, lines):  # "7 vắng" in a group of 5: the question waits
            return _with_note(_no_member(text).text, _still_waiting(draft, lines))
        dropped = _split_set_aside(draft, lines, text)
        split = draft.split_amount  # asked again before the summary unless answered first
        draft = replace(draft, split=None)  # "lãi 113k gửi 87k": that member's answer
        if dropped is not None and split is not None:
            draft = draft.setting_split_aside(split)
        await save(ctx, draft)
        rest = _NO_BEFORE.sub("", folded, count=1)  # "không, 1tr5 là tiết kiệm, lãi 110"
        if rest and rest != folded:
            text = folded = rest  # the line after the no
        replies = await _read_line(ctx, group, draft, text, folded)
        if dropped is None or not replies:
            return replies
        first, *more = replies
        return [replace(first, text=dropped + "\n\n" + first.text), *more]
    return await _read_line(ctx, group, draft, text, folded)


async def _read_line(
    ctx: Context, group: GroupInfo, draft: TallyDraft, text: str, folded: str
) -> list[Reply] | None:
    """A typed line with no interest-or-savings question open (or that question set aside)."""
    if draft.all_but is not None:  # "everyone paid in full except …" asked: yes, no or else
        act, option = read_answer(text), bare_number(text)
        if act == "affirm" or option == 1:
            return await on_button(ctx, TallyButton(TallyAction.ALL_BUT))
        if act == "deny" or option == 2:
            return await on_button(ctx, TallyButton(TallyAction.ALL_BUT_NO))
        unasked = all_but.not_noted(draft.all_but_said)
        draft = replace(draft, all_but=None, all_but_said="")
        await save(ctx, draft)
        replies = await _read_line(ctx, group, draft, text, folded)
        if not replies:
            return replies
        first, *more = replies
        return [replace(first, text=unasked + "\n\n" + first.text), *more]
    if draft.pending_answer is not None:  # "ừ", "đúng", "không", "không, 102 nghìn"
        option = bare_number(text)  # the echo's options as numbered on the console, Zalo
        if option in _ECHO_OPTIONS:
            return await on_button(ctx, TallyButton(_ECHO_OPTIONS[option]))
        rest = _NO_BEFORE.sub("", folded, count=1)
        if not rest or _NOT_YET.match(folded):
            return await on_button(ctx, TallyButton(TallyAction.AMOUNT_NO))
        after_slip, slipped = corrections.strip(text)
        if (
            rest == folded
            and slipped
            and _MEMBER.match(fold(after_slip)) is None
            and len(member_parts.parts(fold(after_slip))) == 1
        ):  # "à nhầm, gửi 1 trăm thôi": the echoed member's line again
            corrected = await _correct_echo(ctx, group, draft, folded)
            if corrected is not None:
                return corrected
        if rest != folded and await _corrects(ctx, group, rest):  # the line again, after the no
            corrected = await _correct_echo(ctx, group, draft, rest)
            if corrected is not None:
                return corrected
            text = folded = fold(corrections.strip(rest)[0])  # "nhầm rồi, ông Sóc đóng đủ"
        # "ko gửi" is an answer (savings 0), "sai rồi" is not; "hổng có" is the echo's no
        elif tally_text.says_no(text) or not _answers(text):
            act = read_answer(text)
            if act in ("affirm", "deny"):
                yes_or_no = TallyAction.AMOUNT_OK if act == "affirm" else TallyAction.AMOUNT_NO
                return await on_button(ctx, TallyButton(yes_or_no))
    redone = _line_waiting(
        draft.lines(await tallies.expected_lines(ctx.conn, group)), draft.redo_answer
    )
    skips = folded.strip(" .!") in _SKIP_WORDS  # "thôi bỏ qua": that member as they were
    if skips and draft.pending is None and not draft.split and redone is not None:
        return await _skipped(ctx, group, draft, redone)
    asked_line = next(
        (
            x
            for x in draft.lines(await tallies.expected_lines(ctx.conn, group))
            if x.customer_id == draft.asking
        ),
        None,
    )
    if skips and draft.pending is None and not draft.split and asked_line is not None:
        return await _skipped(ctx, group, draft, asked_line)  # "1", then "thôi giữ nguyên"
    yes = read_answer(text) == "affirm"  # "đúng" folds like "dừng" (stop): it is a yes
    if cancels(text, _CANCEL_WORDS) or (draft.deleting and folded in _DELETE_WORDS):
        return await _cancelled(ctx, group, draft, text)
    expected = await tallies.expected_lines(ctx.conn, group)
    if draft.choosing:  # "which of them?": "2", "Ngọc Tâm"
        picked = await _picked(ctx, group, draft, draft.lines(expected), text)
        if picked is not None:
            return picked
        if _about_the_tally(text, draft.lines(expected)):  # another line: the question is over
            dropped = _choice_dropped(draft, draft.lines(expected))
            draft = replace(draft, choosing=None, choice="")
            await save(ctx, draft)
            replies = await _read_line(ctx, group, draft, text, folded)
            if dropped is None or not replies:
                return replies
            first, *more = replies
            return [replace(first, text=dropped + "\n\n" + first.text), *more]
    if draft.pending_answer is not None and not _about_the_tally(text, draft.lines(expected)):
        return None  # "dư nợ bao nhiêu" between: answered as usual, the echo waits
    if folded in _ALL_PAID_WORDS:
        return await on_button(ctx, TallyButton(TallyAction.ALL))
    apart = all_but.set_apart(text, draft.lines(expected))
    if apart is not None:  # "tất cả nộp đủ trừ số 6 vắng": one yes for the whole line
        return await _ask_all_but(ctx, draft, draft.lines(expected), apart, text)
    if folded in _SUMMARY_WORDS or folded in _SUBMIT_WORDS:
        return await on_button(ctx, TallyButton(TallyAction.SUMMARY))
    if folded.startswith(_RESUME_WORDS):
        return await _resume(ctx, group, draft)
    if yes and len(folded.split()) <= 3 and not _about_the_tally(text, draft.lines(expected)):
        if draft.deleting and draft.pending_answer is None and draft.split_amount is None:
            return await on_button(ctx, TallyButton(TallyAction.CANCEL))  # asked, not done
        return _nothing_to_confirm(draft, draft.lines(expected))  # never deletes on a yes
    if draft.deleting:  # another line: the delete question is over
        draft = replace(draft, deleting=False)
    if draft.pending_answer is None and draft.asking is None:  # "không, 7 nộp đủ": set right
        rest, said_no = corrections.strip_no(text)
        if said_no and _about_the_tally(rest, draft.lines(expected)):
            text = rest
    text, correcting = corrections.strip(text)  # "sửa lại: bà Kim Lan ...": read the rest
    if correcting and not text:
        return await on_button(ctx, TallyButton(TallyAction.EDIT))
    typed = tally_text.parse_totals(text)
    if typed is not None:
        draft = replace(draft, typed=[typed.interest, typed.savings])
        await save(ctx, draft)
        lines = draft.lines(expected)
        return _open_question(draft, lines) or [render.summary(group, draft, lines)]
    lines = draft.lines(expected)
    asked = draft.asking is None or draft.pending_answer is not None  # not a prompt's answer
    several = _several(text, lines) if asked else None
    if several is not None:  # "số 9 vắng, số 7 nộp đủ": each member's part
        found, unclear = several
        return await _note_several(ctx, draft, lines, found, unclear)
    return await _member_answer(ctx, group, draft, lines, text, correcting)


def _several(text: str, lines: list[Line]) -> tuple[list[tuple[Line, str]], list[str]] | None:
    """Each member's part of a line about several ("số 9 vắng, số 7 nộp đủ", "số 4 và số 5
    mới đóng tiết kiệm 100k": a member named alone shares what the next part says; a part
    opening with a field's word goes on with the member before it, words that say nothing
    lead to the next); None unless every other part names one member and two or more are
    named. A part naming several members ("bà Tâm …" with three Tâm) is returned apart, as
    typed folded, to be said not noted, never read as the member before it's."""
    parts = member_parts.parts(fold(text))
    if len(parts) == 1:  # "Phanh 120 Vát 95 Ngọc Tâm vắng": by name, with no tag
        parts = [fold(part) for part in member_parts.by_name(text) or parts]
    found: list[tuple[Line, str]] = []
    unclear: list[str] = []
    for index, part in enumerate(parts):
        member = _MEMBER.match(part)
        if member is not None and 1 <= int(member.group(1)) <= len(lines):
            line = lines[int(member.group(1)) - 1]
            if found and found[-1] == (line, ""):  # "bà Ngọc Tâm số 10 …": named, then tagged
                found.pop()
            found.append((line, member.group(2).strip()))
            continue
        named = find_named(part, lines) if member is None else None
        if named is not None and len(named.members) == 1:
            found.append((named.members[0], named.rest))
        elif named is not None and named.titled and named.rest:  # "bà Tâm …": which Tâm?
            unclear.append(part)
        elif named is None and found and member_parts.goes_on(part):  # "… lãi, với gửi 200"
            found[-1] = (found[-1][0], f"{found[-1][1]}, {part}")
        elif named is None and member_parts.says_nothing(part) and index + 1 < len(parts):
            continue  # "xong rồi tới thằng Vát số 3 …": words leading to the next member
        else:
            return None
    if len({line.customer_id for line, _said in found}) + len(unclear) < 2 or not found:
        return None
    said = ""
    for i in range(len(found) - 1, -1, -1):  # a member alone shares the next part's words
        said = found[i][1] or said
        found[i] = (found[i][0], said)
    return found, unclear


async def _note_several(
    ctx: Context,
    draft: TallyDraft,
    lines: list[Line],
    parts: list[tuple[Line, str]],
    unclear: list[str],
) -> list[Reply]:
    """Each part read as its member's line: noted when read plainly; a part read with doubt
    ("l120 tk 30", "trăm tám") is echoed for a yes, the first at once and the others asked
    before the summary, as is one amount that may include savings; a part not read is not
    noted, and said so by name, never dropped in silence."""
    aside = draft.pending_answer  # an echo for a member the line does not name: set aside
    if aside is not None and any(line.customer_id == aside[0] for line, _said in parts):
        aside = None
    if aside is not None:  # asked again before the summary, as any echo set aside
        draft = draft.setting_aside()
    noted: list[int] = []
    left = [
        _(
            "Not noted: “{said}”: several members fit that name. Type it again with the "
            "member's number."
        ).format(said=said)
        for said in unclear
    ]
    echoes: list[tuple[Line, tally_text.Answer, tuple[str, ...], bool]] = []
    splits: list[tuple[Line, int]] = []
    for line, said in parts:
        try:
            answer = tally_text.parse_answer(said) if said else None
        except tally_text.NotUnderstood:
            answer = None
        current = next(x for x in lines if x.customer_id == line.customer_id)
        if answer is not None:  # "bà Út còn thiếu 10 ngàn": what was paid, echoed
            answer = tally.short_of_due(current, answer)
        readings = tally.paid_in_all(current, answer) if answer is not None else []
        if answer is not None and len(readings) > 1 and answer.interest is not None:
            splits.append((current, answer.interest))  # "interest only, or with savings?"
            continue
        if answer is None or len(readings) != 1:
            left.append(
                _(
                    "Not noted for {name}: “{said}”. Type that member again on a line of its own."
                ).format(name=line.name, said=said)
            )
            continue
        if readings[0].doubtful:  # echoed with every amount it will note
            filled, kept = tally.explicit(current, readings[0])
            in_all = answer.unnamed and answer.interest is not None
            echoes.append((current, filled, kept, in_all))
            continue
        lines = [tally.apply(x, readings[0]) if x is current else x for x in lines]
        noted.append(line.customer_id)
    draft = replace(
        draft.noting(lines), asking=None, pending=None, redo=None, choosing=None, choice=""
    )
    for customer in noted:
        draft = draft.confirmed(customer)
    for line, answer, _kept, in_all in reversed(echoes[1:]):  # asked before the summary
        draft = draft.echoing(line.customer_id, answer, in_all=in_all).setting_aside()
    asked_now = splits[:1] if not echoes else []  # with no echo, the first split at once
    for line, amount in splits[len(asked_now) :]:
        draft = draft.setting_split_aside((line.customer_id, amount))
    later = [
        _("{name}: {what} (asked again before the summary).").format(
            name=line.name, what=", ".join(_said(answer, kept))
        )
        for line, answer, kept, _in_all in echoes[1:]
    ] + [
        _("{name}: {what}, the interest only or with savings? (asked before the summary)").format(
            name=line.name, what=format_money(amount)
        )
        for line, amount in splits[len(asked_now) :]
    ]
    first: Reply | None = None
    if echoes:
        line, answer, kept, in_all = echoes[0]
        draft = draft.echoing(line.customer_id, answer, in_all=in_all)
        first = _is_that_right(line, answer, kept)
    for line, amount in asked_now:
        first = _split_question(line, amount)
        draft = replace(draft, asking=line.customer_id, split=[line.customer_id, amount])
    await save(ctx, replace(draft, split_reasked=0) if asked_now else replace(draft, split=None))
    shown = [next(x for x in lines if x.customer_id == c) for c in noted]
    before = [render.noted(draft, lines, x).text.split("\n")[0] for x in shown]
    if first is not None:
        told = "\n".join([*before, *left, *later, first.text])
        return _set_aside(aside, lines, [replace(first, text=told)])
    if not noted:
        told = "\n".join([*left, *later])
        replies = [Reply(told, buttons=render.running_buttons(), reads_numbers=True)]
        return _set_aside(aside, lines, replies)
    reply = render.noted(draft, lines, shown[-1])
    told = "\n".join([*before[:-1], *left, *later, reply.text])
    return _set_aside(aside, lines, [replace(reply, text=told)])


async def _ask_all_but(
    ctx: Context, draft: TallyDraft, lines: list[Line], apart: all_but.SetApart, text: str
) -> list[Reply]:
    """ "Everyone paid in full except …": asked once for the whole line, noted on a yes; an
    amount echoed for another member is set aside (named in the summary until typed again)."""
    if apart.problem is not None:
        return [Reply(apart.problem, buttons=render.running_buttons(), reads_numbers=True)]
    aside = draft.pending_answer
    draft = draft.setting_aside()
    kept = all_but.rows(apart.lines)
    draft = replace(
        draft, all_but=kept, all_but_said=text, asking=None, pending=None, redo=None, split=None
    )
    await save(ctx, replace(draft, choosing=None, choice=""))
    return _set_aside(aside, lines, [all_but.question(draft, lines, apart.lines)])


async def _all_but_answered(
    ctx: Context, draft: TallyDraft, lines: list[Line], action: TallyAction
) -> list[Reply]:
    """Yes or no to "everyone paid in full except …": the members set apart noted as said
    and everyone not yet noted left as paid in full, or nothing noted."""
    kept = draft.all_but
    if kept is None:  # a stale button: nothing is waiting
        return _nothing_to_confirm(draft, lines)
    if action is TallyAction.ALL_BUT_NO:
        await save(ctx, replace(draft, all_but=None, all_but_said=""))
        text = _("Nothing noted from that line. Type the members who paid differently.")
        return [Reply(text, buttons=render.running_buttons(), reads_numbers=True)]
    apart = {row[0] for row in kept}
    full = all_but.counted_in_full(draft, lines, apart)
    updated = all_but.applied(lines, kept)
    draft = draft.noting(updated)
    for customer in apart:
        draft = draft.confirmed(customer)
    await save(ctx, draft)
    return [all_but.noted(draft, updated, sorted(apart), full)]


async def _corrects(ctx: Context, group: GroupInfo, rest: str) -> bool:
    """What follows the no to an echo is the line again: an amount ("không, 1 củ rưỡi"), a
    slip owned up to ("không, nhầm rồi, ông Sóc đóng đủ") or a member named ("không, ông Sóc
    đóng đủ"); not "không, sai rồi" (only the no) nor "ko gửi" (savings 0, read whole)."""
    if extract_amounts(rest) or corrections.strip(rest)[1]:
        return True
    named = find_named(rest, await tallies.expected_lines(ctx.conn, group))
    return named is not None and _answers(named.rest)


async def _cancelled(ctx: Context, group: GroupInfo, draft: TallyDraft, text: str) -> list[Reply]:
    """A cancel word means what the question it answers offers: "hủy", "xóa" under "Delete
    this draft?" (shown as the last options) delete it, "thôi" there keeps it; a bare
    "thôi" under an echoed amount drops that amount only; elsewhere it asks whether to
    delete the draft."""
    shown = {data for _label, data in ctx.person.options}
    if draft.deleting and TallyButton(TallyAction.CANCEL_CONFIRMED).pack() in shown:
        if fold(text) in _DELETE_WORDS:  # the question's own word: "Hủy", "Xóa"
            return await on_button(ctx, TallyButton(TallyAction.CANCEL_CONFIRMED))
        return await on_button(ctx, TallyButton(TallyAction.SUMMARY))  # "thôi": keep it
    echoed = draft.pending_answer
    if echoed is None or not cancels(text):  # "hủy bảng kê": the whole draft
        return await on_button(ctx, TallyButton(TallyAction.CANCEL))
    lines = draft.lines(await tallies.expected_lines(ctx.conn, group))
    line = _line_waiting(lines, echoed)
    await save(ctx, draft.dropping(echoed[0]))
    name = line.name if line is not None else ""
    dropped = _(
        "Not noted for {name}: {what}; that member stays as listed. Type them again if they "
        "paid differently."
    ).format(name=name, what=", ".join(_said(echoed[1])))
    return [Reply(dropped, buttons=render.running_buttons(), reads_numbers=True)]


async def _skipped(ctx: Context, group: GroupInfo, draft: TallyDraft, line: Line) -> list[Reply]:
    """ "thôi bỏ qua" under "what did they pay, then?": the member stays as they were; back
    to the tally (or, wrapping up, on to the next echo set aside or the summary)."""
    draft = draft.dropping(line.customer_id)
    await save(ctx, draft)
    if draft.closing:
        return await _closing(
            ctx, group, draft, await tallies.expected_lines(ctx.conn, group), TallyAction.SUMMARY
        )
    text = _unchanged(line) + "\n" + _("Type the next change, or “xong” to see the summary.")
    return [Reply(text, buttons=render.running_buttons(), reads_numbers=True)]


async def _correct_echo(
    ctx: Context, group: GroupInfo, draft: TallyDraft, text: str
) -> list[Reply] | None:
    """ "không, 15 nghìn" under an echo: the amount for the member echoed (never "15" read as
    a member's number); None when it names a member or is no answer, read as usual then."""
    pending = draft.pending_answer
    lines = draft.lines(await tallies.expected_lines(ctx.conn, group))
    line = _line_waiting(lines, pending)
    text = corrections.strip(text)[0]  # "nhầm rồi, …": the line after it
    if line is None or find_named(text, lines) is not None or not _answers(text):
        return None
    return await _answer_for(ctx, group, draft, lines, line, text)


async def _member_answer(
    ctx: Context,
    group: GroupInfo,
    draft: TallyDraft,
    lines: list[Line],
    text: str,
    correcting: bool = False,
) -> list[Reply] | None:
    """ "5 lãi 100k gửi 0", "5" (then the answer), "bà Kim Lan vắng" (a member by name), or
    the answer to the member asked about. A line naming another member than the one whose
    amount was echoed sets the echo aside: it is not that echo's answer."""
    target = draft.asking
    member = _MEMBER.match(fold(text))
    if member is not None and target is not None and not member.group(2).strip():
        member = None  # asked what a member paid: a bare "150" (or "5") is the amount
    named = find_named(text, lines) if member is None else None
    chosen, answer_text = None, text
    if named is not None and (target is None or names_someone(text, named)):
        tagged = len(named.members) > 1 and _TAG_FIRST.match(named.rest) is not None
        numbered = _MEMBER.match(named.rest) if tagged else None
        if numbered is not None and numbered.group(1).isdigit():  # "chị Tâm số 13 đóng …"
            picked = int(numbered.group(1))
            if 1 <= picked <= len(lines) and lines[picked - 1] in named.members:
                named = replace(named, members=[lines[picked - 1]], rest=numbered.group(2))
        if len(named.members) > 1:
            return await _ask_which(ctx, draft, lines, named.members, named.rest)
        chosen, answer_text = named.members[0], named.rest
    elif member is not None and 1 <= int(member.group(1)) <= len(lines):
        chosen, answer_text = lines[int(member.group(1)) - 1], member.group(2).strip()
        also = find_named(answer_text, lines)
        if also is not None and _answers(answer_text):  # "3 tám trăm": a one-word name may
            name_words = len(answer_text.split()) - len(also.rest.split())  # be a figure
            also = also if name_words >= 2 or also.titled else None
        if also is not None and chosen in also.members:  # "13 Tâm đóng đủ": that member
            answer_text = also.rest
        elif also is not None:  # "2 Tâm vắng" with 2 not a Tâm: which one was meant
            return await _number_or_name(ctx, draft, lines, chosen, also.members, also.rest)
    elif member is not None and target is None:
        if _FIGURES_ONLY.match(text) and tally_text.first_amount(text):
            return await _ask_whose(ctx, draft, lines, text)  # "200 30": figures, no member
        return [_no_member(text)]
    elif _numbers_nobody(text, lines):  # "7 vắng" in a group of 5, another member asked
        return _with_note(_no_member(text).text, _waiting(draft, lines)) or [_no_member(text)]
    if chosen is None and target is None and tally_text.about_several(text):
        return [_about_several()]  # "Lan 90 Hoa 100 Mai vắng" with names not the group's
    if chosen is None and (target is None or (correcting and named is None and member is None)):
        why = corrections.not_applied(text, correcting)  # why, when it reads as a line
        if why is None and target is None and tally_text.reads_as_payment(text):
            return await _ask_whose(ctx, draft, lines, text)  # "lãi 100k gửi 50k": for whom?
        return why
    if chosen is None and named is None and member is None:
        not_in_group = corrections.stranger(text)  # "bà Sa Ri lãi 200k": not the asked one's
        if not_in_group is not None:
            return [*not_in_group, *_waiting(draft, lines)]
    if chosen is None:
        chosen = next(x for x in lines if x.customer_id == target)
    in_passing = named is not None and not named.titled and target is None and not correcting
    return await _answer_for(ctx, group, draft, lines, chosen, answer_text, in_passing, correcting)


async def _answer_for(
    ctx: Context,
    group: GroupInfo,
    draft: TallyDraft,
    lines: list[Line],
    line: Line,
    answer_text: str,
    in_passing: bool = False,
    correcting: bool = False,
) -> list[Reply] | None:
    """What `answer_text` says `line`'s member paid: noted, echoed back when read with doubt,
    or asked for when nothing was said; for a member noted before, or after "à nhầm", only
    what the line names changes ("1 gửi 100k thôi" keeps the interest noted). `in_passing`:
    a name said in another sentence ("Sơn ơi dư nợ bao nhiêu"), left to the router when no
    amount is read. An English question
    ("who in my group has not paid yet") is never an answer: left to the router too."""
    if _QUESTION.match(fold(answer_text)):
        return None
    echoed = draft.pending_answer
    in_all = draft.echoed_in_all
    aside = echoed if echoed is not None and echoed[0] != line.customer_id else None
    echoed = echoed if aside is None else None  # this member's echo: what is corrected
    if aside is not None:  # named in the summary until that member is typed again
        draft = draft.setting_aside()
    redo = draft.redo_answer  # an echo said no to ("không"): the amount typed corrects it
    redone = None  # another member's, left unanswered: said so
    if echoed is None and redo is not None and redo[0] == line.customer_id:
        echoed, in_all = redo, draft.redone_in_all
    elif echoed is None and redo is not None:
        redone = redo
    draft = replace(draft, pending=None, choosing=None, choice="", split=None)
    if aside is not None or redone is not None:  # another member typed: no longer wrapping up
        draft = replace(draft, closing=False)
    if not answer_text:
        await save(ctx, replace(draft, asking=line.customer_id))
        return _set_aside(aside, lines, [_what_did_they_pay(line)], redone)
    try:
        answer = tally.short_of_due(line, tally_text.parse_answer(answer_text, member_named=True))
        if line.changed or correcting:  # "1 gửi 100k thôi" after 1's interest was noted
            answer = tally.as_correction(answer)
        answer = tally.on_top(line, answer)  # "đưa thêm 145 nữa": added to what is noted
    except tally_text.OverCap as over:
        return [
            Reply(
                _(
                    "I read {amount}, which is more than one member pays in a month (at most "
                    "{cap}). Please check the amount and type it again."
                ).format(amount=format_money(over.amount), cap=format_money(over.cap))
            )
        ]
    except tally_text.SeveralAmounts:  # "Lan 90 Hoa 100 …" with names not the group's
        return [_about_several()]
    except tally_text.NotUnderstood:
        if in_passing or tally_text.asks(answer_text):
            return None  # "Sơn ơi dư nợ bao nhiêu", "bà Ngọc Tâm còn nợ bn": not a tally line
        return [
            Reply(
                _(
                    'I could not read an amount in that. Write for example "lãi 100k gửi 50k", '
                    '"vắng" or "0"; amounts must be between 0 and 100 triệu.'
                )
            )
        ]
    if echoed is not None and in_all and answer.unnamed:  # one amount in all, said again
        echoed = None  # read as a fresh line is: "không, 1 củ rưỡi" may need the split asked
    if echoed is not None:  # "lãi 160" under (or after a no to) the echo: only what it names
        answer, in_all = tally.correct(echoed[1], answer), False
    else:  # "đóng 2 xị": one amount in all, read one way, or the leader says which
        readings = tally.paid_in_all(line, answer)
        if len(readings) > 1 and answer.interest is not None:
            split = [line.customer_id, answer.interest]
            draft = replace(draft, asking=line.customer_id, split=split, split_reasked=0)
            await save(ctx, draft)
            return _set_aside(aside, lines, [_interest_or_savings(line, readings)], redone)
        in_all = answer.unnamed and answer.interest is not None
        answer = readings[0]
    if answer.doubtful:  # "trăm hai": echoed back with every amount it will note
        answer, kept = tally.explicit(line, answer)
        await save(ctx, draft.echoing(line.customer_id, answer, in_all=in_all))
        return _set_aside(aside, lines, [_is_that_right(line, answer, kept)], redone)
    noted = await _note(ctx, group, draft, lines, line.customer_id, answer)
    return _set_aside(aside, lines, noted, redone)


def _about_several() -> Reply:
    """A line about several members the tally could not split by tag or by the group's names:
    noted for nobody, and said so."""
    text = _(
        "Not noted: that line is about several members. Type each member on a line of its "
        "own, for example “3 lãi 100k gửi 50k”."
    )
    return Reply(text, buttons=render.running_buttons(), reads_numbers=True)


def _set_aside(
    aside: tuple[int, tally_text.Answer] | None,
    lines: list[Line],
    replies: list[Reply],
    redone: tuple[int, tally_text.Answer] | None = None,
) -> list[Reply]:
    """The echo set aside by a line about another member, said before the reply to it; or
    the echo said no to (`redone`) whose member was then passed over for another."""
    line = _line_waiting(lines, aside)
    if aside is not None and line is not None:
        note = _(
            "Not noted for {name}: {what} (it was not confirmed). Type it again if it was right."
        ).format(name=line.name, what=", ".join(_said(aside[1])))
    else:
        line = _line_waiting(lines, redone)
        if redone is None or line is None:
            return replies
        note = _("Not noted yet for {name}: you said {what} was not right.").format(
            name=line.name, what=", ".join(_said(redone[1]))
        )
    if not replies:
        return replies
    first, *more = replies
    return [replace(first, text=note + "\n\n" + first.text), *more]


async def _ask_which(
    ctx: Context,
    draft: TallyDraft,
    lines: list[Line],
    fits: list[Line],
    said: str,
) -> list[Reply]:
    """Several members fit the name: list them with their numbers in the tally and wait for
    one of those numbers or more of the name; what was said about them (`said`) is kept for
    the one picked."""
    aside = draft.pending_answer
    choosing = [x.customer_id for x in fits]
    draft = draft.setting_aside()
    await save(ctx, replace(draft, asking=None, pending=None, choosing=choosing, choice=said))
    return _set_aside(aside, lines, [_which_one(fits, lines)])


async def _number_or_name(
    ctx: Context,
    draft: TallyDraft,
    lines: list[Line],
    numbered: Line,
    named: list[Line],
    said: str,
) -> list[Reply]:
    """A member's number then a name that is not theirs ("2 Tâm vắng", 2 being Danh Sô
    Phanh): which one was meant, by their number; what was said is kept for them."""
    aside = draft.pending_answer
    fits = [x for x in lines if x is numbered or x in named]
    draft = draft.setting_aside()
    choosing = [x.customer_id for x in fits]
    await save(ctx, replace(draft, asking=None, pending=None, choosing=choosing, choice=said))
    numbers = "; ".join(f"{lines.index(x) + 1}. {x.name}" for x in fits)
    question = _(
        "Number {n} is {name}, whose name is not the one you typed. Which member did you "
        "mean: {members}? Type their number."
    ).format(n=lines.index(numbered) + 1, name=numbered.name, members=numbers)
    return _set_aside(aside, lines, [Reply(question, reads_numbers=True)])


async def _ask_whose(ctx: Context, draft: TallyDraft, lines: list[Line], said: str) -> list[Reply]:
    """A payment naming no member: whose it is, by number or name; what was said is kept."""
    choosing = [x.customer_id for x in lines]
    await save(ctx, replace(draft, asking=None, pending=None, choosing=choosing, choice=said))
    question = _("Who paid “{said}”? Type the member's number in the list or their name.").format(
        said=said
    )
    return [Reply(question, buttons=render.running_buttons(), reads_numbers=True)]


async def _picked(
    ctx: Context, group: GroupInfo, draft: TallyDraft, lines: list[Line], text: str
) -> list[Reply] | None:
    """The answer to "which of them?": the member's number in the tally (as listed there),
    or more of the name ("Ngọc Tâm", "Ngoc Tam lai 40k"); None when the text
    is none of these."""
    fits = [x for member in draft.choosing or [] for x in lines if x.customer_id == member]
    said = draft.choice
    number = re.fullmatch(r"(?:so\s*)?(\d{1,3})", fold(text).strip(" .!?"))
    if number is not None:
        n = int(number.group(1))
        if 1 <= n <= len(lines) and lines[n - 1] in fits:  # its number in the tally
            picked = lines[n - 1]
        elif len(fits) == len(lines):  # "whose payment?": read as any member's number
            return None
        else:  # none of them: said so, not just asked again
            asked = _which_one(fits, lines)
            numbers = ", ".join(str(lines.index(x) + 1) for x in fits)
            note = _("{n} is not one of {numbers}.").format(n=n, numbers=numbers)
            return [replace(asked, text=note + " " + asked.text)]
    else:
        named = find_named(text, fits)
        if named is None:
            return None
        if len(named.members) > 1:
            return await _ask_which(ctx, draft, lines, named.members, named.rest or said)
        picked, said = named.members[0], named.rest or said
    return await _answer_for(ctx, group, draft, lines, picked, said)


def _choice_dropped(draft: TallyDraft, lines: list[Line]) -> str | None:
    """What to say when another line is typed under "which of them?": what was said for
    one of them is not noted; None when nothing was said for them."""
    fits = [x for member in draft.choosing or [] for x in lines if x.customer_id == member]
    if not draft.choice or not fits:
        return None
    if len(fits) == len(lines):  # "who paid it?"
        return _("Not noted: “{said}” (it was not said who paid it).").format(said=draft.choice)
    return _("Not noted: “{said}” (it was not said which of {names} paid it).").format(
        said=draft.choice, names=", ".join(x.name for x in fits)
    )


async def _note(
    ctx: Context,
    group: GroupInfo,
    draft: TallyDraft,
    lines: list[Line],
    target: int,
    answer: tally_text.Answer,
) -> list[Reply]:
    updated = [tally.apply(x, answer) if x.customer_id == target else x for x in lines]
    draft = draft.noting(updated).confirmed(target)
    await save(ctx, draft)
    line = next(x for x in updated if x.customer_id == target)
    noted = render.noted(draft, updated, line)  # the running list; "xong" for the summary
    if not draft.closing:
        return [noted]
    expected = await tallies.expected_lines(ctx.conn, group)
    then = await _closing(ctx, group, draft, expected, TallyAction.SUMMARY)
    return _with_note(noted.text.split("\n")[0], then)  # the next echo set aside, or the summary


async def _confirming(
    ctx: Context, group: GroupInfo, draft: TallyDraft, lines: list[Line], action: TallyAction
) -> list[Reply]:
    """Yes or no to an amount echoed back: noted as read, or asked for again."""
    pending = draft.pending_answer
    line = _line_waiting(lines, pending)
    if pending is None or line is None:  # a stale button: nothing is waiting
        return [render.summary(group, draft, lines)]
    if action is TallyAction.AMOUNT_OK:
        return await _note(ctx, group, draft, lines, pending[0], pending[1])
    await save(ctx, draft.asking_again())
    return [_what_then(line, pending[1])]


def _what_then(line: Line, said_no_to: tally_text.Answer) -> Reply:
    """The member's amount asked again after a no to the echo of `said_no_to`."""
    return Reply(
        _(
            "What did {name} pay, then? Type only what was different, with its unit, e.g. "
            '"lãi 120k"; the rest stays as I read it: {what}.'
        ).format(name=line.name, what=", ".join(_said(said_no_to)))
    )


async def _split_chosen(
    ctx: Context, group: GroupInfo, draft: TallyDraft, lines: list[Line], action: TallyAction
) -> list[Reply]:
    """The leader said how the one amount divides: noted as that option showed it."""
    split = draft.split_amount
    line = _line_waiting(lines, split)
    if split is None or line is None:  # a stale button: nothing is waiting
        return [render.summary(group, draft, lines)]
    said = tally_text.Answer(interest=split[1], unnamed=True)
    readings = tally.paid_in_all(line, said)
    answer = readings[-1] if action is TallyAction.WITH_SAVINGS else readings[0]
    return await _note(ctx, group, draft, lines, line.customer_id, answer)


def _line_waiting(lines: list[Line], waiting: tuple[int, object] | None) -> Line | None:
    """The line of the member a waiting question is about (an echo's, a split's: the
    customer id first), or None when nothing waits or the member is no longer listed."""
    if waiting is None:
        return None
    return next((x for x in lines if x.customer_id == waiting[0]), None)


def _still_waiting(draft: TallyDraft, lines: list[Line]) -> list[Reply]:
    """The question still waiting for an answer (an echoed amount, or how one amount
    divides), asked again after a reply about something else; none when nothing waits."""
    echoed = draft.pending_answer
    line = _line_waiting(lines, echoed)
    if echoed is not None and line is not None:
        return [_is_that_right(line, echoed[1])]
    if draft.split_amount is not None:
        return _split_asked_again(draft, lines)
    return []


def _waiting(draft: TallyDraft, lines: list[Line]) -> list[Reply]:
    """Whatever one member's question is still waiting (an echo, how one amount divides, the
    amount asked again after a no, what a member paid), asked again."""
    waiting = _still_waiting(draft, lines)
    redo = draft.redo_answer
    redone = _line_waiting(lines, redo)
    if waiting or redo is None or redone is None:
        asked = next((x for x in lines if x.customer_id == draft.asking), None)
        return waiting or ([_what_did_they_pay(asked)] if asked is not None else [])
    return [_what_then(redone, redo[1])]


def _open_question(draft: TallyDraft, lines: list[Line]) -> list[Reply]:
    """The question about one member's amount still open (an echo, the amount asked again
    after a no to it, or how one amount divides), asked again under what is not noted yet;
    none when nothing is open."""
    echoed = draft.pending_answer
    line = _line_waiting(lines, echoed)
    redo = draft.redo_answer
    redone = _line_waiting(lines, redo)
    # A no to the echo of a member with nothing noted yet: passed over, they would count
    # as paid in full, which nobody said (a member noted before keeps that note).
    if echoed is None and redo is not None and redone is not None and not redone.changed:
        note = _("Not noted yet for {name}: you said {what} was not right.").format(
            name=redone.name, what=", ".join(_said(redo[1]))
        )
        asked = _what_then(redone, redo[1])
        skip = _("Or type “bỏ qua” to leave them as listed (paid in full).")
        return [replace(asked, text=note + "\n" + asked.text + "\n" + skip)]
    if echoed is not None and line is not None:
        what = ", ".join(_said(echoed[1]))
    else:
        split = draft.split_amount
        line = _line_waiting(lines, split)
        if split is None or line is None:
            return []
        what = format_money(split[1])
    [asked] = _still_waiting(draft, lines)
    note = _("Not noted yet for {name}: {what}.").format(name=line.name, what=what)
    return [replace(asked, text=note + "\n" + asked.text)]


def _split_set_aside(draft: TallyDraft, lines: list[Line], text: str) -> str | None:
    """What to say when a line for another member is typed under "is 300.000 đ the
    interest, or does it include savings?": that member's amount is not noted, and how to
    type it; None when the line is that member's own answer."""
    split = draft.split_amount
    line = _line_waiting(lines, split)
    if split is None or line is None:
        return None
    member = _MEMBER.match(fold(text))
    if member is not None and member.group(2).strip():
        n = int(member.group(1))
        if not 1 <= n <= len(lines) or lines[n - 1].customer_id == line.customer_id:
            return None
    else:
        named = find_named(text, lines)
        if named is None or line in named.members:
            return None
    both = tally.paid_in_all(line, tally_text.Answer(interest=split[1], unnamed=True))[-1]
    n, interest, savings = lines.index(line) + 1, both.interest or 0, both.savings or 0
    example = _("{n} interest {interest}k savings {savings}k").format(
        n=n, interest=interest // 1000, savings=savings // 1000
    )
    return _(
        "Not noted for {name}: {amount} (it was not said whether it was the interest only or "
        "included savings). Type that member again with each amount, e.g. “{example}”."
    ).format(name=line.name, amount=format_money(split[1]), example=example)


def _split_question(line: Line, amount: int) -> Reply:
    """ "Is {amount} the interest, or does it include savings?" with its two readings."""
    said = tally_text.Answer(interest=amount, unnamed=True)
    return _interest_or_savings(line, tally.paid_in_all(line, said))


def _split_asked_again(draft: TallyDraft, lines: list[Line]) -> list[Reply]:
    split = draft.split_amount
    line = _line_waiting(lines, split)
    if split is None or line is None:
        return _nothing_to_confirm(draft, lines)
    said = tally_text.Answer(interest=split[1], unnamed=True)
    asked = _split_question(line, split[1])
    how = _(
        "Choose 1 (interest only) or 2 (includes savings), or type each amount again, e.g. "
        "“{example}”."
    ).format(example=_each_amount(lines, line, said))
    return [replace(asked, text=asked.text + "\n" + how)]


async def _split_unclear(ctx: Context, draft: TallyDraft, lines: list[Line]) -> list[Reply]:
    """ "đúng", "không" under "is it the interest, or does it include savings?": neither
    answers it; said how to answer, each time in other words than the last."""
    split = draft.split_amount
    line = _line_waiting(lines, split)
    if split is None or line is None:
        return _nothing_to_confirm(draft, lines)
    said = tally_text.Answer(interest=split[1], unnamed=True)
    both = tally.paid_in_all(line, said)[-1]
    asked = _interest_or_savings(line, tally.paid_in_all(line, said))
    await save(ctx, replace(draft, split_reasked=draft.split_reasked + 1))
    options = dict(
        amount=format_money(split[1]),
        interest=format_money(both.interest or 0),
        savings=format_money(both.savings or 0),
        example=_each_amount(lines, line, said),
    )
    if draft.split_reasked % 2 == 0:
        text = _(
            "A yes or no does not tell me which. Was {amount} the interest only? Type 1 or "
            "“chỉ tiền lãi”. Did it include savings (interest {interest}, savings {savings})? "
            "Type 2 or “gồm cả tiết kiệm”."
        )
    else:
        text = _(
            "I still need to know which: type 1 (“chỉ tiền lãi”: {amount} interest) or 2 "
            "(“gồm cả tiết kiệm”: interest {interest}, savings {savings}), or each amount, "
            "e.g. “{example}”."
        )
    return [replace(asked, text=text.format(**options))]


def _each_amount(lines: list[Line], line: Line, said: tally_text.Answer) -> str:
    """ "3 lãi 158k gửi 42k": the member's line typed with each amount, as the savings
    reading would note it."""
    both = tally.paid_in_all(line, said)[-1]
    n, interest, savings = lines.index(line) + 1, both.interest or 0, both.savings or 0
    return f"{n} lãi {interest // 1000}k gửi {savings // 1000}k"


def _interest_or_savings(line: Line, readings: list[tally_text.Answer]) -> Reply:
    """ "Hồ Thị Kim Lan nộp 200.000 đ: 200.000 đ là tiền lãi hay gồm cả tiết kiệm?" with
    the two readings as options, each naming what it notes."""
    alone, both = readings[0], readings[-1]
    amount = format_money(alone.interest or 0)
    question = _(
        "{name} paid {amount} (interest due {due}). Is {amount} the interest, or does it "
        "include savings?"
    ).format(name=line.name, amount=amount, due=format_money(line.interest_due))
    return Reply(
        question,
        buttons=[
            [
                Button(
                    _("Interest only: {amount}").format(amount=amount),
                    TallyButton(TallyAction.INTEREST_ONLY).pack(),
                )
            ],
            [
                Button(
                    _("Includes savings: interest {interest}, savings {savings}").format(
                        interest=format_money(both.interest or 0),
                        savings=format_money(both.savings or 0),
                    ),
                    TallyButton(TallyAction.WITH_SAVINGS).pack(),
                )
            ],
        ],
    )


def _is_that_right(line: Line, answer: tally_text.Answer, kept: tuple[str, ...] = ()) -> Reply:
    """ "Hiểu là 120.000 đ tiền lãi cho Thạch Sơn, đúng không?" with Yes and No."""
    return Reply(
        _("I read {what} for {name}. Is that right?").format(
            what=", ".join(_said(answer, kept)), name=line.name
        ),
        buttons=_echo_buttons(answer),
    )


def _echo_buttons(answer: tally_text.Answer) -> list[list[Button]]:
    """Yes (with every amount it notes) and No under an amount echoed back."""
    amounts = [
        format_money(x)
        for x in (answer.interest, answer.savings, answer.principal_from_savings)
        if x is not None
    ]
    return [
        [
            Button(
                _("Confirm: {amount}").format(amount=", ".join(amounts) or format_money(0)),
                TallyButton(TallyAction.AMOUNT_OK).pack(),
            ),
            Button(_("Edit the amount"), TallyButton(TallyAction.AMOUNT_NO).pack()),
        ]
    ]


def _said(answer: tally_text.Answer, kept: tuple[str, ...] = ()) -> list[str]:
    """ "158.000 đ tiền lãi", "200.000 đ tiền gửi tiết kiệm": each amount of an answer; those
    in `kept` (not said, kept as the line has them) marked so."""
    said = []
    for field, amount, what in (
        ("interest", answer.interest, _("{amount} interest")),
        ("savings", answer.savings, _("{amount} savings")),
        ("principal", answer.principal_from_savings, _("{amount} principal from savings")),
    ):
        if amount is not None:
            text = what.format(amount=format_money(amount))
            said.append(_("{what} (unchanged)").format(what=text) if field in kept else text)
    return said


def _asks(text: str, lines: list[Line]) -> bool:
    """A question about a member ("chị Linh có quá hạn không", "so 8 co bi qua han ko",
    "sdt chu Sau"), never a payment line: its "không" is no "nothing paid"."""
    folded = fold(text)
    member = _MEMBER.match(folded)
    named = find_named(text, lines)
    said = named.rest if named is not None else member.group(2) if member else folded
    return tally_text.questions(text, said)


def _numbers_nobody(text: str, lines: list[Line]) -> bool:
    """A member's number not in the list, then what they paid ("7 vắng", "7 lãi 100k" in a
    group of 5); not an amount whose number goes on in its unit ("120 nghìn", "100 k")."""
    member = _MEMBER.match(fold(text))
    if member is None or 1 <= int(member.group(1)) <= len(lines):
        return False
    rest = member.group(2).strip()
    if not rest or not _answers(rest):
        return False
    whole = tally_text.first_amount(text)
    return not whole or whole == tally_text.first_amount(rest)


def _no_member(text: str) -> Reply:
    member = _MEMBER.match(fold(text))
    n = member.group(1) if member is not None else text
    return Reply(_("There is no member number {n} in this group.").format(n=n))


def _answers(text: str) -> bool:
    """The text is a member's answer the tally can read."""
    try:
        tally_text.parse_answer(text)
    except tally_text.NotUnderstood:
        return False
    return True


def _about_the_tally(text: str, lines: list[Line]) -> bool:
    """A member's number or name, an amount, or the tally's own words."""
    folded = fold(text)
    if _MEMBER.match(folded) or find_named(text, lines) is not None:
        return True
    if folded in _ALL_PAID_WORDS or folded in _SUMMARY_WORDS or folded.startswith(_RESUME_WORDS):
        return True
    try:
        tally_text.parse_answer(text)
    except tally_text.OverCap:
        return True
    except tally_text.NotUnderstood:
        return tally_text.parse_totals(text) is not None
    return True


def awaits_yes_or_no(dialog: Dialog) -> bool:
    """An amount was echoed back, or one amount's reading asked: "ừ", "không", "không, 102
    nghìn" and "gồm cả tiết kiệm" are the tally's to read before they are taken for the
    buttons' words."""
    opened = open_draft(dialog)
    if opened is None:
        return False
    draft = opened[0]
    return (
        draft.pending_answer is not None
        or draft.split_amount is not None
        or draft.all_but is not None
    )


# "vắng" alone, or "vang" typed without marks (which folds like "vâng", yes): in the tally it
# is a member's absence, never the yes to "Nộp bảng kê này?" or "Xóa bảng kê?".
_ABSENT_ALONE = re.compile(r"vang(?:\s+(?:a|nha|nhe|roi|mat|luon|het))*[\s.!]*")


def _absent_alone(text: str) -> bool:
    return "â" not in text.lower() and _ABSENT_ALONE.fullmatch(fold(text).strip()) is not None


def reads_first(ctx: Context, dialog: Dialog) -> bool:
    """The tally reads the message before the options' words do: an open yes-or-no, a
    correction with a line after it ("à nhầm, 6 đóng đủ rồi", whose "nhầm" is no Hủy),
    "vắng" alone (no "vâng"), or the list asked for ("xem danh sách": the draft's)."""
    text = ctx.inbound.text
    if awaits_yes_or_no(dialog) or _absent_alone(text) or asks_for_the_list(text):
        return True
    rest, correcting = corrections.strip(ctx.inbound.text)
    return (correcting and bool(rest)) or corrections.strip_no(ctx.inbound.text)[1]


def _nothing_to_confirm(draft: TallyDraft, lines: list[Line]) -> list[Reply]:
    """A yes ("đúng", "ừ") with no question open: what the leader can do next."""
    asked = next((x for x in lines if x.customer_id == draft.asking), None)
    if asked is not None:
        return [_what_did_they_pay(asked)]
    fits = [x for member in draft.choosing or [] for x in lines if x.customer_id == member]
    if 1 < len(fits) < len(lines):  # "which of them?" is still open
        return [_which_one(fits, lines)]
    return [
        Reply(
            _(
                "There is no question waiting for a yes. Type the next member who paid "
                "differently (e.g. “{example}”), or “xong” to see the summary."
            ).format(example=_("5 interest 100k savings 0")),
            buttons=render.running_buttons(),
            reads_numbers=True,
        )
    ]


def _which_one(fits: list[Line], lines: list[Line]) -> Reply:
    """Several members fit the name: list them with their numbers in the tally (the numbers
    the leader sees in the list, and the only ones that pick one of them) and ask which."""
    numbers = [lines.index(x) + 1 for x in fits]
    numbered = "; ".join(f"{n}. {x.name}" for n, x in zip(numbers, fits, strict=True))
    return Reply(
        _(
            "Several members fit that name: {members}. Which one? Type their number "
            "({numbers}), or more of the name."
        ).format(members=numbered, numbers=", ".join(str(n) for n in numbers)),
        reads_numbers=True,
    )


def _what_did_they_pay(line: Line) -> Reply:
    return Reply(
        _(
            "{name}: interest due {interest}, minimum savings {savings}. What did "
            'they pay? (e.g. "lãi 100k gửi 50k", "vắng", "đủ")'
        ).format(
            name=line.name,
            interest=format_money(line.interest_due),
            savings=format_money(line.min_savings),
        ),
        reads_numbers=True,  # "150" is 150.000 đ
    )
