"""Proving who you are before any figures: own phone contact + last 4 CCCD digits, or a
one-time code from an officer, then the personal-data notice (`handlers.consent`); unlinking.

Only a channel whose app sends the person's own phone number (Telegram's contact button; the
console stands in for it) links by phone. Anywhere else (Zalo) a typed number proves nothing:
the chat links only with a one-time code, typed as `LIENKET CODE` or alone.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from bot.nlu import read_answer
from handlers import consent
from handlers.buttons import Unlink as UnlinkButton
from handlers.buttons import YesNo
from handlers.context import Context
from handlers.messages import Button, Reply
from handlers.render import type_this
from handlers.rules.consent_words import read_consent, read_yes
from handlers.rules.id_digits import (
    links_by_phone,
    only_id_digits,
    typed_last4,
    typed_whole_id,
)
from handlers.rules.pending_question import to_answer
from handlers.rules.small_talk import is_greeting
from handlers.typed_answers import cancels, yes_or_stop
from locales.i18n import _, ngettext
from storage import audit, dialogs, link_codes, links, lockouts
from storage.dialogs import Dialog
from storage.link_codes import CODE_ALPHABET, CODE_LENGTH
from storage.links import Role
from storage.values import normalise_phone

LINK_FLOW = "link"
CCCD_STEP = "cccd"
CCCD_TTL = timedelta(minutes=30)
_BARE_CODE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")


def looks_like_a_code(text: str) -> bool:
    """A message that is only a link code ("ABCD2345", any case)."""
    return bool(_BARE_CODE.fullmatch(text.strip().upper()))


def share_phone_label() -> str:
    return _("📱 Share my phone number")


def ask_to_link() -> Reply:
    return Reply(
        _(
            "To see your balance, interest and savings, please confirm who you are first: "
            "press “Share my phone number” below, then type the last 4 digits of your "
            "citizen ID (CCCD). If your phone number has changed, ask your credit officer "
            "for a link code and type: LIENKET followed by the code."
        ),
        request_phone=share_phone_label(),
    )


def ask_for_code() -> Reply:
    """Where the app cannot share a verified phone: how to get and use a link code."""
    return Reply(
        _(
            "To see your balance, interest and savings, this chat must first be linked with "
            "a one-time link code. Your credit officer hands it out on a slip at the commune "
            "transaction session, after checking your citizen ID (CCCD); your group leader "
            "can tell you when. Then type here: LIENKET followed by the code, for example "
            "LIENKET ABCD2345."
        )
    )


def link_prompt(channel: str) -> Reply:
    """How to link a chat on this channel: share the phone, or type a code."""
    return ask_to_link() if links_by_phone(channel) else ask_for_code()


async def link_first(ctx: Context) -> list[Reply]:
    """An unlinked chat asking for what only group leaders or credit officers do (a meeting,
    the tally, the group's status, a notice): the bot does not know who they are, so it does
    not say "only leaders"; it says how to link this chat on its channel, then to ask again."""
    who = _(
        "I do not know yet who you are, so I cannot tell whether you lead a group or are a "
        "credit officer. Please link this chat first, then ask again."
    )
    if links_by_phone(ctx.person.channel):
        how = _(
            "Press “Share my phone number” below, then type the last 4 digits of your "
            "citizen ID (CCCD). Or type LIENKET followed by the one-time link code your "
            "credit officer gave you (credit officers: the code from the bank)."
        )
        return [Reply(who + "\n" + how, request_phone=share_phone_label())]
    how = _(
        "Here a chat links with a one-time link code: type LIENKET followed by the code, for "
        "example LIENKET ABCD2345. Group leaders and households get the code on a slip from "
        "their credit officer at the commune transaction session; credit officers get theirs "
        "from the bank."
    )
    return [Reply(who + "\n" + how)]


async def ask_again_to_link(ctx: Context) -> list[Reply]:
    """Figures asked for before linking; when the phone was shared and the bot waits for the
    CCCD digits, it asks for those (not for the phone again). A typed question is kept and
    answered once the chat is linked and the notice agreed (`handlers.consent`)."""
    kept = await consent.keep_question(ctx)
    dialog = ctx.person.dialog
    if dialog is not None and dialog.step == CCCD_STEP:
        if kept:
            waiting = _(
                "Your phone number is received. First type the last 4 digits of your citizen "
                "ID (CCCD); once you agree to the personal-data notice, I will answer this "
                "question."
            )
        else:
            waiting = _(
                "Your phone number is received. To see your figures, first type the last 4 "
                "digits of your citizen ID (CCCD); then ask again."
            )
        return [Reply(waiting)]
    prompt = link_prompt(ctx.person.channel)
    if kept:
        lead = _(
            "I will answer this question as soon as this chat is linked and you agree to the "
            "personal-data notice."
        )
        prompt = replace(prompt, text=f"{lead}\n{prompt.text}")
    return [prompt]


async def _link_household(ctx: Context, customer_id: int) -> None:
    """The chat linked to the household; a question the guest asked before it is kept for
    the consent step, while fresh."""
    person = ctx.person
    asked = None
    if person.role is Role.GUEST:
        asked = to_answer(person.pending_question, person.pending_question_at, ctx.now)
    await ctx.link_to(customer_id=customer_id)
    if asked is not None:
        await ctx.update_link(
            pending_question=asked, pending_question_at=person.pending_question_at
        )


_BARE_DIGITS = re.compile(r"[\d\s.\-]+")


async def id_digits_unasked(ctx: Context) -> bool:
    """CCCD digits typed when none is asked for ("7414" on Zalo, out of habit; "2004" after
    unlinking): a guest's or a borrower's digits alone, or anyone's said to be the CCCD
    ("số cuối cccd 2004"); a leader's or an officer's bare number only when it is their own
    CCCD digits (a bare number may be a tally's amount)."""
    text = ctx.inbound.text
    if not only_id_digits(text):
        return False
    person = ctx.person
    if person.role in (Role.GUEST, Role.BORROWER) or not _BARE_DIGITS.fullmatch(text):
        return True
    if person.customer_id is None:
        return False
    stored = await links.id_last4_of(ctx.conn, [person.customer_id])
    return stored.get(person.customer_id) == typed_last4(text)


async def on_id_digits_unasked(ctx: Context) -> list[Reply]:
    """What CCCD digits typed when none is asked for get: linked, that they are not needed
    (with the notice's line while it waits); not linked, how this chat links. Never read as
    a question, nor kept as one."""
    person = ctx.person
    if person.linked:
        line = _("No need to type your CCCD digits now: this chat is already linked.")
        if not person.consented:
            return [consent.short_prompt(line)]
        ask = _("Ask me in your own words, or choose from the menu below.")
        return [Reply(f"{line} {ask}", show_menu=True)]
    if links_by_phone(person.channel):
        return [
            Reply(
                _(
                    "To link this chat, first press “Share my phone number” below; then I "
                    "will ask for the last 4 digits of your citizen ID (CCCD)."
                ),
                request_phone=share_phone_label(),
            )
        ]
    lead = _("Here no CCCD digits are needed: this chat links with a one-time link code.")
    code = ask_for_code()
    return [replace(code, text=f"{lead}\n{code.text}")]


async def start_linking(ctx: Context) -> list[Reply]:
    """ "đăng ký", "liên kết": the same as /start without a code."""
    return await start(ctx, "")


async def on_text(ctx: Context, dialog: Dialog) -> list[Reply] | None:
    """At the CCCD question: "hủy" stops, digits are the answer; anything else is answered
    as usual while the question waits."""
    text = ctx.inbound.text
    if cancels(text):
        await dialogs.clear_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id)
        return [Reply(_("Stopped. Type /start when you want to link again."))]
    if yes_or_stop(text):  # "dung": "đúng" or "dừng"? The question stays, saying how to stop
        return [_four_digits_please()]
    if any(ch.isdigit() for ch in text):
        return await on_cccd_digits(ctx, list(dialog.data["candidates"]))
    if is_greeting(text):  # "chào con": greeted back, the question kept
        return [Reply(_("Hello! Please type the last 4 digits of your citizen ID (CCCD)."))]
    if read_answer(text) is not None or read_consent(text) is not None or read_yes(text):
        # "ok", "không đồng ý", "thôi để sau", "bà đồng ý", "oke con": no digits yet
        return [_four_digits_please()]
    return None


async def start(ctx: Context, argument: str) -> list[Reply]:
    if argument:
        return await redeem_code(ctx, argument)
    if ctx.person.linked:
        if not ctx.person.consented:
            return [await consent.prompt(ctx)]
        return [
            Reply(
                _("Welcome back! Ask me anything, or choose from the menu below."),
                show_menu=True,
            )
        ]
    greeting = Reply(
        _(
            "Hello! I am the assistant of the Vietnam Bank for Social Policies for borrowers "
            "and savings-and-loan groups. I can tell you your balance, due dates, this "
            "month's interest, your savings and the commune transaction day."
        )
    )
    return [greeting, link_prompt(ctx.person.channel)]


_TYPED_PHONE = re.compile(r"^\s*(?:\+?84|0)[\d .-]{8,13}\s*$")


def looks_like_a_phone(text: str) -> bool:
    """A message that is only a phone number ("0912 345 678", "+84912345678")."""
    return bool(_TYPED_PHONE.match(text))


async def typed_phone(ctx: Context) -> list[Reply]:
    """A guest typed their number: typing proves nothing, the button (or a code) does."""
    if not links_by_phone(ctx.person.channel):
        return [
            Reply(
                _(
                    "A phone number typed in the chat cannot prove who you are, so this chat "
                    "is linked only with a one-time link code."
                )
            ),
            ask_for_code(),
        ]
    return [
        Reply(
            _(
                "Typing the number is not enough to prove it is yours. Please press the "
                "button below ({button}): the app sends your own number for you."
            ).format(button=share_phone_label()),
            request_phone=share_phone_label(),
        )
    ]


async def on_contact(ctx: Context) -> list[Reply]:
    inbound = ctx.inbound
    if not links_by_phone(ctx.person.channel):
        return [ask_for_code()]
    if inbound.contact_user_id is None or inbound.contact_user_id != inbound.user_id:
        return [
            Reply(
                _(
                    "Please share your own phone number with the button below, not "
                    "someone else's contact."
                ),
                request_phone=share_phone_label(),
            )
        ]
    try:
        phone = normalise_phone(inbound.contact_phone or "")
    except ValueError:
        return [Reply(_("This phone number is not a Vietnamese number I can look up."))]
    if ctx.person.linked:
        unlink = type_this(ctx.person.channel, _("unlink"), "huy")
        return [
            Reply(
                _(
                    "This chat is already linked. To link another person, type {words} first."
                ).format(words=unlink)
            )
        ]
    candidates = await links.customers_with_phone(ctx.conn, phone)
    if not candidates:
        return [
            Reply(
                _(
                    "This phone number is not in the bank's list of borrowers. Ask your group "
                    "leader or credit officer to update it, or for a link code (then type "
                    "LIENKET and the code)."
                )
            )
        ]
    until = await lockouts.locked_until(
        ctx.conn, ctx.person.channel, ctx.person.chat_id, candidates, ctx.now
    )
    if until is not None:
        return [_locked_reply(ctx, until)]
    await dialogs.set_dialog(
        ctx.conn,
        ctx.person.channel,
        ctx.person.chat_id,
        LINK_FLOW,
        CCCD_STEP,
        {"candidates": candidates},
        ctx.now,
        ttl=CCCD_TTL,
    )
    return [
        Reply(
            _("Thank you. Now type the last 4 digits of your citizen ID (CCCD)."), remove_menu=True
        )
    ]


def waiting_for(ctx: Context) -> Reply | None:
    """The question linking is waiting on (the CCCD digits), asked again; None when none."""
    dialog = ctx.person.dialog
    if dialog is None or dialog.flow != LINK_FLOW or dialog.step != CCCD_STEP:
        return None
    return Reply(_("Now type the last 4 digits of your citizen ID (CCCD)."))


def _four_digits_please() -> Reply:
    return Reply(
        _(
            "Please type exactly the last 4 digits of your CCCD, for example "
            "1234. To stop, type: hủy."
        )
    )


def _four_will_do() -> str:
    """Said after a whole ID was typed: the last 4 digits are enough."""
    return _("Next time, only the last 4 digits of your CCCD are needed.")


async def on_cccd_digits(ctx: Context, candidates: list[int]) -> list[Reply]:
    digits = typed_last4(ctx.inbound.text)
    if digits is None:
        return [_four_digits_please()]
    channel, chat_id = ctx.person.channel, ctx.person.chat_id
    until = await lockouts.locked_until(ctx.conn, channel, chat_id, candidates, ctx.now)
    if until is not None:
        await dialogs.clear_dialog(ctx.conn, channel, chat_id)
        return [_locked_reply(ctx, until)]
    last4 = await links.id_last4_of(ctx.conn, candidates)
    matching = [c for c, stored in last4.items() if stored == digits]
    if len(matching) == 1:
        customer_id = matching[0]
        await lockouts.record_success(ctx.conn, channel, chat_id, customer_id, ctx.now)
        await _link_household(ctx, customer_id)
        await dialogs.clear_dialog(ctx.conn, channel, chat_id)
        await audit.audit(ctx.conn, ctx.person, "link", ctx.now, subject=f"customer:{customer_id}")
        confirmed = _("Confirmed.")
        if typed_whole_id(ctx.inbound.text):
            confirmed = f"{confirmed} {_four_will_do()}"
        return [Reply(confirmed), await consent.notice(ctx)]
    failure = await lockouts.record_failure(ctx.conn, channel, chat_id, candidates, ctx.now)
    if failure.locked_until is not None:
        await dialogs.clear_dialog(ctx.conn, channel, chat_id)
        return [_locked_reply(ctx, failure.locked_until)]
    left = failure.tries_left
    retry = ngettext(
        "These digits do not match. You have {n} try left.",
        "These digits do not match. You have {n} tries left.",
        left,
    ).format(n=left)
    if typed_whole_id(ctx.inbound.text):
        retry = f"{retry} {_four_will_do()}"
    return [Reply(retry)]


async def redeem_code(ctx: Context, code: str) -> list[Reply]:
    channel, chat_id = ctx.person.channel, ctx.person.chat_id
    until = await lockouts.locked_until(ctx.conn, channel, chat_id, [], ctx.now)
    if until is not None:
        return [_locked_reply(ctx, until)]
    redeemed = await link_codes.redeem_link_code(ctx.conn, code, ctx.now)
    if redeemed is None:
        failure = await lockouts.record_failure(ctx.conn, channel, chat_id, [], ctx.now)
        if failure.locked_until is not None:
            return [_locked_reply(ctx, failure.locked_until)]
        return [_wrong_code()]
    customer_id, officer_id = redeemed
    if officer_id is not None:
        await ctx.link_to(officer_id=officer_id)
        await ctx.update_link(consent_at=ctx.now)
        await audit.audit(ctx.conn, ctx.person, "link", ctx.now, subject=f"officer:{officer_id}")
        return [
            Reply(
                _(
                    "Linked as a credit officer. You can follow the groups' tallies and "
                    "send notices to the communes you serve."
                ),
                show_menu=True,
            )
        ]
    if customer_id is None:  # a code row names nobody: treat it as a wrong code
        return [_wrong_code()]
    await _link_household(ctx, customer_id)
    await lockouts.record_success(ctx.conn, channel, chat_id, customer_id, ctx.now)
    await audit.audit(ctx.conn, ctx.person, "link", ctx.now, subject=f"customer:{customer_id}")
    return [Reply(_("Confirmed.")), await consent.notice(ctx)]


async def unlink(ctx: Context) -> list[Reply]:
    """ "/huy", "hủy liên kết": asks first; a slip must not cost the person their link."""
    if not ctx.person.linked:
        return [Reply(_("This chat is not linked to anyone; there is nothing to unlink."))]
    return [
        Reply(
            _(
                "Unlink this chat? The bot will stop answering about your figures here and "
                "forget this chat; you can link again later."
            ),
            buttons=[
                [
                    Button(_("Confirm unlinking"), UnlinkButton(YesNo.YES).pack()),
                    Button(_("Keep the link"), UnlinkButton(YesNo.NO).pack()),
                ]
            ],
        )
    ]


async def on_unlink(ctx: Context, data: UnlinkButton) -> list[Reply]:
    if data.answer is YesNo.NO:
        return [Reply(_("The link stays as it is."))]
    if not ctx.person.linked:
        return [Reply(_("This chat is not linked to anyone; there is nothing to unlink."))]
    return await unlink_now(ctx)


async def unlink_now(ctx: Context) -> list[Reply]:
    """The link, its dialog and what the bot kept about the chat are deleted."""
    await audit.audit(ctx.conn, ctx.person, "unlink", ctx.now)
    await ctx.forget_chat()
    return [
        Reply(
            _(
                "This chat is unlinked and what the bot kept about it is deleted. Type "
                "/start to begin again."
            ),
            remove_menu=True,
        )
    ]


def _wrong_code() -> Reply:
    return Reply(
        _(
            "This link code is wrong, already used or expired. Ask your credit "
            "officer for a new one."
        )
    )


def _locked_reply(ctx: Context, until_utc: datetime) -> Reply:
    local = until_utc.astimezone(ctx.timezone)
    return Reply(
        _(
            "Too many wrong tries: linking is locked until {time} on {date}. If you need help, "
            "contact your group leader or credit officer."
        ).format(time=local.strftime("%H:%M"), date=local.strftime("%d/%m/%Y"))
    )
