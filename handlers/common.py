"""Answers for everyone: help, thanks, not understood, language, reminder switches,
programme information (policy, never personal figures) and features by role.
"""

from __future__ import annotations

import re

from handlers import consent, linking
from handlers.buttons import Ask, Language
from handlers.context import Context
from handlers.messages import Button, Kind, Reply, Role
from handlers.programmes import programme_name
from handlers.render import type_this
from handlers.rules.language import language_argument, named_language
from handlers.rules.unlink_words import clearly_asks_to_unlink
from handlers.typed_answers import act_word
from locales.formatting import format_money, format_rate
from locales.i18n import N_, _, current_locale, use_locale
from storage import audiences, borrowers, outbox

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}


def _what_i_do(role: Role, commune: str = "Đại Tâm", channel: str = "telegram") -> str:
    """What the person can ask; an officer's examples name one of their communes."""
    lines = [_("You can ask me, in your own words, with or without diacritics:")]
    if role is Role.OFFICER:
        lines += [
            _(
                "• “dư nợ xã {commune}” — the commune's outstanding loans, by group (DN for short)"
            ).format(commune=commune),
            _("• “ai quá hạn ở xã {commune}” — the overdue households, by group").format(
                commune=commune
            ),
            _("• “tiết kiệm xã {commune}” — the members' savings, by group").format(
                commune=commune
            ),
            _("• “tình hình bảng kê” — which groups submitted their tally, with the 13/TD file"),
            _("• “xuất bảng kê” — the submitted tallies as a file, and how to export a month"),
            _("• “gửi thông báo” or /thongbao — a notice to a commune, a group or the leaders"),
            _("• send the bank's .xlsx or .csv export as a file — it is imported"),
            _("• “vay hộ cận nghèo tối đa bao nhiêu” — loan programmes"),
        ]
        return "\n".join(lines)
    lines += [
        _("• “dư nợ còn bao nhiêu” — your outstanding balance"),
        _("• “khi nào đến hạn” — next installment and final due date"),
        _("• “lãi tháng này” — this month's interest"),
        _("• “tiền tiết kiệm” — your savings"),
        _("• “ngày giao dịch” — the commune transaction day"),
        _("• “vay hộ cận nghèo tối đa bao nhiêu” — loan programmes"),
        _("• “số điện thoại tổ trưởng” — whom to contact"),
    ]
    if role is Role.LEADER:
        lines += [
            _("• “tình hình tổ” — who owes interest in your group"),
            _("• “nộp bảng kê” — submit the collection tally (13/TD)"),
            _("• “họp tổ thứ Bảy 19h ở nhà văn hóa” — call a group meeting"),
            _("• “ai chưa trả lời họp” — who is coming"),
        ]
    if role is Role.GUEST:
        lines.append(_("First, link your account: /start"))
    if channel == "telegram":
        lines.append(
            _(
                "Other commands: /huy to unlink, /ngonngu to change language, /nhacnho "
                "to switch reminders on or off."
            )
        )
    else:  # where commands are unusual: the words the bot understands
        lines.append(
            _(
                "Also: type “{unlink}” to unlink, “{language}” to change language, “{off}” "
                "or “{on}” to switch reminders off or on."
            ).format(
                unlink=_("unlink"),
                language=_("language"),
                off=_("turn off reminders"),
                on=_("turn on reminders"),
            )
        )
    return "\n".join(lines)


async def help_(ctx: Context) -> list[Reply]:
    if ctx.person.role is Role.OFFICER:
        places = await audiences.communes_in_scope(ctx.conn, ctx.person.officer_id)
        if places:
            what = _what_i_do(ctx.person.role, places[0].name, ctx.person.channel)
            return [Reply(what, show_menu=True)]
    return [Reply(_what_i_do(ctx.person.role, channel=ctx.person.channel), show_menu=True)]


async def acknowledged(ctx: Context, locale: str) -> list[Reply]:
    """ "ok", "đúng", "thôi", "👍" with nothing open: a short friendly line, no menu; in
    Vietnamese for a Vietnamese word (handlers/rules/small_talk.py)."""
    with use_locale(locale or current_locale()):
        return [Reply(_("All right. Ask me any time."))]


async def goodbye(ctx: Context) -> list[Reply]:
    """ "tạm biệt con", "bai bai", "thôi tui nghỉ nghen" with nothing open: a short goodbye,
    no menu (handlers/rules/small_talk.py)."""
    return [Reply(_("Goodbye! Write to me whenever you need."))]


async def thanks(ctx: Context) -> list[Reply]:
    return [Reply(_("You're welcome! Ask me again any time."))]


# What each intent is called when the bot asks "did you mean A or B?".
INTENT_LABELS: dict[str, str] = {
    "balance": N_("Balance"),
    "due_date": N_("Due dates"),
    "interest": N_("This month's interest"),
    "savings": N_("Savings"),
    "transaction_day": N_("Transaction day"),
    "contact_officer": N_("Contacts"),
    "program_info": N_("Loan programmes"),
    "tally_submit": N_("Submit tally"),
    "group_status": N_("Group status"),
    "broadcast": N_("Send a notice"),
    "meeting_schedule": N_("Group meetings"),
    "link_account": N_("Link my account"),
    "unlink": N_("Unlink this chat"),
    "reminders_off": N_("Stop reminders"),
    "reminders_on": N_("Turn reminders on"),
    "language": N_("Language"),
    "help": N_("Help"),
}


# A household's own figures: an officer, who has none, is never asked about them.
_HOUSEHOLDS_OWN = frozenset(
    {"balance", "due_date", "interest", "savings", "transaction_day", "contact_officer"}
)


# Who can do what the question offers; an intent not named here is for anyone. A guest,
# not yet known (maybe a leader or an officer about to link), may be offered each: the
# answer then asks them to link.
_OFFERED_TO: dict[str, frozenset[Role]] = {
    "broadcast": frozenset({Role.OFFICER, Role.GUEST}),
    "tally_submit": frozenset({Role.LEADER, Role.GUEST}),
    "group_status": frozenset({Role.LEADER, Role.OFFICER, Role.GUEST}),
    **dict.fromkeys(_HOUSEHOLDS_OWN, frozenset({Role.BORROWER, Role.LEADER, Role.GUEST})),
}


def offered_to(intent: str, role: Role) -> bool:
    """Whether a clarifying question may offer `intent` to a person of `role`."""
    return role in _OFFERED_TO.get(intent, frozenset(Role))


def _did_you_mean(ctx: Context) -> Reply | None:
    """Unsure between two things: ask which, rather than guess or show the whole menu; only
    what this person can do is offered ("Gửi thông báo" is an officer's)."""
    understood = ctx.understanding
    two = [i for i in (understood.alternatives if understood else ()) if i in INTENT_LABELS]
    two = [i for i in two if offered_to(i, ctx.person.role)]
    if len(two) < 2:
        return None
    first, second = (_(INTENT_LABELS[i]) for i in two[:2])
    return Reply(
        _("Did you mean {first} or {second}?").format(first=first, second=second),
        buttons=[[Button(first, Ask(two[0]).pack()), Button(second, Ask(two[1]).pack())]],
    )


async def unknown(ctx: Context) -> list[Reply]:
    nothing_open = _nothing_open(ctx)
    if nothing_open is not None:
        return [nothing_open]
    asked = _did_you_mean(ctx)
    if asked is not None:
        return [asked]
    if ctx.person.role is Role.OFFICER:
        choices = [
            [
                Button(_("Tally status"), Ask("group_status").pack()),
                Button(_("Send a notice"), Ask("broadcast").pack()),
            ]
        ]
        return [
            Reply(
                _(
                    "Sorry, I did not understand that. Here is what I can answer; choose one or "
                    "ask again in other words."
                ),
                buttons=choices,
            )
        ]
    choices = [
        [
            Button(_("Balance"), Ask("balance").pack()),
            Button(_("Due dates"), Ask("due_date").pack()),
        ],
        [
            Button(_("This month's interest"), Ask("interest").pack()),
            Button(_("Savings"), Ask("savings").pack()),
        ],
        [
            Button(_("Transaction day"), Ask("transaction_day").pack()),
            Button(_("Contacts"), Ask("contact_officer").pack()),
        ],
    ]
    return [
        Reply(
            _(
                "Sorry, I did not understand that. Here is what I can answer; choose one or "
                "ask again in other words."
            ),
            buttons=choices,
        )
    ]


def nothing_to_confirm() -> Reply:
    """ "đồng ý", "bà đồng ý nha" with nothing shown to confirm: said so, with the menu."""
    return Reply(
        _("Nothing is waiting for your confirmation now.")
        + " "
        + _("Ask me in your own words, or choose from the menu below."),
        show_menu=True,
    )


def _nothing_open(ctx: Context) -> Reply | None:
    """ "đồng ý", "ok", a bare "hủy" with nothing shown to confirm or cancel: said so, with
    the menu of what the person can do."""
    if ctx.inbound.kind is not Kind.TEXT:
        return None
    act = act_word(ctx.inbound.text)
    if act == "affirm":
        return nothing_to_confirm()
    if act != "cancel":
        return None
    return Reply(
        _("There is nothing open to cancel.")
        + " "
        + _("Ask me in your own words, or choose from the menu below."),
        show_menu=True,
    )


async def unlink_if_asked(ctx: Context) -> list[Reply]:
    """The "unlink this chat?" question only for a clear request: the command, a pressed
    button, or words that name the link, the account or stopping ("hủy liên kết", "xóa tài
    khoản", "không xài nữa"). A "thôi" the intent model read as unlink is not one."""
    inbound = ctx.inbound
    if (
        inbound.command is not None
        or inbound.kind is Kind.BUTTON
        or clearly_asks_to_unlink(inbound.text)
    ):
        return await linking.unlink(ctx)
    ctx.understanding = None  # no "did you mean: unlink?" either
    return await unknown(ctx)


async def nothing_to_choose(ctx: Context) -> list[Reply]:
    """A bare number ("1", "7") that picks none of the options in effect: where options are
    shown numbered (the console, Zalo), which numbers are valid, with the options again (so
    a slip does not lose the question); with none in effect, the menu."""
    shown = ctx.person.options
    if not shown:
        text = _(
            "There is no question open for a number to answer. Ask me in your own words, or "
            "choose from the menu below."
        )
        return [Reply(text, show_menu=True)]
    again = [[Button(label, data)] for label, data in shown]
    if not ctx.inbound.numbered_options:
        text = _(
            "That number is not one of the options shown. Choose one of them, or ask me in "
            "your own words."
        )
    elif len(shown) == 1:
        text = _("That number is not one of the options: type 1, or the option's words.")
    elif len(shown) == 2:
        text = _("That number is not one of the options: type 1 or 2, or the option's words.")
    else:
        text = _(
            "That number is not one of the options: type a number from 1 to {last}, or the "
            "option's words."
        ).format(last=len(shown))
    return [Reply(text, buttons=again)]


async def language(ctx: Context) -> list[Reply]:
    """The choice of languages; a request that names one ("nói tiếng Việt đi con", "speak
    english pls") switches to it at once and says how to switch back."""
    named = named_language(ctx.inbound.text) if ctx.inbound.kind is Kind.TEXT else None
    if named is not None and ctx.inbound.command is None:
        replies = await set_language(ctx, Language(named))
        with use_locale(named):
            to_choose = type_this(ctx.person.channel, _("language"), "ngonngu")
            replies[0].text += " " + _("To choose another language, type {words}.").format(
                words=to_choose
            )
        return replies
    return [
        Reply(
            _("Choose your language:"),
            buttons=[[Button(name, Language(code).pack()) for code, name in LANGUAGES.items()]],
        )
    ]


async def language_command(ctx: Context, argument: str) -> list[Reply]:
    """ "/ngonngu en", "/language vi", "/lang english": that language at once; the command
    alone (or with no language after it) shows the choice."""
    named = language_argument(argument)
    if named is not None:
        return await set_language(ctx, Language(named))
    return await language(ctx)


async def set_language(ctx: Context, data: Language) -> list[Reply]:
    code = data.code
    if code not in LANGUAGES:
        return await language(ctx)
    await ctx.update_link(locale=code, locale_chosen_at=ctx.now)  # chosen: it always wins
    ctx.language_chosen = True
    with use_locale(code):
        if ctx.person.linked and not ctx.person.consented:
            # Not agreed yet: the notice again, whole, now in the language they can read
            # (counted as shown today: a question after it gets the short line).
            return [Reply(_("Language set to English.")), await consent.notice(ctx)]
        waiting = linking.waiting_for(ctx)
        if waiting is not None:  # the CCCD digits still asked for: asked again, in it
            return [Reply(_("Language set to English.")), waiting]
        return [Reply(_("Language set to English."), show_menu=True)]


def language_hint(channel: str) -> str:
    """Said once, to a chat answered in English because it wrote in English."""
    return _(
        "I answered in English because you wrote in English. To choose the language "
        "yourself, type {words}."
    ).format(words=type_this(channel, _("language"), "ngonngu"))


async def reminders_on(ctx: Context) -> list[Reply]:
    return await reminders(ctx, True)


async def reminders_off(ctx: Context) -> list[Reply]:
    return await reminders(ctx, False)


async def reminders(ctx: Context, enabled: bool) -> list[Reply]:
    await ctx.update_link(reminders_enabled=enabled)
    if not enabled:  # what is already queued stops too
        await outbox.cancel_waiting(
            ctx.conn, ctx.person.channel, ctx.person.chat_id, reminders_only=True
        )
    if enabled and not ctx.person.consented:  # none is sent before the notice is agreed
        return [
            consent.short_prompt(
                _("Reminders will start once you agree to the personal-data notice.")
            )
        ]
    if enabled:
        return [
            Reply(
                _(
                    "Reminders are on: I will remind you before the transaction day and "
                    "before an installment is due."
                )
            )
        ]
    again = type_this(ctx.person.channel, _("turn on reminders"), "nhacnho")
    return [
        Reply(_("Reminders are off. To switch them on again, type {words}.").format(words=again))
    ]


async def toggle_reminders(ctx: Context) -> list[Reply]:
    return await reminders(ctx, not ctx.person.reminders_enabled)


async def program_info(ctx: Context) -> list[Reply]:
    programmes = await borrowers.all_programmes(ctx.conn)
    named = set(ctx.understanding.programmes) if ctx.understanding else set()
    chosen = [p for p in programmes if p.code in named]
    if not chosen:
        lines = [_("The bank lends through these programmes (monthly rate):")]
        for p in programmes:
            rate = (
                format_rate(p.rate_ppm)
                if p.rate_ppm is not None
                else _("rate set for each loan (ask your credit officer)")
            )
            lines.append(f"• {programme_name(p.code, p.name)}: {rate}")
        lines.append(_("Ask about one of them, for example “vay hộ cận nghèo tối đa bao nhiêu”."))
        lines.append(how_to_apply())
        return [Reply("\n".join(lines))]
    lines = []
    for p in chosen:
        lines.append(f"{programme_name(p.code, p.name)}:")
        note = _tidy_note(p.note) if p.note and current_locale() == "vi" else None
        on_rate = note is not None and _ON_RATE.match(note) is not None
        if p.rate_ppm is not None:
            rate_line = _("• interest rate {rate}").format(rate=format_rate(p.rate_ppm))
            if on_rate:  # "0,275%/tháng ở các huyện nghèo 30a": another rate, said beside
                rate_line += f" ({note})"
            lines.append(rate_line)
        if p.cap:
            lines.append(_("• up to {amount} per household").format(amount=format_money(p.cap)))
        if p.max_term_months:
            lines.append(_("• term up to {months} months").format(months=p.max_term_months))
        if note is not None and not (on_rate and p.rate_ppm is not None):
            lines.append(f"• {note}")  # the bank's notes are in Vietnamese
        if p.legal_basis:
            lines.append(_("• basis: {basis}").format(basis=p.legal_basis))
    lines.append(how_to_apply())
    return [Reply("\n".join(lines))]


# A programme's note that gives another rate ("0,275 %/tháng ở các huyện nghèo 30a").
_ON_RATE = re.compile(r"^\d+(?:[.,]\d+)?%")


def _tidy_note(note: str) -> str:
    """The bank's note as written, without a space before "%" ("0,275 %" → "0,275%")."""
    return re.sub(r"(\d)\s+%", r"\1%", note.strip())


def how_to_apply() -> str:
    return _(
        "To apply, register with your savings-and-loan group leader; the group "
        "reviews the request, then the commune confirms it. Rates and caps can "
        "change: the credit officer at the commune transaction point has the "
        "latest figures."
    )


async def media(ctx: Context) -> list[Reply]:
    return [Reply(_("I can only read text messages. Please type your question."))]


async def edited(ctx: Context) -> list[Reply]:
    """An edit of a message sent earlier: it is not read again, the person is asked to send
    it anew (answering edits would act twice on one message, or on an old dialog step)."""
    return [
        Reply(
            _(
                "I do not read changes to a message already sent. Please send it again as a "
                "new message."
            )
        )
    ]


def only_in_private(link: str | None) -> Reply:
    """The one line a group hears: figures, linking and consent are for a private chat."""
    if link:
        return Reply(
            _(
                "To keep your figures private I only answer in a private chat. Please write "
                "to me there: {link}"
            ).format(link=link)
        )
    return Reply(
        _("To keep your figures private I only answer in a private chat. Please write to me there.")
    )


def leaving_group(link: str | None) -> Reply:
    """Said once when someone adds the bot to a group, before it leaves."""
    if link:
        return Reply(
            _(
                "Thank you for adding me. I talk with each person only in a private chat, so I "
                "am leaving this group. Please write to me privately: {link}"
            ).format(link=link)
        )
    return Reply(
        _(
            "Thank you for adding me. I talk with each person only in a private chat, so I "
            "am leaving this group. Please write to me privately."
        )
    )


async def too_long(ctx: Context) -> list[Reply]:
    return [Reply(_("Your message is too long for me. Please ask one short question at a time."))]


async def slow_down(ctx: Context) -> list[Reply]:
    """The one warning of a flood (bot/inbound/ratelimit.py: answered again within half a
    minute)."""
    return [
        Reply(
            _(
                "You are sending messages very fast, so I will not answer the next ones for a "
                "moment. Please wait half a minute, then ask again."
            )
        )
    ]
