"""Picking the handler for one message, from the registry: an open dialog step first, then a
pressed button, then a command, then the understood intent of free text. One database
transaction per message; the person's main menu is filled in under the replies that ask
for it, in the language and for the role the person has after the message.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.inbound import journal
from bot.inbound.ratelimit import ChatRateLimiter, OncePer
from bot.nlu import Understanding, split_intents
from bot.nlu.language import written_in
from handlers import common, linking, member_by_number, registry, typed_answers
from handlers.context import Context
from handlers.messages import Inbound, Kind, Reply, Role
from handlers.officer import asked as officer_asked
from handlers.officer import broadcast, draft_questions, recall
from handlers.rules.consent_words import read_consent
from handlers.rules.language import answering_in
from handlers.rules.lost_id import says_id_lost
from handlers.rules.news_words import asks_for_notices
from handlers.rules.quiet_hours import NIGHT, QuietHours
from handlers.rules.relink_words import asks_to_start_over
from handlers.rules.small_talk import acknowledgement, is_goodbye
from locales.i18n import _, use_locale
from locales.textfold import fold
from storage import inbox, links, options, outbox, updates
from storage.dialogs import Dialog

log = logging.getLogger(__name__)

MAX_TEXT = 1000
MAX_QUESTIONS = 3  # several questions in one message: each answered, up to three
GROUP_LINE_EVERY = 600.0  # seconds between two "write to me privately" lines in one group
_LINK_CODE = re.compile(r"^\s*(?:lienket|lien ket)\s+([a-z0-9]{4,16})\s*$")
_UNLINK_PHRASES = {"huy lien ket", "xoa lien ket", "bo lien ket"}

Later = Callable[[], Awaitable[list[Reply]]]


@dataclass
class Outcome:
    replies: list[Reply]
    role: Role | None = None
    locale: str = "vi"
    role_changed: bool = False
    # Work the adapter awaits after sending `replies` (the transaction is committed by
    # then); each gives more replies. Errors inside become the "busy" apology.
    later: list[Later] = field(default_factory=list)


def _busy() -> list[Reply]:
    return [Reply(_("Sorry, the system is busy. Please try again in a few minutes."))]


def _guarded(job: Later, locale: str) -> Later:
    async def run() -> list[Reply]:
        with use_locale(locale):
            try:
                return await job()
            except Exception:
                log.exception("follow-up work of a message failed")
                return _busy()

    return run


def _add_language_hint(replies: list[Reply], channel: str) -> None:
    """The one-time note why the answer is in English, last: under the last text, or after
    a file as a message of its own (never between a file and the text that introduces it)."""
    if replies[-1].document is not None:
        replies.append(Reply(common.language_hint(channel)))
    else:
        replies[-1].text += "\n\n" + common.language_hint(channel)


def _menu_in_the_new_language(replies: list[Reply]) -> None:
    """The answer is in another language than the last one: the menu goes with it, so the
    keyboard (the console's and Zalo's menu line) is never left in the language before."""
    if any(reply.show_menu or reply.menu is not None or reply.remove_menu for reply in replies):
        return
    plain = [r for r in replies if not r.buttons and not r.request_phone and r.document is None]
    if plain:
        plain[-1].show_menu = True


def _with_menus(replies: list[Reply], role: Role) -> list[Reply]:
    for reply in replies:
        if reply.show_menu and reply.menu is None:
            reply.menu = registry.menu_for(role)
    return replies


class Router:
    def __init__(
        self,
        engine: AsyncEngine,
        timezone: ZoneInfo,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        limiter: ChatRateLimiter | None = None,
        import_engine: AsyncEngine | None = None,
        quiet_hours: QuietHours | None = NIGHT,
        keep_replies: bool = False,
    ) -> None:
        self.quiet_hours = quiet_hours
        # Updates come from the webhook's inbox (`serve`): each answer is kept in the
        # update's row with what the update changed, and sent again if the process died
        # before it surely left (storage/inbox.py).
        self.keep_replies = keep_replies
        self.engine = engine
        # Imports sent in the chat run on their own engine, after the message's transaction.
        self.import_engine = import_engine or engine
        self.timezone = timezone
        self.clock = clock
        self.limiter = limiter or ChatRateLimiter()
        self.group_lines = OncePer(GROUP_LINE_EVERY)
        # Where a person starts a private chat with the bot, per channel (Telegram:
        # https://t.me/<bot username>, set by the adapter once it knows the username).
        self.private_links: dict[str, str] = {}

    def set_private_link(self, channel: str, link: str) -> None:
        self.private_links[channel] = link

    async def handle(self, inbound: Inbound) -> Outcome:
        if not inbound.private:
            return self._only_in_private(inbound)
        verdict = self.limiter.check(f"{inbound.channel}:{inbound.chat_id}")
        if verdict == "drop":
            return Outcome([])
        now = self.clock()
        try:
            async with self.engine.begin() as conn:
                if inbound.update_id is not None and not await updates.first_time_update(
                    conn, inbound.channel, inbound.update_id, now
                ):
                    return await self._again(conn, inbound)
                person = await links.load_person(
                    conn, inbound.channel, inbound.chat_id, inbound.user_id, now
                )
                before = person.locale
                person, hint = await _follow_the_language(conn, inbound, person)
                ctx = Context(
                    inbound,
                    person,
                    conn,
                    now,
                    self.timezone,
                    import_engine=self.import_engine,
                    quiet_hours=self.quiet_hours,
                )
                with use_locale(person.locale):
                    if verdict == "warn":
                        replies = await common.slow_down(ctx)
                    else:
                        replies = await dispatch(ctx)
                    if ctx.resumed is not None:  # the tally's draft, back after a meeting
                        _remind_resumed(replies, ctx.resumed)
                    if ctx.asked_before is not None:
                        replies = await _answer_asked_before(ctx, replies)
                    if person.locale != before:
                        _menu_in_the_new_language(replies)
                    later = [_guarded(job, person.locale) for job in ctx.later]
                    if hint and replies and not ctx.language_chosen:
                        _add_language_hint(replies, person.channel)
                        await links.set_link_fields(conn, person.link_id, language_hint_at=now)
                await _remember_options(ctx, replies)
                if ctx.identity_changed:
                    # Linked, unlinked, language changed: read it back for menus and commands.
                    after = await links.load_person(
                        conn, inbound.channel, inbound.chat_id, inbound.user_id, now
                    )
                else:
                    after = person
                with use_locale(after.locale):
                    _with_menus(replies, after.role)
                if self.keep_replies and inbound.update_id is not None:
                    await inbox.keep_replies(
                        conn, inbound.channel, str(inbound.update_id), journal.encode(replies)
                    )
                return Outcome(replies, after.role, after.locale, after.role != person.role, later)
        except Exception:
            log.exception("handling a %s message failed", inbound.kind.value)
            with use_locale("vi"):
                return Outcome(_busy())

    def _only_in_private(self, inbound: Inbound) -> Outcome:
        """A group chat: nothing is read, stored or counted (no link, no code spent, no
        wrong try); at most one line now and then points to a private chat."""
        if not self.group_lines.allow(f"{inbound.channel}:{inbound.chat_id}", time.monotonic()):
            return Outcome([])
        with use_locale("vi"):
            return Outcome([common.only_in_private(self.private_links.get(inbound.channel))])

    async def _again(self, conn: AsyncConnection, inbound: Inbound) -> Outcome:
        """An update seen before: nothing is done twice, but an answer kept for it (its
        worker died before the answer surely left) is given again."""
        if self.keep_replies and inbound.update_id is not None:
            kept = await inbox.kept_replies(conn, inbound.channel, str(inbound.update_id))
            if kept is not None:
                log.info("update %s: its kept answer is sent again", inbound.update_id)
                return Outcome(journal.decode(kept))
        log.info("update %s was already processed", inbound.update_id)
        return Outcome([])

    async def set_reachable(self, channel: str, chat_id: str, reachable: bool) -> None:
        """The platform said the person blocked the bot, or unblocked it."""
        async with self.engine.begin() as conn:
            await outbox.set_reachable(conn, channel, chat_id, reachable, self.clock())


async def _follow_the_language(
    conn: AsyncConnection, inbound: Inbound, person: links.Person
) -> tuple[links.Person, bool]:
    """A chat that did not choose its language is answered in the one it writes
    (handlers/rules/language.py); whether to add the one-time hint how to choose."""
    if inbound.kind is not Kind.TEXT or person.locale_chosen:
        return person, False
    answering = answering_in(
        person.locale, person.locale_chosen, person.language_hint_given, written_in(inbound.text)
    )
    if answering.locale != person.locale:
        await links.set_link_fields(conn, person.link_id, locale=answering.locale)
        person = replace(person, locale=answering.locale)
    return person, answering.hint


async def _answer_asked_before(ctx: Context, thanks: list[Reply]) -> list[Reply]:
    """Just agreed to the notice: the question asked before agreeing (handlers.consent kept
    it) is answered now, under the thanks, as if asked again; the menu comes under the
    answer (or under the thanks, when the answer has options of its own)."""
    question = ctx.asked_before or ""
    ctx.asked_before = None
    inbound = ctx.inbound
    person = await links.load_person(
        ctx.conn, inbound.channel, inbound.chat_id, inbound.user_id, ctx.now
    )
    again = replace(ctx, inbound=replace(inbound, kind=Kind.TEXT, text=question, button=None))
    again.person, again.understanding, again.later = person, None, []
    answers = await _text(again, question)
    ctx.later += again.later
    ctx.identity_changed = True
    if not answers:
        return thanks
    if any(reply.show_menu for reply in answers):
        pass  # the answer shows the menu itself ("trợ giúp")
    elif any(reply.buttons for reply in answers):
        thanks[-1].show_menu = True
    else:
        answers[-1].show_menu = True
    return [*thanks, *answers]


async def _remember_options(ctx: Context, replies: list[Reply]) -> None:
    """The buttons under the last reply are what a typed answer can stand for next."""
    if not replies:
        return
    last = replies[-1]
    inbound = ctx.inbound
    if last.buttons:
        pairs = [(b.label, b.data) for row in last.buttons for b in row]
        await options.remember(ctx.conn, inbound.channel, inbound.chat_id, pairs, ctx.now)
    elif ctx.person.options:  # only when something is kept: no write on most messages
        await options.forget(ctx.conn, inbound.channel, inbound.chat_id)


async def dispatch(ctx: Context) -> list[Reply]:
    """What kind of message this is decides where it goes; free text goes last."""
    inbound = ctx.inbound
    if inbound.kind is Kind.CONTACT:
        return await linking.on_contact(ctx)
    if inbound.kind is Kind.FILE:
        return await registry.FILE(ctx)
    if inbound.kind is Kind.MEDIA:
        return await common.media(ctx)
    if inbound.kind is Kind.EDITED:
        return await common.edited(ctx)
    if inbound.kind is Kind.BUTTON:
        return await registry.press(ctx, inbound.button or "")
    text = inbound.text.strip()
    if not text:
        return await common.unknown(ctx)
    if len(text) > MAX_TEXT:
        return await common.too_long(ctx)
    return await _text(ctx, text)


async def _text(ctx: Context, text: str) -> list[Reply]:
    inbound = ctx.inbound
    dialog = ctx.person.dialog
    flow = registry.FLOWS.get(dialog.flow) if dialog is not None else None
    in_flow = dialog is not None and flow is not None and ctx.person.role in flow.roles
    reads_first = flow.first if in_flow and flow is not None else None
    if dialog is not None and reads_first is not None and inbound.command is None:
        answer = await reads_first(ctx, dialog)  # before the options' words: "không, 102 nghìn"
        if answer is not None:
            return answer
    if inbound.command is None and len(text) <= 60:
        shown = ctx.person.options
        reads_numbers = in_flow and flow is not None and flow.numbers
        if typed_answers.unclear_between(text, shown):  # "dung": "đúng" or "dừng"?
            return [typed_answers.confirm_or_stop(shown, reads_numbers=reads_numbers)]
        numbers = inbound.numbered_options and not reads_numbers
        data = typed_answers.pick(text, shown, numbers=numbers)
        if data is None and ctx.person.linked and not ctx.person.consented:
            # "đồng ý" with the notice out of view; with no dialog open, "được", "ok" too
            data = typed_answers.agreeing(text, only_question=dialog is None)
        if data is not None:
            ctx.inbound = replace(inbound, kind=Kind.BUTTON, button=data)
            return await registry.press(ctx, data)
        if dialog is None and ctx.person.consented and read_consent(text) == "agree":
            return [common.nothing_to_confirm()]  # "bà đồng ý" again: never a tally
    if dialog is not None and flow is not None and in_flow and inbound.command is None:
        answer = await flow.on_text(ctx, dialog)
        if answer is not None:
            return answer
    command = inbound.command
    go_ahead = broadcast.go_ahead_without_notice(ctx) if command is None else None
    if go_ahead is not None:  # "ok gửi đi" with no notice open: never "you're welcome"
        return go_ahead
    in_notice = dialog is not None and dialog.flow == broadcast.BROADCAST_FLOW
    edit = None if command else await draft_questions.edit_without_notice(ctx, open_draft=in_notice)
    if edit is not None:  # "sửa lại 14h chứ không phải 8h": never a leader's refusal
        return edit
    recalled = None if command else await recall.answer(ctx)
    if recalled is not None:  # "thu hồi thông báo số 1": what can and cannot be taken back
        return recalled
    acknowledging = acknowledgement(text) if command is None and dialog is None else None
    if acknowledging is not None:  # "ok", "thôi", "👍" with nothing open
        return await common.acknowledged(ctx, acknowledging)
    if command is None and dialog is None and is_goodbye(text):  # "tạm biệt con", "bye"
        return await common.goodbye(ctx)
    if command is None and dialog is None and await linking.id_digits_unasked(ctx):
        return await linking.on_id_digits_unasked(ctx)  # "7414" with no CCCD asked for
    if command is None and typed_answers.is_bare_number(text):
        chosen = _main_menu_choice(ctx, text)
        if chosen is not None:  # "5" with nothing open: the main menu's fifth question
            return await _answer(ctx, chosen, flow)
        return await common.nothing_to_choose(ctx)  # "1" with no option it could pick
    if command is not None:
        name, argument = command
        found = registry.command(name)
        return await (found.run(ctx, argument) if found is not None else common.unknown(ctx))
    folded = fold(text)
    code = _LINK_CODE.match(folded)
    if code:
        return await linking.redeem_code(ctx, code.group(1))
    if not ctx.person.linked and linking.looks_like_a_code(text):  # the code alone (a slip's)
        return await linking.redeem_code(ctx, text.strip())
    if folded in _UNLINK_PHRASES:
        return await registry.INTENTS["unlink"](ctx)
    if not ctx.person.linked and linking.looks_like_a_phone(text):
        return await linking.typed_phone(ctx)
    if not ctx.person.linked and asks_to_start_over(text):  # "làm lại cho tui" once unlinked
        return await _answer(ctx, "link_account", flow)
    intent = registry.menu_intent(folded)
    if intent is not None:
        return await _answer(ctx, intent, flow)
    if ctx.person.role is Role.OFFICER and dialog is None and registry.reads_as_notice(text):
        return await _answer(ctx, "broadcast", flow)
    if ctx.person.role in registry.HOUSEHOLDS and asks_for_notices(text):
        return await _answer(ctx, "notices_received", flow)  # the notices that reached them
    if says_id_lost(text):  # "tui bị mất CCCD rồi làm sao": whom to ask, the link stays
        return await _answer(ctx, "lost_id", flow)
    if ctx.person.role in registry.HOUSEHOLDS and member_by_number.asks(text):
        return await _answer(ctx, "member_by_number", flow)  # "số 5 còn nợ bao nhiêu"
    if ctx.person.role is Role.OFFICER:
        answered = await officer_asked.answer(ctx)  # the data's date, loading a file
        if answered is not None:
            if flow is not None and dialog is not None:
                _remind(answered, flow, dialog)  # "tally status" with a notice waiting
            return answered
    asked = split_intents(text, ctx.today)[:MAX_QUESTIONS]
    first = asked[0]
    cancels_flow = (
        first.act == "cancel"
        and in_flow
        and dialog is not None
        and registry.FLOW_OF_INTENT.get(first.intent) == dialog.flow
    )
    if cancels_flow and flow is not None and flow.cancel is not None:
        return await flow.cancel(ctx)  # "thôi bỏ bảng kê này": the open draft's cancel
    if len(asked) == 1:
        ctx.understanding = first
        return await _answer(ctx, first.intent, flow)
    return await _several(ctx, asked, flow)


def _main_menu_choice(ctx: Context, text: str) -> str | None:
    """Where options are numbered (Zalo, the console) and none is open, a number of the
    person's main menu asks its question: people remember "5" for the transaction day."""
    if not ctx.inbound.numbered_options or ctx.person.options:
        return None
    number = typed_answers.bare_number(text)
    labels = [label for row in registry.menu_for(ctx.person.role) for label in row]
    if number is None or not 1 <= number <= len(labels):
        return None
    return registry.menu_intent(fold(labels[number - 1]))


async def _answer(ctx: Context, intent: str, flow: registry.Flow | None) -> list[Reply]:
    route = registry.INTENTS.get(intent, registry.INTENTS["unknown"])
    replies = await route(ctx)
    dialog = ctx.person.dialog
    if (
        flow is not None
        and dialog is not None
        and registry.FLOW_OF_INTENT.get(intent) != dialog.flow
    ):
        _remind(replies, flow, dialog)
    return replies


def _remind_resumed(replies: list[Reply], dialog: Dialog) -> None:
    """The dialog open again once the one that interrupted it closed, said to wait."""
    flow = registry.FLOWS.get(dialog.flow)
    if flow is not None and replies:
        _remind(replies, flow, dialog)


def _remind(replies: list[Reply], flow: registry.Flow, dialog: Dialog) -> None:
    """The open dialog, still waiting, said under an answer given outside it."""
    said = flow.reminder(dialog) if flow.reminder is not None else None
    if isinstance(said, Reply):  # with its buttons: the notice's preview again
        replies.append(said)
    elif said and replies and replies[-1].buttons:  # the answer's options stay the last shown
        replies[-1] = replace(replies[-1], text=replies[-1].text + "\n\n" + said)
    elif said:
        replies.append(Reply(said))


async def _several(
    ctx: Context, asked: list[Understanding], flow: registry.Flow | None
) -> list[Reply]:
    """ "dư nợ và lãi tháng này": each question answered, in one reply; the same answer to
    each (the agree prompt, before the notice is agreed) once, with its buttons."""
    whole = next((one for one in asked if registry.takes_whole(one.intent, ctx)), None)
    if whole is not None:  # "số 2 … ko gửi tiết kiệm, sửa lại giúp cô": the tally's alone
        ctx.understanding = whole
        return await _answer(ctx, whole.intent, flow)
    answers: list[list[Reply]] = []
    for one in asked:
        ctx.understanding = one
        route = registry.INTENTS.get(one.intent, registry.INTENTS["unknown"])
        answered = await route(ctx)
        if answered:
            answers.append(answered)
    if answers and all(answered == answers[-1] for answered in answers):
        merged, rest = answers[-1][0], answers[-1][1:]
    else:
        # A paragraph two answers share (the agree line under the commune's session day and
        # in place of a figure) is said once; the buttons of the last answer that has some
        # stay under it ("Xác nhận: tôi đồng ý").
        parts: list[str] = []
        for answered in answers:
            parts += [p for p in answered[0].text.split("\n\n") if p not in parts]
        buttons = next((a[0].buttons for a in reversed(answers) if a[0].buttons), [])
        merged = Reply("\n\n".join(parts), buttons=buttons)
        rest = [reply for answered in answers for reply in answered[1:]]
    if flow is not None and ctx.person.dialog is not None:
        _remind(rest, flow, ctx.person.dialog)
    return [merged, *rest]
