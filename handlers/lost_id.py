"""A lost ID card (CCCD): whom to ask (the credit officer, by name and phone, or the
commune transaction point) and what it means for the chat (the link stays; the last 4
digits are asked only when a chat is linked; an officer's one-time code links without
them). The rule that reads the words: handlers/rules/lost_id.py."""

from __future__ import annotations

from handlers.borrower import officer_lines
from handlers.context import Context
from handlers.messages import Reply
from locales.i18n import _
from storage.borrowers import Household


def _whom_to_ask() -> str:
    return _(
        "If you lost your ID card (CCCD), ask your credit officer or the commune transaction "
        "point what to do about your loans and savings with the bank."
    )


def _link_stays() -> str:
    return _(
        "This chat stays linked: you can go on asking here as before. The last 4 digits of "
        "the CCCD are asked only when a chat is linked."
    )


async def for_household(ctx: Context, household: Household) -> list[Reply]:
    lines = [_whom_to_ask(), *await officer_lines(ctx, household), _link_stays()]
    return [Reply("\n".join(lines))]


async def for_anyone(ctx: Context) -> list[Reply]:
    """An officer (linked, no household) or a chat not linked yet."""
    if ctx.person.linked:
        return [Reply("\n".join([_whom_to_ask(), _link_stays()]))]
    linking = _(
        "To link this chat, the last 4 digits of the CCCD number are asked only once; if you "
        "do not have them, your credit officer can give you a one-time link code to type here."
    )
    return [Reply("\n".join([_whom_to_ask(), linking]))]
