"""One registry of what the bot does, read from top to bottom: the intents, the commands, the
button kinds and the dialog flows, each with the roles allowed and what anybody else hears.
The router dispatches from it and the channels draw their command menus from it; the
persistent menu's labels are in `handlers.menu`. Roles are checked here, once, not inside
the features.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from bot.nlu import understand
from bot.nlu.polarity import polarity
from handlers import (
    borrower,
    buttons,
    channel_choice,
    common,
    consent,
    leader,
    linking,
    lost_id,
    member_by_number,
    notices_received,
)
from handlers.buttons import CallbackData
from handlers.context import Context
from handlers.meetings import attendance
from handlers.meetings import dialog as meetings
from handlers.messages import Kind, Reply, Role
from handlers.officer import bank_file, broadcast, broadcast_progress, portfolio, tally_status
from handlers.officer import overdue as officer_overdue
from handlers.officer.broadcast_words import (
    addressed,
    after_second_thoughts,
    asks_progress,
    asks_to_send,
    read_request,
)
from handlers.phone_numbers import or_phone_asked
from handlers.rules.bank_figure import asks_why_the_figure
from handlers.rules.consent_words import read_consent
from handlers.rules.follow_ups import FOLLOW_UP_WITHIN, asks_when_or_where
from handlers.rules.month_named import month_named
from handlers.rules.next_month import asks_next_months_payment, asks_this_months_total
from handlers.rules.notice_text import has_question_words
from handlers.rules.overdue import asks_who_is_overdue, mentions_overdue
from handlers.rules.paid_already import asks_why_still_shown, says_paid
from handlers.rules.reminder_words import names_reminders, switches_back
from handlers.tally import dialog as tally
from locales.i18n import N_, _
from locales.textfold import fold
from storage import audit
from storage.dialogs import Dialog

Handler = Callable[[Context], Awaitable[list[Reply]]]
EVERYONE = frozenset(Role)
LINKED = frozenset({Role.BORROWER, Role.LEADER, Role.OFFICER})
HOUSEHOLDS = frozenset({Role.BORROWER, Role.LEADER})
LEADERS = frozenset({Role.LEADER})
OFFICERS = frozenset({Role.OFFICER})


def _not_agreed(ctx: Context) -> bool:
    """Linked, but not (yet) agreeing to the personal-data notice: nothing that uses the
    bank's data about people is done for them until they agree."""
    return ctx.person.linked and not ctx.person.consented


@dataclass(frozen=True)
class Route:
    """What each role gets for one thing the bot does; any other role gets `otherwise`.
    `agreed` routes use people's data: a linked person who has not agreed to the notice is
    shown the notice instead."""

    by_role: Mapping[Role, Handler]
    otherwise: Handler
    agreed: bool = False

    async def __call__(self, ctx: Context) -> list[Reply]:
        if self.agreed and _not_agreed(ctx):
            return [await consent.prompt(ctx)]
        return await self.by_role.get(ctx.person.role, self.otherwise)(ctx)


def anyone(handler: Handler) -> Route:
    return Route({}, handler)


def only(
    roles: frozenset[Role], handler: Handler, otherwise: Handler, *, agreed: bool = False
) -> Route:
    return Route(dict.fromkeys(roles, handler), otherwise, agreed)


def _figures(action: str, answer: borrower.Handler) -> Route:
    """A household's own figures: linked households only; officers and guests are told why."""

    async def run(ctx: Context) -> list[Reply]:
        if ctx.person.role is Role.LEADER:  # "hồi nãy nộp bao nhiêu": the tally submitted
            submitted = await tally.submitted_asked(ctx)
            if submitted is not None:
                return submitted
        return await borrower.with_household(ctx, action, answer)

    # An officer has no household: "dư nợ" is their communes' portfolio, "tiết kiệm" their
    # members' savings summed; any other household's question, what they can ask instead.
    for_officer = {"balance": portfolio.portfolio, "savings": portfolio.savings}.get(
        action, borrower.officer_has_no_household
    )
    return Route(
        dict.fromkeys(HOUSEHOLDS, run)
        | {Role.OFFICER: broadcast_progress.or_progress(_own_or(for_officer))},
        linking.ask_again_to_link,
    )


def _own_or(handler: Handler) -> Handler:
    """An officer's "dư nợ xã Đại Tâm" is the commune's, summed; "dư nợ của bà Lan" is one
    household's, which officers do not see here (what they can ask instead)."""

    async def run(ctx: Context) -> list[Reply]:
        understood = ctx.understanding
        if understood is not None and understood.about_other is not None:
            return await borrower.officer_has_no_household(ctx)
        return await handler(ctx)

    return run


def _household_or(answer: borrower.Handler, otherwise: Handler) -> Handler:
    """The household's answer once linked and agreed (as `_figures`), else `otherwise`."""

    async def run(ctx: Context) -> list[Reply]:
        if ctx.person.customer_id is None:
            return await otherwise(ctx)
        return await borrower.with_household(ctx, "contact_officer", answer)

    return run


def _phone_asked(route: Route) -> Route:
    """`route`, with another person's phone number asked for answered by
    `handlers.phone_numbers` for every role."""
    by_role = {role: or_phone_asked(handler) for role, handler in route.by_role.items()}
    return replace(route, by_role=by_role, otherwise=or_phone_asked(route.otherwise))


def for_leaders_or_officers(
    by_role: Mapping[Role, Handler], otherwise: Handler, *, agreed: bool = True
) -> Route:
    """What only group leaders or credit officers do: anybody else linked hears `otherwise`
    (what they can do instead); an unlinked chat, whom the bot does not know, is told to
    link first (it may well be the leader)."""
    return Route({Role.GUEST: linking.link_first, **by_role}, otherwise, agreed)


def _or_overdue(handler: Handler, overdue: Handler, asks: Callable[[str], bool]) -> Handler:
    """The overdue list when the message `asks` for it, whatever intent it was read as."""

    async def run(ctx: Context) -> list[Reply]:
        if asks(ctx.inbound.text):
            if _not_agreed(ctx):
                return [await consent.prompt(ctx)]
            return await overdue(ctx)
        return await handler(ctx)

    return run


def _officer_asks_overdue(text: str) -> bool:
    return mentions_overdue(text) and not asks_progress(text)


def _who_is_overdue(route: Route) -> Route:
    """ "ai quá hạn", "hộ nào quá hạn ở xã Đại Tâm" (read as a due date or a status question):
    a leader gets their own group's overdue members, an officer those of their communes; a
    borrower keeps their own household's answer."""
    by_role = dict(route.by_role)
    for role, overdue, asks in (
        (Role.LEADER, leader.overdue, asks_who_is_overdue),
        (Role.OFFICER, officer_overdue.overdue, _officer_asks_overdue),
    ):
        by_role[role] = _or_overdue(by_role.get(role, route.otherwise), overdue, asks)
    return replace(route, by_role=by_role)


def _or_notice(handler: Handler) -> Handler:
    """An officer's "nhắn tổ 0192042 là chiều mai 2h họp bình xét": a notice to the audience
    it names (only leaders call meetings); anything else goes to `handler`."""

    async def run(ctx: Context) -> list[Reply]:
        if read_request(ctx.inbound.text).kind is not None:
            return await broadcast.start_broadcast(ctx)
        return await handler(ctx)

    return run


def reads_as_notice(text: str) -> bool:
    """ "xã Đại Tâm: thứ 5 tuần sau có phiên" typed by an officer with nothing open: a
    notice, whatever else the words look like (not when it asks something); so is a
    "gửi thông báo …" or "gửi tổ 0192041: …", whatever its text holds, and "gửi xã Đại Tâm"
    (the audience, the text to come); after a change of mind too ("thôi đổi ý, chỉ gửi …")."""
    text = after_second_thoughts(text)
    return (
        asks_to_send(text)
        or (addressed(text) and not has_question_words(text))
        or read_request(text).kind is not None
    )


def _or_meeting_move(handler: Handler) -> Handler:
    """A leader's message that moves the group's coming meeting ("đổi lại 3h chiều", "lùi
    sang thứ Hai"), whatever else it was read as; anything else goes to `handler`."""

    async def run(ctx: Context) -> list[Reply]:
        if not _not_agreed(ctx) and await meetings.moves_the_meeting(ctx):
            return await meetings.on_intent(ctx)
        return await handler(ctx)

    return run


def _or_follow_up(handler: Handler) -> Handler:
    """ "mấy giờ vậy, ở đâu" just after the transaction day was answered asks about it: it
    is answered again; anything else goes to `handler`."""

    async def run(ctx: Context) -> list[Reply]:
        if asks_when_or_where(ctx.inbound.text):
            since = ctx.now - FOLLOW_UP_WITHIN
            last = await audit.last_action(ctx.conn, ctx.person.channel, ctx.person.chat_id, since)
            if last == "transaction_day":
                return await INTENTS["transaction_day"](ctx)
        return await handler(ctx)

    return run


def _asks_what_to_pay(ctx: Context) -> bool:
    """ "what does she need to pay next month?", "how much this month in total", "tháng
    giêng trả bao nhiêu": what to pay in a month, whatever intent the words were read as."""
    text = ctx.inbound.text
    return (
        asks_next_months_payment(text)
        or asks_this_months_total(text)
        or month_named(text, ctx.today) is not None
    )


def _or_next_month(handler: Handler) -> Handler:
    """A household's question not understood (or read as a language request: "tháng giêng"
    is close to "tiếng") that asks what to pay in a month ("what does she need to pay next
    month?"): that month's payment; anything else goes to `handler`."""

    async def run(ctx: Context) -> list[Reply]:
        if ctx.person.role in HOUSEHOLDS and _asks_what_to_pay(ctx):
            return await INTENTS["interest"](ctx)
        return await handler(ctx)

    return run


def _or_consent_explained(handler: Handler) -> Handler:
    """Linked but not agreeing yet, a message not understood ("là sao, tôi ko hiểu"): the
    notice said plainly, with its buttons (the menu of questions would only lead back to
    it), once: right after it, the short line; leaving it for later ("để con hỏi bà cái
    đã"), a short "take your time"; anything else goes to `handler`."""

    async def run(ctx: Context) -> list[Reply]:
        if _not_agreed(ctx) and ctx.inbound.kind is Kind.TEXT:
            if read_consent(ctx.inbound.text) == "later":
                return [consent.take_your_time()]
            if consent.explained_last(ctx.person.options):
                return [consent.short_prompt(later=True)]
            return [consent.explained(ctx.person.channel)]
        return await handler(ctx)

    return run


def _or_submitted_asked(handler: Handler) -> Handler:
    """A leader asking what went in earlier ("hồi nãy nộp bao nhiêu"), with the session's
    tally submitted: what was submitted; anything else goes to `handler`."""

    async def run(ctx: Context) -> list[Reply]:
        submitted = await tally.submitted_asked(ctx)
        return submitted if submitted is not None else await handler(ctx)

    return run


def _or_member_asked(handler: Handler) -> Handler:
    """A leader asking about a member with no draft open ("bà Kim Lan sao rồi"): that
    member's status, never a new tally (nor a new version of a submitted one)."""

    async def run(ctx: Context) -> list[Reply]:
        name = await tally.asks_about_member(ctx)
        if name is not None:
            return await borrower.someone_else(ctx, name)
        return await handler(ctx)

    return run


def _or_member_named(handler: Handler) -> Handler:
    """A leader's status question naming someone ("ba Kim Lan dong chua"): that member's
    status (or who is meant), not the whole group's list."""

    async def run(ctx: Context) -> list[Reply]:
        understood = ctx.understanding
        name = understood.about_other if understood is not None else None
        if name is None and ctx.inbound.kind is Kind.TEXT:
            name = await borrower.member_titled(ctx)  # "o Khol dong chua"
        if name is not None and ctx.inbound.kind is Kind.TEXT:
            return await borrower.someone_else(ctx, name)
        return await handler(ctx)

    return run


def _when_named(switch: Handler, *, on: bool) -> Handler:
    """Reminders are switched only for a message that names them ("tắt nhắc nhở", "turn off
    notifications"); "tui quên đóng lãi rồi", which the model leaned to reminders for, is
    answered as its next likeliest intent (handlers/rules/reminder_words.py). A switch put
    back with nothing named ("ok turn them on again") is the reminders', when they are
    switched the other way now."""

    async def run(ctx: Context) -> list[Reply]:
        inbound = ctx.inbound
        if inbound.kind is not Kind.TEXT or inbound.command is not None:
            return await switch(ctx)
        if names_reminders(inbound.text):
            return await switch(ctx)
        understood = ctx.understanding
        ranked = understood.ranked if understood is not None else ()
        second = next((i for i in ranked if i not in _NOT_SECOND and i in INTENTS), "unknown")
        turned = polarity(inbound.text)
        enabled = ctx.person.reminders_enabled
        if switches_back(inbound.text) and (
            (on and turned.switched_on and not enabled)
            or (not on and turned.switched_off and enabled)
        ):
            return await switch(ctx)  # "ok turn them on again", just after turning them off
        if understood is not None and (turned.switched_off or turned.switched_on):
            # "can you turn them off": a switch said, the reminders not named: ask which
            asked = (understood.intent, second)
            ctx.understanding = replace(understood, intent="unknown", alternatives=asked)
            return await INTENTS["unknown"](ctx)
        if understood is not None:
            ctx.understanding = replace(understood, intent=second, alternatives=())
        return await INTENTS[second](ctx)

    return run


_NOT_SECOND = frozenset({"reminders_on", "reminders_off", "unknown"})


_HOUSEHOLD_INTENTS = frozenset(
    {"balance", "due_date", "interest", "savings", "transaction_day", "contact_officer"}
)
_UNSURE = 0.6  # below this, a leader's action read for a borrower is taken as a guess


def _or_borrower_reading(refusal: Handler) -> Handler:
    """A borrower whose words read, unsurely, as a leader's action (or with a household's
    question close behind) gets that question answered, not a leaders-only refusal: "con
    thang sau phai tra bao nhiu" was read as the group's status at 0.45."""

    async def run(ctx: Context) -> list[Reply]:
        understood = ctx.understanding
        if ctx.person.role is not Role.BORROWER or understood is None:
            return await refusal(ctx)
        if _asks_what_to_pay(ctx):  # "how much … next month in total", "… this month"
            return await INTENTS["interest"](ctx)
        if asks_why_still_shown(ctx.inbound.text) or asks_why_the_figure(ctx.inbound.text):
            return await INTENTS["interest"](ctx)  # "đóng cho tổ trưởng 38 ngàn rồi"
        if asks_who_is_overdue(ctx.inbound.text):  # "trong tổ ai còn nợ quá hạn"
            return [borrower.only_own_household()]
        if says_paid(understood.asked):  # "bà mới đóng 1 triệu hôm qua rồi"
            if _HOUSEHOLD_INTENTS.intersection(understood.intents):
                return []  # "…, vậy còn nợ bao nhiêu": the other question answers it
            ctx.understanding = replace(understood, intent="balance", alternatives=())
            return await INTENTS["balance"](ctx)
        unsure = understood.confidence < _UNSURE
        behind = understood.ranked[1:3] if unsure else understood.ranked[1:2]
        second = next((i for i in behind if i in _HOUSEHOLD_INTENTS), None)
        if second is None:
            return await refusal(ctx)
        ctx.understanding = replace(understood, intent=second, alternatives=())
        return await INTENTS[second](ctx)

    return run


# ---- intents: what free text (or a menu label, or a ready-made question) asks for ----

INTENTS: dict[str, Route] = {
    "balance": _figures("balance", borrower.or_next_month(borrower.balance, needs_pay_word=True)),
    "due_date": _who_is_overdue(_figures("due_date", borrower.or_next_month(borrower.due_date))),
    "interest": _figures("interest", borrower.or_next_month(borrower.interest)),
    "savings": _figures("savings", borrower.savings),
    "transaction_day": _figures("transaction_day", borrower.transaction_day),
    "contact_officer": _phone_asked(_figures("contact_officer", borrower.contact_officer)),
    "program_info": Route(
        {Role.OFFICER: broadcast_progress.or_progress(common.program_info)}, common.program_info
    ),
    "tally_submit": for_leaders_or_officers(
        {
            Role.LEADER: _or_meeting_move(_or_member_asked(tally.start)),
            Role.OFFICER: broadcast_progress.or_progress(
                tally_status.or_named_group(tally.only_leaders)
            ),
        },
        _or_borrower_reading(tally.only_leaders),
    ),
    "group_status": _who_is_overdue(
        for_leaders_or_officers(
            {
                Role.LEADER: _or_member_named(leader.group_status),
                Role.OFFICER: broadcast_progress.or_progress(
                    tally_status.or_named_group(tally_status.tally_status)
                ),
            },
            _or_borrower_reading(leader.only_leaders),
        )
    ),
    "broadcast": for_leaders_or_officers(
        {Role.OFFICER: broadcast.start_broadcast}, broadcast.only_officers
    ),
    "meeting_schedule": for_leaders_or_officers(
        {Role.LEADER: meetings.on_intent, Role.OFFICER: _or_notice(attendance.for_a_member)},
        attendance.for_a_member,
    ),
    # Not a model intent: "có thông báo gì mới không" (handlers/rules/news_words.py).
    "notices_received": only(
        HOUSEHOLDS, notices_received.latest, linking.ask_again_to_link, agreed=True
    ),
    # Not a model intent: "số 5 còn nợ bao nhiêu", a member by number (rules/member_number.py).
    "member_by_number": only(
        HOUSEHOLDS, member_by_number.member_by_number, linking.ask_again_to_link, agreed=True
    ),
    # Not a model intent: "tui bị mất CCCD rồi làm sao" (handlers/rules/lost_id.py).
    "lost_id": Route(
        {role: _household_or(lost_id.for_household, lost_id.for_anyone) for role in HOUSEHOLDS},
        lost_id.for_anyone,
    ),
    "link_account": anyone(or_phone_asked(linking.start_linking)),
    "unlink": anyone(common.unlink_if_asked),  # asks only for a clear request
    "reminders_off": only(
        LINKED, _when_named(common.reminders_off, on=False), linking.ask_again_to_link
    ),
    "reminders_on": only(
        LINKED, _when_named(common.reminders_on, on=True), linking.ask_again_to_link
    ),
    "channel": only(LINKED, channel_choice.from_words, linking.ask_again_to_link),
    "language": anyone(_or_next_month(common.language)),
    "help": anyone(_or_consent_explained(common.help_)),
    "thanks": anyone(common.thanks),
    "unknown": Route(
        {
            Role.BORROWER: _or_consent_explained(_or_next_month(_or_follow_up(common.unknown))),
            Role.LEADER: _or_consent_explained(
                _or_submitted_asked(_or_follow_up(_or_meeting_move(common.unknown)))
            ),
            Role.OFFICER: broadcast_progress.or_progress(common.unknown),
        },
        common.unknown,
    ),
}


# ---- the persistent menu: ready-made questions, each label understood as typed ----


@dataclass(frozen=True)
class MenuItem:
    label: str  # a message id (translated when shown)
    intent: str
    roles: frozenset[Role]


MENU: tuple[tuple[MenuItem, ...], ...] = (
    (
        MenuItem(N_("Balance"), "balance", HOUSEHOLDS),
        MenuItem(N_("Due dates"), "due_date", HOUSEHOLDS),
    ),
    (
        MenuItem(N_("This month's interest"), "interest", HOUSEHOLDS),
        MenuItem(N_("Savings"), "savings", HOUSEHOLDS),
    ),
    (
        MenuItem(N_("Transaction day"), "transaction_day", HOUSEHOLDS),
        MenuItem(N_("Contacts"), "contact_officer", HOUSEHOLDS),
    ),
    (
        MenuItem(N_("Group status"), "group_status", LEADERS),
        MenuItem(N_("Submit tally"), "tally_submit", LEADERS),
    ),
    (
        MenuItem(N_("Tally status"), "group_status", OFFICERS),
        MenuItem(N_("Send a notice"), "broadcast", OFFICERS),
    ),
    (MenuItem(N_("Help"), "help", frozenset({Role.GUEST, Role.OFFICER})),),
)


def menu_for(role: Role) -> list[list[str]]:
    """The role's main menu, in the current language."""
    rows = [[_(item.label) for item in row if role in item.roles] for row in MENU]
    return [row for row in rows if row]


# Phrases taken as they are (folded), for intents language understanding does not know yet.
PHRASES: dict[str, str] = dict.fromkeys(channel_choice.PHRASES, "channel")


def takes_whole(intent: str, ctx: Context) -> bool:
    """Among several intents read in one message, this one takes the whole message: a leader's
    tally line with the words that open the tally (`tally.carries_a_line`)."""
    return (
        intent == "tally_submit"
        and ctx.person.role is Role.LEADER
        and tally.carries_a_line(ctx.inbound.text)
    )


def menu_intent(folded: str) -> str | None:
    """The intent of a menu label typed or pressed (folded, in the current language), or of
    one of the PHRASES."""
    if folded in PHRASES:
        return PHRASES[folded]
    for row in MENU:
        for item in row:
            if fold(_(item.label)) == folded:
                return item.intent
    return None


# ---- commands: /name argument ----


@dataclass(frozen=True)
class Command:
    names: tuple[str, ...]
    help: str  # a message id (translated when shown)
    shown_to: frozenset[Role]  # whose command menu lists it
    run: Callable[[Context, str], Awaitable[list[Reply]]]


def _linked(
    run: Callable[[Context, str], Awaitable[list[Reply]]],
) -> Callable[[Context, str], Awaitable[list[Reply]]]:
    """A command with an argument, for linked people only."""

    async def checked(ctx: Context, argument: str) -> list[Reply]:
        if ctx.person.role not in LINKED:
            return await linking.ask_again_to_link(ctx)
        return await run(ctx, argument)

    return checked


def _plain(route: Route) -> Callable[[Context, str], Awaitable[list[Reply]]]:
    async def run(ctx: Context, _argument: str) -> list[Reply]:
        return await route(ctx)

    return run


COMMANDS: tuple[Command, ...] = (
    Command(("start",), N_("start or link your account"), EVERYONE, linking.start),
    Command(
        ("help", "trogiup", "menu"), N_("what I can answer"), EVERYONE, _plain(INTENTS["help"])
    ),
    Command(("thongbao", "broadcast"), N_("send a notice"), OFFICERS, _plain(INTENTS["broadcast"])),
    Command(
        ("nhacnho",),
        N_("reminders on or off"),
        LINKED,
        _plain(only(LINKED, common.toggle_reminders, linking.ask_again_to_link)),
    ),
    Command(("ngonngu", "language", "lang"), N_("language"), LINKED, common.language_command),
    Command(("huy", "unlink"), N_("unlink this chat"), LINKED, _plain(INTENTS["unlink"])),
    Command(
        ("kenh", "channel"),
        N_("which chat gets reminders and notices"),
        LINKED,
        _linked(channel_choice.command),
    ),
)
_BY_NAME = {name: command for command in COMMANDS for name in command.names}


def command(name: str) -> Command | None:
    return _BY_NAME.get(name)


def command_menu(role: Role) -> list[tuple[str, str]]:
    """(command, description in the current language) for a role's command menu."""
    return [(c.names[0], _(c.help)) for c in COMMANDS if role in c.shown_to]


# ---- buttons: a pressed button's typed data → what it does ----

ButtonHandler = Callable[[Context, Any], Awaitable[list[Reply]]]


@dataclass(frozen=True)
class ButtonRoute:
    run: ButtonHandler
    roles: frozenset[Role] = EVERYONE
    otherwise: Handler = common.unknown
    agreed: bool = False  # as for `Route`: the notice first for who has not agreed
    # An unlinked chat pressing a leader's or officer's button (one left from before /huy):
    # the bot does not know who they are.
    guest: Handler | None = None


async def _ask(ctx: Context, data: buttons.Ask) -> list[Reply]:
    route = INTENTS.get(data.intent)
    return await (route(ctx) if route is not None else common.unknown(ctx))


BUTTONS: dict[type[CallbackData], ButtonRoute] = {
    buttons.Consent: ButtonRoute(consent.on_consent, LINKED, linking.ask_again_to_link),
    buttons.Unlink: ButtonRoute(linking.on_unlink),
    buttons.Language: ButtonRoute(common.set_language),
    buttons.Ask: ButtonRoute(_ask),
    buttons.GroupPage: ButtonRoute(
        leader.group_page, LEADERS, leader.only_leaders, True, linking.link_first
    ),
    buttons.TallyButton: ButtonRoute(
        tally.on_button, LEADERS, tally.only_leaders, True, linking.link_first
    ),
    buttons.BroadcastButton: ButtonRoute(
        broadcast.on_button, OFFICERS, broadcast.only_officers, True, linking.link_first
    ),
    buttons.MeetingButton: ButtonRoute(meetings.on_button, agreed=True),
    buttons.NewsChannel: ButtonRoute(channel_choice.on_button, LINKED, linking.ask_again_to_link),
    buttons.MemberButton: ButtonRoute(
        leader.member_picked, LEADERS, leader.only_leaders, True, linking.link_first
    ),
}


async def press(ctx: Context, data: str) -> list[Reply]:
    """The pressed button's data, checked against its kind and the roles allowed."""
    found = buttons.unpack(data)
    if found is None:
        return await common.unknown(ctx)
    route = BUTTONS[type(found)]
    if route.agreed and _not_agreed(ctx):
        return [await consent.prompt(ctx)]
    if ctx.person.role not in route.roles:
        if ctx.person.role is Role.GUEST and route.guest is not None:
            return await route.guest(ctx)
        return await route.otherwise(ctx)
    return await route.run(ctx, found)


# ---- dialog flows: a typed message while a dialog step is open ----

FlowHandler = Callable[[Context, Dialog], Awaitable[list[Reply] | None]]


@dataclass(frozen=True)
class Flow:
    """`on_text` answers a typed message inside the flow, or returns None when the message is
    not about it (the router then answers it as usual and the dialog waits)."""

    on_text: FlowHandler
    roles: frozenset[Role] = EVERYONE
    # Said after an answer given outside the flow (None: nothing to say at this step).
    reminder: Callable[[Dialog], str | Reply | None] | None = None
    numbers: bool = False  # the flow reads bare numbers itself (member numbers, CCCD digits)
    cancel: Handler | None = None  # "thôi bỏ bảng kê này": what cancelling the flow does
    # Reads a typed message before the options' words do, and answers it or returns None
    # (then as usual): "không, 102 nghìn" at an amount echoed back is the amount again, not
    # the No button; "à thôi, gửi cho xã Đại Tâm trước" is no "thôi" (Hủy) in a notice.
    first: FlowHandler | None = None


def _when(reads: Callable[[Context, Dialog], bool], on_text: FlowHandler) -> FlowHandler:
    """The flow's own reading of a typed message, first, when `reads` says it is the flow's."""

    async def first(ctx: Context, dialog: Dialog) -> list[Reply] | None:
        return await on_text(ctx, dialog) if reads(ctx, dialog) else None

    return first


# A member's figures or status asked about, the words the meeting's could also read.
_ABOUT_A_MEMBER = frozenset({"balance", "due_date", "interest", "savings", "group_status"})


def _unless_a_member_asked(on_text: FlowHandler) -> FlowHandler:
    """Under a meeting being called, a question about a member named with a title ("thang Sau
    dong chua" beside a member named Sáu) is answered as usual; the draft waits as it was
    (it read "tháng sau", next month, as the new day)."""

    async def first(ctx: Context, dialog: Dialog) -> list[Reply] | None:
        asked = understand(ctx.inbound.text, ctx.today).intent in _ABOUT_A_MEMBER
        if asked and await borrower.member_titled(ctx) is not None:
            return None
        return await on_text(ctx, dialog)

    return first


FLOWS: dict[str, Flow] = {
    linking.LINK_FLOW: Flow(linking.on_text, numbers=True),
    tally.TALLY_FLOW: Flow(
        tally.on_text,
        LEADERS,
        tally.still_open,
        numbers=True,
        cancel=tally.cancel,
        first=_when(tally.reads_first, tally.on_text),
    ),
    meetings.MEETING_FLOW: Flow(
        _unless_a_member_asked(meetings.on_text),
        LEADERS,
        cancel=meetings.drop,
        first=_when(meetings.corrects_the_summary, _unless_a_member_asked(meetings.on_text)),
    ),
    broadcast.BROADCAST_FLOW: Flow(
        broadcast.on_text,
        OFFICERS,
        broadcast.still_waiting,
        cancel=broadcast.cancel,
        first=broadcast.reads_first,
    ),
}
# The flow an intent's words belong to, so "thôi bỏ bảng kê" cancels the open tally.
FLOW_OF_INTENT = {
    "tally_submit": tally.TALLY_FLOW,
    "meeting_schedule": meetings.MEETING_FLOW,
    "broadcast": broadcast.BROADCAST_FLOW,
}

# An officer's file, and what anybody else hears when they send one.
FILE = for_leaders_or_officers({Role.OFFICER: bank_file.receive_file}, common.media, agreed=False)
