"""The Zalo Bot client and delivery through the real httpx stack against the fake Zalo API
(tests/fake_zalo.py): polling, sending, the webhook, errors as the outbox sender sees them,
the token kept out of errors and logs; and updates read from untrusted bodies."""

from __future__ import annotations

import json
import logging
import socket
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import func, select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.channels.zalo.client import ZaloApiError, ZaloClient, ZaloUnavailable
from bot.channels.zalo.delivery import ZaloDelivery
from bot.channels.zalo.updates import (
    MAX_TEXT,
    ChatType,
    MessageKind,
    ZaloUpdate,
    parse_body,
    parse_update,
)
from bot.outbound.sender import ChatGone, Rejected, Sender, Throttled, Transient
from handlers.messages import Button
from storage import outbox
from storage.db import open_database
from storage.schema import chat_links, officers
from storage.schema import outbox as outbox_table
from tests.bot_fixtures import NOW, TZ
from tests.fake_zalo import TOKEN, FakeZalo, LocalServer

CHAT = "6ede9afa66b88fe6d6a9"


@pytest_asyncio.fixture
async def zalo() -> AsyncIterator[FakeZalo]:
    fake = FakeZalo()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()
    assert fake.violations == [], fake.violations


@pytest_asyncio.fixture
async def client(zalo: FakeZalo) -> AsyncIterator[ZaloClient]:
    async with ZaloClient(TOKEN, base_url=zalo.api_url) as client:
        yield client


# ---- the client ----
async def test_get_me_names_the_bot(client: ZaloClient) -> None:
    me = await client.get_me()
    assert (me.id, me.account_name, me.can_join_groups) == (
        "1459232241454765289",
        "bot.VDKyGxQvc",
        False,
    )


async def test_a_poll_that_gets_nothing_is_none_not_an_error(
    client: ZaloClient, zalo: FakeZalo
) -> None:
    assert await client.get_updates(poll=1) is None
    assert [c.params for c in zalo.calls_to("getUpdates")] == [{"timeout": 1}]


async def test_a_poll_brings_what_the_person_wrote(client: ZaloClient, zalo: FakeZalo) -> None:
    update = zalo.text_update(CHAT, "dư nợ còn bao nhiêu", name="Lâm Thị Hoa")
    await zalo.push(update)
    got = await client.get_updates(poll=1)
    assert got == ZaloUpdate(
        event_name="message.text.received",
        message_id=update["message"]["message_id"],
        chat_id=CHAT,
        chat_type=ChatType.PRIVATE,
        user_id=CHAT,
        kind=MessageKind.TEXT,
        text="dư nợ còn bao nhiêu",
        display_name="Lâm Thị Hoa",
        date_ms=update["message"]["date"],
    )
    assert await client.get_updates(poll=0) is None  # one update, given once


async def test_send_message_reaches_the_chat_and_gives_its_id(
    client: ZaloClient, zalo: FakeZalo
) -> None:
    message_id = await client.send_message(CHAT, "Kỳ trả nợ tiếp theo là 15/11.")
    assert [(s.chat_id, s.text, s.message_id) for s in zalo.sent] == [
        (CHAT, "Kỳ trả nợ tiếp theo là 15/11.", message_id)
    ]


@pytest.mark.parametrize("text", ["", "a" * 2001, "🙂" * 1001])
async def test_a_text_zalo_would_refuse_is_refused_before_sending(
    client: ZaloClient, zalo: FakeZalo, text: str
) -> None:
    with pytest.raises(ValueError, match="1 to 2000"):
        await client.send_message(CHAT, text)
    assert zalo.calls_to("sendMessage") == []


async def test_typing_is_shown(client: ZaloClient, zalo: FakeZalo) -> None:
    await client.send_chat_action(CHAT)  # Zalo answers {"ok": true} with no result
    assert [c.params for c in zalo.calls_to("sendChatAction")] == [
        {"chat_id": CHAT, "action": "typing"}
    ]


async def test_a_non_json_502_is_an_error_and_the_next_call_works(
    client: ZaloClient, zalo: FakeZalo
) -> None:
    zalo.garble(http_status=502)
    with pytest.raises(ZaloApiError) as caught:
        await client.send_message(CHAT, "Xin chào")
    assert caught.value.code == 502 and "not JSON" in str(caught.value)
    assert await client.send_message(CHAT, "Xin chào")
    assert [s.text for s in zalo.sent] == ["Xin chào"]


async def test_an_oversized_answer_is_an_error(client: ZaloClient, zalo: FakeZalo) -> None:
    zalo.garble(body=b'{"ok": true, "result": "' + b"x" * 300_000 + b'"}', http_status=200)
    with pytest.raises(ZaloApiError, match="answer over"):
        await client.send_message(CHAT, "Xin chào")


async def test_the_webhook_gets_updates_with_the_secret_and_polling_waits_for_its_removal(
    client: ZaloClient, zalo: FakeZalo
) -> None:
    received: list[tuple[str | None, ZaloUpdate | None]] = []

    async def webhook(request: Request) -> JSONResponse:
        secret = request.headers.get("x-bot-api-secret-token")
        received.append((secret, parse_body(await request.body())))
        return JSONResponse({"message": "Success"})

    receiver = LocalServer(Starlette(routes=[Route("/zalo", webhook, methods=["POST"])]))
    await receiver.start()
    zalo.allow_local_webhook = True  # Zalo itself refuses loopback URLs
    try:
        secret = "s3cret-of-the-webhook"
        await client.set_webhook(f"{receiver.url}/zalo", secret)
        assert (await client.get_webhook_info()).url == f"{receiver.url}/zalo"
        assert await zalo.push(zalo.text_update(CHAT, "ngày giao dịch")) == 200
        [(header, update)] = received
        assert header == secret and update is not None and update.text == "ngày giao dịch"

        with pytest.raises(ZaloApiError) as caught:  # Zalo: no getUpdates while a webhook is set
            await client.get_updates(poll=0)
        assert caught.value.code == 400
        assert zalo.violations == ["getUpdates while a webhook is set (deleteWebhook first)"]
        zalo.violations.clear()  # the fake caught what it should

        await client.delete_webhook()
        assert (await client.get_webhook_info()).url == ""  # Zalo answers 404: none is set
        assert await zalo.push(zalo.text_update(CHAT, "cảm ơn")) is None
        polled = await client.get_updates(poll=1)
        assert polled is not None and polled.text == "cảm ơn"
    finally:
        await receiver.stop()


@pytest.mark.parametrize("secret", ["short", "x" * 257])
async def test_a_webhook_secret_zalo_would_refuse_is_refused_before_sending(
    client: ZaloClient, zalo: FakeZalo, secret: str
) -> None:
    with pytest.raises(ValueError, match="8 to 256"):
        await client.set_webhook("https://bot.example.vn/zalo", secret)
    assert zalo.calls_to("setWebhook") == []


# ---- the token stays secret ----
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_the_token_is_in_no_error_repr_or_log_line(
    zalo: FakeZalo, caplog: pytest.LogCaptureFixture
) -> None:
    for name in (None, "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    secret_half = TOKEN.partition(":")[2]
    errors: list[Exception] = []
    async with ZaloClient(TOKEN, base_url=zalo.api_url) as good:
        await good.get_me()  # httpx logs this request's URL, token and all
        assert TOKEN not in repr(good)
    zalo.token, zalo.echo_token = "another:token-entirely", True  # echoes what it was sent
    async with ZaloClient(TOKEN, base_url=zalo.api_url) as refused:
        with pytest.raises(ZaloApiError) as caught:
            await refused.send_message(CHAT, "Xin chào")
        assert caught.value.code == 401 and "<token>" in caught.value.description
        errors.append(caught.value)
        delivery = ZaloDelivery(refused)
        with pytest.raises(Rejected) as rejected:
            await delivery.send(CHAT, "Xin chào", [])
        errors.append(rejected.value)
    async with ZaloClient(TOKEN, base_url=f"http://127.0.0.1:{closed_port()}/bot") as nowhere:
        with pytest.raises(ZaloUnavailable) as unreachable:
            await nowhere.get_me()
        errors.append(unreachable.value)
    for error in errors:
        for text in (str(error), repr(error), repr(error.__cause__)):
            assert TOKEN not in text and secret_half not in text
    lines = [r.getMessage() for r in caplog.records]
    assert any("HTTP Request" in line and "<token>" in line for line in lines)
    assert any("refused the bot token" in line for line in lines)
    assert not [line for line in lines if secret_half in line]


# ---- the delivery, as the outbox sender sees it ----
@pytest_asyncio.fixture
async def delivery(client: ZaloClient) -> ZaloDelivery:
    return ZaloDelivery(client, throttle_wait=1.0)


async def test_buttons_arrive_as_numbered_options(delivery: ZaloDelivery, zalo: FakeZalo) -> None:
    buttons = [[Button("Xác nhận nộp", "tally:submit")], [Button("Hủy bảng kê", "tally:drop")]]
    message_id = await delivery.send(CHAT, "Tổ 05 đã thu đủ lãi.", buttons)
    assert [s.text for s in zalo.sent] == [
        "Tổ 05 đã thu đủ lãi.\n\n1. Xác nhận nộp\n2. Hủy bảng kê"
    ]
    assert message_id == zalo.sent[0].message_id


async def test_a_long_notice_arrives_in_pieces_zalo_takes(
    delivery: ZaloDelivery, zalo: FakeZalo
) -> None:
    lines = [f"{n}. Hộ Nguyễn Văn {n}: lãi 125.000 đ, tiết kiệm 50.000 đ" for n in range(1, 121)]
    await delivery.send(CHAT, "\n".join(lines), [[Button("Xác nhận nộp", "ok")]])
    assert len(zalo.sent) > 1 and all(len(s.text) <= 2000 for s in zalo.sent)
    assert "\n".join(s.text for s in zalo.sent).split("\n")[:-2] == lines
    assert zalo.sent[-1].text.endswith("\n\n1. Xác nhận nộp")


async def test_editing_sends_nothing(delivery: ZaloDelivery, zalo: FakeZalo) -> None:
    await delivery.edit(CHAT, "82599fa32f56d00e8941", "Đã gửi 10/60")
    assert zalo.calls == []


async def test_a_429_is_throttled_with_a_conservative_wait(
    delivery: ZaloDelivery, zalo: FakeZalo
) -> None:
    zalo.fail(429, "Quota exceeded")
    with pytest.raises(Throttled) as caught:
        await delivery.send(CHAT, "Nhắc lịch giao dịch", [])
    assert caught.value.retry_after == 1.0  # the delivery's setting; 30 s by default
    assert ZaloDelivery(delivery.client).throttle_wait == 30.0


@pytest.mark.parametrize(
    ("code", "http_status", "expected"),
    [
        (404, 200, ChatGone),
        (403, 200, Transient),  # Zalo's table: "Internal server error" (sic)
        (400, 200, Rejected),
        (408, 200, Transient),
        (500, 500, Transient),
    ],
)
async def test_zalo_errors_become_the_senders(
    delivery: ZaloDelivery, zalo: FakeZalo, code: int, http_status: int, expected: type
) -> None:
    zalo.fail(code, http_status=http_status)
    with pytest.raises(expected):
        await delivery.send(CHAT, "Nhắc lịch giao dịch", [])


async def test_a_non_json_502_is_transient_for_the_sender(
    delivery: ZaloDelivery, zalo: FakeZalo
) -> None:
    zalo.garble(http_status=502)
    with pytest.raises(Transient):
        await delivery.send(CHAT, "Nhắc lịch giao dịch", [])


async def test_the_sender_pauses_after_a_429_and_then_delivers_everything(
    delivery: ZaloDelivery, zalo: FakeZalo, db_url: str
) -> None:
    engine = await open_database(db_url, inline=True)
    try:
        async with engine.begin() as conn:
            # Two linked, consenting chats: the sender sends only to chats that want it.
            officer = await conn.execute(
                officers.insert().values(full_name="Cán bộ", phone="0901000001", scope_all=True)
            )
            for chat in ("aaaa0001", "aaaa0002"):
                await conn.execute(
                    chat_links.insert().values(
                        channel="zalo",
                        chat_id=chat,
                        officer_id=officer.inserted_primary_key[0],  # type: ignore[index]
                        role="officer",
                        locale="vi",
                        created_at=NOW,
                        consent_at=NOW,
                        reminders_enabled=True,
                    )
                )
            await outbox.enqueue(
                conn,
                [
                    outbox.Message("zalo", chat, "Mai là ngày giao dịch", "test", f"t:{chat}", NOW)
                    for chat in ("aaaa0001", "aaaa0002")
                ],
                NOW,
            )
        zalo.fail(429, "Quota exceeded")
        sender = Sender(engine, delivery, TZ, clock=lambda: NOW, idle_poll=0.02)
        await sender.drain(within=10)
        async with engine.begin() as conn:
            statuses = Counter((await conn.execute(select(outbox_table.c.status))).scalars())
            attempts = (await conn.execute(select(func.max(outbox_table.c.attempts)))).scalar()
    finally:
        await engine.dispose()
    assert sorted(s.chat_id for s in zalo.sent) == ["aaaa0001", "aaaa0002"]
    assert statuses == Counter(sent=2) and attempts == 1  # the refused try did not count
    sends = zalo.calls_to("sendMessage")
    refused = next(c for c in sends if c.refused)
    # The refused message is tried again only after the pause (a send already on its way
    # when the 429 came back may arrive just after it: it cannot be called back).
    again = [c for c in sends if not c.refused and c.params["chat_id"] == refused.params["chat_id"]]
    assert again and again[0].at - refused.at >= 0.9  # paused ~1 s
    assert not [c for c in sends if 0.5 < c.at - refused.at < 0.9]  # for every chat


# ---- updates from untrusted bodies ----
DOCS_EXAMPLE: dict[str, Any] = {
    "message": {
        "from": {"id": "6ede9afa66b88fe6d6a9", "display_name": "Ted", "is_bot": False},
        "chat": {"id": "6ede9afa66b88fe6d6a9", "chat_type": "PRIVATE"},
        "text": "Xin chào",
        "message_id": "2d758cb5e222177a4e35",
        "date": 1750316131602,
    },
    "event_name": "message.text.received",
}


def test_a_bare_and_an_enveloped_update_read_alike() -> None:
    bare = parse_update(DOCS_EXAMPLE)
    assert bare == parse_update({"ok": True, "result": DOCS_EXAMPLE})
    assert bare == parse_body(b'{"ok": true, "result": ' + _json(DOCS_EXAMPLE) + b"}")
    assert bare is not None
    assert (bare.chat_id, bare.kind, bare.text, bare.display_name, bare.date_ms) == (
        "6ede9afa66b88fe6d6a9",
        MessageKind.TEXT,
        "Xin chào",
        "Ted",
        1750316131602,
    )
    assert bare.dedupe_key == "message.text.received:2d758cb5e222177a4e35"


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


def _with(message: dict[str, Any], event: str | None = "message.text.received") -> object:
    update: dict[str, Any] = {"message": message}
    if event is not None:
        update["event_name"] = event
    return update


GOOD = DOCS_EXAMPLE["message"]
GARBAGE: list[object] = [
    None,
    [],
    "message",
    42,
    {},
    {"ok": False, "error_code": 408, "description": "Request timeout"},
    {"ok": True, "result": None},
    {"ok": True, "result": [DOCS_EXAMPLE, DOCS_EXAMPLE]},
    {"ok": "yes", "result": DOCS_EXAMPLE},
    {"event_name": "message.text.received", "message": "Xin chào"},
    _with({**GOOD, "chat": None}),
    _with({**GOOD, "chat": {"id": ["6ede"]}}),
    _with({**GOOD, "chat": {"id": ""}}),
    _with({**GOOD, "chat": {"id": "x" * 65}}),
    _with({**GOOD, "chat": {"id": "6ede 9afa"}}),
    _with({**GOOD, "message_id": True}),
    _with({k: v for k, v in GOOD.items() if k != "message_id"}),
]


@pytest.mark.parametrize("payload", GARBAGE)
def test_garbage_updates_are_none(payload: object) -> None:
    assert parse_update(payload) is None


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"\xff\xfe",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"message": ' * 20 + b"{}" + b"}" * 20,
        b'{"ok": true, "result": {"message": {"text": "' + b"x" * 300_000 + b'"}}}',
        b'{"message_id": ' + b"9" * 5000 + b"}",
    ],
)
def test_unreadable_bodies_are_none(raw: bytes) -> None:
    assert parse_body(raw) is None


def test_wrong_typed_fields_are_left_out_not_fatal() -> None:
    message = {
        **GOOD,
        "from": {"id": 7, "display_name": ["Ted"], "is_bot": "no"},
        "text": {"body": "Xin chào"},
        "date": "yesterday",
    }
    update = parse_update(_with(message))
    assert update is not None
    assert (update.user_id, update.display_name, update.from_bot, update.text, update.date_ms) == (
        "7",
        "",
        False,
        "",
        None,
    )


def test_a_persons_text_is_bounded_and_cleaned() -> None:
    update = parse_update(_with({**GOOD, "text": "du\x00 no\u200b\r\n" + "a" * 10_000}))
    assert update is not None
    assert update.text.startswith("du no\u200b\n") and len(update.text) == MAX_TEXT


def test_chat_types_err_on_the_side_of_a_group() -> None:
    def chat_type(chat: dict[str, Any], sender: str = "6ede9afa66b88fe6d6a9") -> ChatType | None:
        update = parse_update(_with({**GOOD, "chat": chat, "from": {"id": sender}}))
        return None if update is None else update.chat_type

    assert chat_type({"id": "g1", "chat_type": "GROUP"}) is ChatType.GROUP
    assert chat_type({"id": "g1", "chat_type": "CHANNEL"}) is ChatType.GROUP  # unknown
    assert chat_type({"id": "6ede9afa66b88fe6d6a9"}) is ChatType.PRIVATE  # its id is the person's
    assert chat_type({"id": "g1"}) is ChatType.GROUP


@pytest.mark.parametrize(
    ("event", "extra", "kind", "text"),
    [
        (
            "message.image.received",
            {"photo": "https://x/1.jpg", "caption": "biên lai"},
            "image",
            "biên lai",
        ),
        ("message.sticker.received", {"sticker": "abc", "url": "https://x/s"}, "sticker", ""),
        ("message.voice.received", {"voice_url": "https://x/v.aac"}, "voice", ""),
        ("message.unsupported.received", {}, "unsupported", ""),  # content withheld by Zalo
        ("message.location.received", {}, "other", ""),
        (None, {}, "text", "Xin chào"),  # no event name: read from the content
    ],
)
def test_each_kind_of_message(
    event: str | None, extra: dict[str, Any], kind: str, text: str
) -> None:
    update = parse_update(_with({**GOOD, **extra}, event))
    assert update is not None and (update.kind, update.text) == (kind, text)
