"""The channels `run` and `serve` bring up: Telegram when BOT_TOKEN is set, Zalo when
ZALO_BOT_TOKEN is, or both in one process; each gives the outbox its own delivery. What is
missing is said in one line."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.routing import BaseRoute, Mount

from bot.config import Settings
from bot.inbound.router import Router
from bot.outbound.sender import Delivery
from locales.i18n import _


def run_problem(settings: Settings) -> str | None:
    """Why `run` cannot start, or None."""
    if not settings.bot_token and not settings.zalo_bot_token:
        return _("set BOT_TOKEN (Telegram) or ZALO_BOT_TOKEN (Zalo), or both")
    return None


def serve_problem(settings: Settings) -> str | None:
    """Why `serve` cannot start, or None."""
    if not settings.bot_token and not settings.zalo_bot_token:
        return _("set BOT_TOKEN (Telegram) or ZALO_BOT_TOKEN (Zalo), or both")
    needed = [("WEBHOOK_URL", settings.webhook_url)]
    if settings.bot_token:
        needed.append(("WEBHOOK_SECRET", settings.webhook_secret))
    if settings.zalo_bot_token:
        needed.append(("ZALO_WEBHOOK_SECRET", settings.zalo_webhook_secret))
    missing = [name for name, value in needed if not value]
    if missing:
        return _("{names} must be set for serve").format(names=", ".join(missing))
    return None


async def zalo_problem(settings: Settings) -> str | None:
    """Why Zalo refuses the bot (its token, asked with getMe), or None. Zalo not answering at
    all is no reason to stop: polling tries again."""
    from bot.channels.zalo.client import ZaloApiError, ZaloClient, ZaloUnavailable

    if not settings.zalo_bot_token:
        return None
    try:
        async with ZaloClient(settings.zalo_bot_token, base_url=settings.zalo_api_url) as zalo:
            await zalo.get_me()
    except ZaloUnavailable:
        return None
    except ZaloApiError as error:
        return _("Zalo refused the bot: {reason}").format(reason=error)
    return None


@asynccontextmanager
async def polled(settings: Settings, router: Router) -> AsyncIterator[list[Delivery]]:
    """Every configured channel long polling until the block ends; their deliveries."""
    from bot.channels.telegram.delivery import telegram_delivery
    from bot.channels.telegram.updates import polling as telegram_polling
    from bot.channels.zalo.adapter import polling as zalo_polling

    deliveries: list[Delivery] = []
    async with AsyncExitStack() as stack:
        if settings.bot_token:
            await stack.enter_async_context(telegram_polling(settings, router))
            deliveries.append(await stack.enter_async_context(telegram_delivery(settings)))
        if settings.zalo_bot_token:
            zalo = await stack.enter_async_context(zalo_polling(settings, router))
            deliveries.append(zalo.delivery)
        yield deliveries


@asynccontextmanager
async def served(
    settings: Settings, router: Router, engine: AsyncEngine
) -> AsyncIterator[tuple[list[Delivery], Starlette]]:
    """Every configured channel's webhook registered (WEBHOOK_URL + /telegram, + /zalo) and
    the web app that receives them, with GET /healthz; their deliveries."""
    from bot.channels.health import health_route
    from bot.channels.zalo.webhook import serving as zalo_serving

    url = settings.webhook_url or ""
    deliveries: list[Delivery] = []
    routes: list[BaseRoute] = []
    async with AsyncExitStack() as stack:
        if settings.zalo_bot_token and settings.zalo_webhook_secret:
            zalo, route = await stack.enter_async_context(
                zalo_serving(settings, router, url, settings.zalo_webhook_secret)
            )
            deliveries.append(zalo.delivery)
            routes.append(route)
        if settings.bot_token and settings.webhook_secret:
            telegram_app, delivery = await _telegram(stack, settings, router, engine)
            deliveries.append(delivery)
            routes.append(Mount("/", app=telegram_app))  # /telegram and /healthz
        else:
            routes.append(health_route(engine))
        yield deliveries, Starlette(routes=routes)


async def _telegram(
    stack: AsyncExitStack, settings: Settings, router: Router, engine: AsyncEngine
) -> tuple[Starlette, Delivery]:
    """Telegram's webhook set and its application started (stopped when the stack closes)."""
    from telegram import Update

    from bot.channels.telegram.delivery import telegram_delivery
    from bot.channels.telegram.drainer import draining
    from bot.channels.telegram.updates import build_application, set_default_commands
    from bot.channels.telegram.webhook import webhook_app

    secret = settings.webhook_secret or ""
    application = build_application(settings, router, polling=False)
    await stack.enter_async_context(application)
    delivery = await stack.enter_async_context(telegram_delivery(settings))
    await set_default_commands(application)
    await application.bot.set_webhook(
        url=(settings.webhook_url or "").rstrip("/") + "/telegram",
        secret_token=secret,
        allowed_updates=Update.ALL_TYPES,
    )
    await application.start()
    stack.push_async_callback(application.stop)
    # Updates left in the webhook inbox by a crash are the oldest rows: drained first.
    drainer = await stack.enter_async_context(draining(engine, application))
    return webhook_app(application, secret, engine, drainer.wake), delivery
