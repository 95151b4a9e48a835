"""The personal-data notice (Nghị định 13/2023) a chat just linked to a household must agree to
before anything that uses people's data is done for it. The commune's transaction day is
not the household's data (it is posted at the transaction point): it is answered before
agreeing, the notice recalled under it (`handlers.borrower.transaction_day_before_consent`).

The whole notice is shown when the chat is linked, then again the first time each day it is
needed, or on request ("xem lại"); at every other turn one short line says what to do, with
the buttons. Declining unlinks the chat, so it is asked first, saying so; "thôi", "để sau"
leave things as they are (still linked, the notice can be agreed later).
"""

from __future__ import annotations

from bot.nlu import read_answer
from bot.nlu.normalize import tokens
from handlers.buttons import Consent, ConsentAnswer
from handlers.context import Context
from handlers.messages import Button, Kind, Reply
from handlers.render import type_this
from handlers.rules.consent_words import read_consent, read_yes
from handlers.rules.id_digits import links_by_phone, only_id_digits
from handlers.rules.pending_question import to_answer, worth_keeping
from handlers.rules.small_talk import acknowledgement, is_greeting
from locales.i18n import _
from storage import audit, links
from storage.links import NO_PENDING_QUESTION


def _notice_text(channel: str) -> str:
    """The notice says what this channel uses: the CCCD digits only where linking asks for
    them (by phone), and how to unlink in words the bot understands."""
    unlink = type_this(channel, _("unlink"), "huy")
    if not links_by_phone(channel):  # Zalo links by a code: no CCCD digits are typed
        return _(
            "Before showing your figures: the bot uses the bank's records about you (your "
            "name and phone number) and the bank's figures about your loans only to answer "
            "you, following Decree 13/2023/NĐ-CP on personal data. You can unlink at any "
            "time: type {words}."
        ).format(words=unlink)
    return _(
        "Before showing your figures: the bot uses your phone number, the last 4 digits "
        "of your CCCD and the bank's figures about your loans only to answer you, "
        "following Decree 13/2023/NĐ-CP on personal data. You can unlink at any time: "
        "type {words}."
    ).format(words=unlink)


def _answers(*, review: bool = False, later: bool = False) -> list[list[Button]]:
    rows = [
        [
            Button(_("Confirm: I agree"), Consent(ConsentAnswer.AGREE).pack()),
            Button(_("Cancel: I do not agree"), Consent(ConsentAnswer.DECLINE).pack()),
        ]
    ]
    if review:
        rows.append([Button(_("Read the notice again"), Consent(ConsentAnswer.REVIEW).pack())])
    if later:
        rows.append([Button(_("Later"), Consent(ConsentAnswer.LATER).pack())])
    return rows


def explained_last(options: tuple[tuple[str, str], ...]) -> bool:
    """The bot's last reply was the notice said plainly, or the short line after it (their
    options are the only ones with both agreeing and leaving it for later)."""
    shown = {found.answer for _label, data in options if (found := Consent.unpack(data))}
    return {ConsentAnswer.AGREE, ConsentAnswer.LATER} <= shown


def take_your_time() -> Reply:
    """Leaving the notice for later ("để sau", "để con hỏi bà cái đã"): one short line, with
    the buttons."""
    return Reply(
        _(
            "Take your time: the link stays as it is. When you are ready, press “Confirm: "
            "I agree” or type “I agree”."
        ),
        buttons=_answers(review=True),
    )


async def notice(ctx: Context) -> Reply:
    """The whole notice, with its buttons; when it was shown is kept."""
    await ctx.update_link(notice_shown_at=ctx.now)
    ctx.notice_shown = True
    return Reply(_notice_text(ctx.person.channel), buttons=_answers())


def short_prompt(lead: str | None = None, *, later: bool = False) -> Reply:
    """One line instead of the whole notice, with the buttons (and one to read it again;
    `later`, one to leave it for later, as under the notice said plainly)."""
    line = _(
        "You need to agree to the personal-data notice first; press “Confirm: I agree” or "
        "type “I agree”. To read the notice again, type “read again”."
    )
    return Reply(f"{lead}\n{line}" if lead else line, buttons=_answers(review=True, later=later))


def explained(channel: str) -> Reply:
    """The notice said plainly, for someone who did not follow it ("là sao, tôi ko hiểu"),
    with its buttons and one to leave it for later: what is used, for what, and how to
    answer."""
    if not links_by_phone(channel):
        return Reply(
            _(
                "Put simply: to answer you about your loan (balance, interest, savings, when "
                "to pay), the bot needs your permission to use the bank's records about you "
                "(your name and phone number) and the bank's figures about your loan. They "
                "are used for nothing else, and the assistant charges nothing. If you agree, "
                "press “Confirm: I agree” or type “đồng ý”; if not, type “không đồng ý”."
            ),
            buttons=_answers(later=True),
        )
    return Reply(
        _(
            "Put simply: to answer you about your loan (balance, interest, savings, when to "
            "pay), the bot needs your permission to use your phone number, the last 4 digits of "
            "your CCCD and the bank's figures about your loan. They are used for nothing else, "
            "and the assistant charges nothing. If you agree, press “Confirm: I agree” or type "
            "“đồng ý”; if not, type “không đồng ý”."
        ),
        buttons=_answers(later=True),
    )


async def prompt(ctx: Context) -> Reply:
    """What someone who has not agreed gets instead of an answer: the whole notice the first
    time each day, the short line otherwise. The question is kept, to answer once agreed."""
    await keep_question(ctx)
    shown = ctx.person.notice_shown_at
    # Shown for this very message ("dư nợ và lãi", two questions): the same answer to both.
    if ctx.notice_shown or shown is None or shown.astimezone(ctx.timezone).date() < ctx.today:
        return await notice(ctx)
    return short_prompt(later=explained_last(ctx.person.options))  # explained: still short


async def reminder(ctx: Context) -> Reply:
    """The notice recalled under something answered before agreeing (the commune's session
    day): in full the first time each day, else the short line; no question is kept, it was
    answered. Shown already for this very message, the short line."""
    shown = ctx.person.notice_shown_at
    if not ctx.notice_shown and (
        shown is None or shown.astimezone(ctx.timezone).date() < ctx.today
    ):
        return await notice(ctx)
    return short_prompt()


def answers_the_notice(text: str) -> bool:
    """Words that answer the notice or the bot rather than ask anything: a yes or a no in
    the person's own words ("bà đồng ý", "oke con", "không"), "thôi", a greeting or thanks,
    CCCD digits ("7414", "2 0 0 4"). Never kept to be answered after agreeing."""
    said = tokens(text)
    return (
        read_consent(text) is not None
        or read_yes(text)
        or read_answer(text) is not None
        or acknowledgement(text) is not None
        or is_greeting(text)
        or (said[:2] == ["cam", "on"] and len(said) <= 4)
        or only_id_digits(text)
    )


async def keep_question(ctx: Context) -> bool:
    """The typed question that got the notice (or, before linking, the way to link) instead
    of its answer, kept in the chat's link (a row: the next message may reach another
    worker); whether there was one to keep."""
    inbound = ctx.inbound
    if inbound.kind is not Kind.TEXT or not worth_keeping(
        inbound.text, inbound.command is not None
    ):
        return False
    if answers_the_notice(inbound.text):  # "ba dong y", "7414": an answer, not a question
        return False
    question = inbound.text.strip()
    person = ctx.person
    if to_answer(person.pending_question, person.pending_question_at, ctx.now) == question:
        return True  # kept already (the same question asked again)
    await links.set_link_fields(
        ctx.conn, ctx.person.link_id, pending_question=question, pending_question_at=ctx.now
    )
    return True


async def on_consent(ctx: Context, data: Consent) -> list[Reply]:
    """A pressed (or typed) answer to the notice, from a linked chat."""
    answer = data.answer
    if answer is ConsentAnswer.AGREE:
        return await _agree(ctx)
    if answer is ConsentAnswer.DECLINE:
        return [_ask_before_declining()]
    if answer is ConsentAnswer.DECLINE_CONFIRMED:
        await ctx.forget_chat()
        return [
            Reply(
                _(
                    "Understood: nothing is shown and this chat is no longer linked. Type "
                    "/start whenever you want to begin again."
                ),
                remove_menu=True,
            )
        ]
    if ctx.person.consented:  # an old notice's button, after agreeing
        if answer is ConsentAnswer.REVIEW:
            return [Reply(_notice_text(ctx.person.channel))]
        return [Reply(_("The link stays as it is."))]
    if answer is ConsentAnswer.REVIEW:
        return [await notice(ctx)]
    return [take_your_time()]


async def _agree(ctx: Context) -> list[Reply]:
    person = ctx.person
    question = to_answer(person.pending_question, person.pending_question_at, ctx.now)
    await ctx.update_link(consent_at=ctx.now, **NO_PENDING_QUESTION)  # answered once
    await audit.audit(ctx.conn, ctx.person, "consent", ctx.now)
    if question is not None and not person.consented:
        ctx.asked_before = question  # the router answers it under this line
        return [Reply(_("Thank you. You asked “{question}”:").format(question=question))]
    return [
        Reply(
            _(
                "Thank you. Ask me in your own words, for example “dư nợ còn bao "
                "nhiêu”, “lãi tháng này”, or choose from the menu below."
            ),
            show_menu=True,
        )
    ]


def _ask_before_declining() -> Reply:
    return Reply(
        _(
            "Without your agreement the bot cannot show you any figures (balance, interest, "
            "savings, due dates), and this chat will be unlinked. Unlink it now, or keep the "
            "link and agree later?"
        ),
        buttons=[
            [
                Button(
                    _("Confirm: I do not agree, unlink"),
                    Consent(ConsentAnswer.DECLINE_CONFIRMED).pack(),
                ),
                Button(_("Keep the link, later"), Consent(ConsentAnswer.LATER).pack()),
            ]
        ],
    )
