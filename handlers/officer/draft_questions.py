"""What an officer types while a notice is being written that is no part of it: a question
to the bot ("tình hình bảng kê", "hộ nào quá hạn ở xã Đại Tâm", "who is overdue in Thanh
Phu", "how is my last notice going", "hướng dẫn"), answered as outside the draft while the
draft waits; and a correction ("sửa lại 14h chứ không phải 8h") typed with no notice open,
told there is nothing to correct (or that a notice just sent cannot be changed), never a
leader's refusal."""

from __future__ import annotations

from datetime import date

from bot.nlu import understand
from handlers.context import Context
from handlers.messages import Reply, Role
from handlers.officer.broadcast_words import asks_progress, progress_of
from handlers.rules.notice_edit import asks_to_edit
from handlers.rules.notice_text import english_question, reads_as_question
from handlers.rules.notices import just_sent
from handlers.rules.officer_questions import asks_data_date, asks_how_to_load
from handlers.rules.overdue import asks_which_are_overdue, says_qh
from locales.i18n import _
from storage import broadcasts

HELP_WORDS = 4  # "hướng dẫn", "giúp tôi với": a short line the model reads as help
SURE_HELP = 0.8
QH_WORDS = 6  # "ds hộ QH xã Đại Tâm": a line this short with "QH" is a question


def asks_the_bot(text: str, today: date) -> bool:
    """A question to the bot typed where a notice's audience, text or go-ahead is awaited:
    question words and another intent, a progress question (of the tallies or the
    notices), who is overdue, the data's date, how to load a file, an English question, or
    a short call for help. A statement is the notice's text, whatever it talks about."""
    if progress_of(text) is not None or asks_progress(text) or asks_which_are_overdue(text):
        return True
    if says_qh(text) and ":" not in text and len(text.split()) <= QH_WORDS:
        return True  # "QH xã ĐT": the officers' shorthand asks who is overdue there
    if asks_data_date(text) or asks_how_to_load(text):
        return True
    understood = understand(text, today)
    if reads_as_question(text, understood.intent):
        return True
    if english_question(text) and understood.intent != "broadcast":
        return True
    return (
        understood.intent == "help"
        and understood.confidence >= SURE_HELP
        and len(text.split()) <= HELP_WORDS
    )


async def edit_without_notice(ctx: Context, *, open_draft: bool) -> list[Reply] | None:
    """An officer's "sửa lại 14h chứ không phải 8h" with no notice draft open: none to
    change, how to start one; or, just after one was sent, that it cannot be changed and
    how to send a correction. None: not an officer's correction with nothing open."""
    if ctx.person.role is not Role.OFFICER or open_draft or not asks_to_edit(ctx.inbound.text):
        return None
    officer_id = ctx.person.officer_id
    latest = await broadcasts.recent(ctx.conn, officer_id, 1) if officer_id else []
    if latest and just_sent(latest[0].created_at, now=ctx.now):
        shown = latest[0].text if len(latest[0].text) <= 60 else latest[0].text[:59] + "…"
        return [
            Reply(
                _(
                    "Notice #{id} (“{text}”) was already sent, so it cannot be changed. To "
                    "correct it, send a new notice to the same people, e.g. “gửi thông báo "
                    "cho xã …: Đính chính: …”."
                ).format(id=latest[0].id, text=shown)
            )
        ]
    return [
        Reply(
            _(
                "There is no notice draft to change. To write one, type “gửi thông báo”, "
                "or in one message: “gửi thông báo cho xã …: …”."
            )
        )
    ]
