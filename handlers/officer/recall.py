"""An officer asking to take back a notice ("thu hồi thông báo số 1, gửi nhầm", "hủy thông
báo vừa gửi", "recall notice 2"): a copy that reached a chat cannot be taken back, so the
answer says so, and how to send a correction; the copies still waiting in the outbox (at
night, or while it sends) can be stopped with a button (`stop`)."""

from __future__ import annotations

import re

from handlers.buttons import BroadcastAction, BroadcastButton
from handlers.context import Context
from handlers.messages import Button, Reply, Role
from handlers.officer.broadcast_words import asks_to_send, read_request
from locales.i18n import _, ngettext
from locales.textfold import fold
from storage import audit, broadcasts

_NOTICE_WORDS = r"(?:thong bao|tb|tin nhan|tin|notice|message|broadcast|announcement)"
# "thu hồi thông báo", "rút lại cái tb", "recall the notice": taking back, the notice named
# right after it.
_TAKE_BACK = re.compile(
    r"\b(?:thu hoi|rut lai|lay lai|go bo|go|xoa|huy|dung gui|ngung gui|dung|ngung)\s+"
    r"(?:lai\s+)?(?:cai\s+|cac\s+)?" + _NOTICE_WORDS + r"\b|"
    r"\b(?:recall|unsend|retract|take back|withdraw|delete|stop sending|cancel)\s+"
    r"(?:the\s+|my\s+|that\s+)?(?:last\s+)?" + _NOTICE_WORDS + r"\b"
)
_NOTICE = re.compile(rf"\b{_NOTICE_WORDS}\b")
_MISTAKE = re.compile(
    r"\b(?:gui nham|gui sai|gui lon|nham roi|sent by mistake|by mistake|sent the wrong)\b"
)
_NUMBER = re.compile(r"(?:#|\b(?:so|number|no)\s*)(\d{1,9})\b")
_DRAFT = re.compile(r"\b(?:nay|dang soan|ban nhap|draft)\b")


def asks_to_recall(text: str) -> bool:
    """ "thu hồi thông báo số 1", "thông báo số 2 gửi nhầm rồi, rút lại", "recall notice 1"."""
    folded = " ".join(fold(text).replace(",", " ").split())
    if not _NOTICE.search(folded) or _DRAFT.search(folded) or ":" in folded:
        return False  # a notice's text is no recall, whatever it says
    if asks_to_send(text) or read_request(text).kind is not None:
        return False
    return bool(_TAKE_BACK.search(folded) or _MISTAKE.search(folded))


def _number(text: str) -> int | None:
    found = _NUMBER.search(fold(text))
    return int(found.group(1)) if found else None


async def answer(ctx: Context) -> list[Reply] | None:
    """The answer to an officer's recall, or None when the text asks none (or no officer)."""
    if ctx.person.role is not Role.OFFICER or ctx.person.officer_id is None:
        return None
    text = ctx.inbound.text
    if not asks_to_recall(text):
        return None
    officer_id = ctx.person.officer_id
    number = _number(text)
    if number is not None:
        sent = await broadcasts.owned(ctx.conn, officer_id, number)
        if sent is None:
            return [Reply(_("You sent no notice #{id}.").format(id=number) + " " + _how())]
    else:
        latest = await broadcasts.recent(ctx.conn, officer_id, 1)
        if not latest:
            return [Reply(_("You have sent no notice yet, so there is none to take back."))]
        sent = latest[0]
    shown = sent.text if len(sent.text) <= 60 else sent.text[:59] + "…"
    waiting = await broadcasts.waiting_copies(ctx.conn, sent.id)
    await audit.audit(ctx.conn, ctx.person, "broadcast_recall", ctx.now, subject=str(sent.id))
    said = _(
        "Notice #{id} (“{text}”): a message that reached a chat cannot be taken back (the "
        "bot cannot delete it from people's phones)."
    ).format(id=sent.id, text=shown)
    if not waiting:
        return [Reply(said + " " + _how())]
    stop = ngettext(
        "{count} copy is not sent yet: it can still be stopped.",
        "{count} copies are not sent yet: they can still be stopped.",
        waiting,
    ).format(count=waiting)
    button = Button(
        _("Stop sending the rest"), BroadcastButton(BroadcastAction.STOP, sent.id).pack()
    )
    return [Reply(said + " " + stop + " " + _how(), buttons=[[button]])]


def _how() -> str:
    return _(
        "To correct it, send a new notice to the same people, e.g. “gửi thông báo cho xã …: "
        "Đính chính: …”."
    )


async def stop(ctx: Context, broadcast_id: int | None) -> list[Reply]:
    """The Stop button: the copies of the officer's notice not sent yet are cancelled."""
    officer_id = ctx.person.officer_id
    sent = (
        await broadcasts.owned(ctx.conn, officer_id, broadcast_id)
        if officer_id is not None and broadcast_id is not None
        else None
    )
    if sent is None:
        return [Reply(_("That notice is not yours, or no longer exists."))]
    stopped = await broadcasts.stop_waiting(ctx.conn, sent.id)
    await audit.audit(ctx.conn, ctx.person, "broadcast_stop", ctx.now, subject=str(sent.id))
    if not stopped:
        return [Reply(_("Every copy of notice #{id} had already been sent.").format(id=sent.id))]
    return [
        Reply(
            ngettext(
                "Stopped {count} copy of notice #{id} that was not sent yet; the ones sent "
                "stay sent.",
                "Stopped {count} copies of notice #{id} that were not sent yet; the ones sent "
                "stay sent.",
                stopped,
            ).format(count=stopped, id=sent.id)
            + " "
            + _how()
        )
    ]
