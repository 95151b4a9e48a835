"""Typed dialog state: each dialog flow keeps its open step as a small dataclass (a
`FlowState`) and a step name, stored as one row per chat (storage.dialogs), so a restart or a
second worker loses nothing and a reader sees what a flow remembers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, ClassVar, Self, TypeVar

from handlers.context import Context
from storage import dialogs
from storage.dialogs import Dialog


class FlowState:
    """Base of the flows' states: frozen dataclasses with a `FLOW` name."""

    FLOW: ClassVar[str]

    def dump(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload, no-any-return]

    @classmethod
    def load(cls, data: Mapping[str, Any]) -> Self | None:
        """The state from a stored row; None when the row is not a valid state of this flow."""
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        try:
            return cls(**{key: value for key, value in data.items() if key in names})
        except TypeError:
            return None


S = TypeVar("S", bound=FlowState)


def state_of(dialog: Dialog | None, kind: type[S]) -> tuple[S, str] | None:
    """(state, step) of an open dialog of this flow, or None."""
    if dialog is None or dialog.flow != kind.FLOW:
        return None
    state = kind.load(dialog.data)
    return None if state is None else (state, dialog.step)


async def save(ctx: Context, state: FlowState, step: str, ttl: timedelta | None = None) -> None:
    """Keep the flow's state and step for this chat (24 hours unless `ttl` says otherwise)."""
    extra = {} if ttl is None else {"ttl": ttl}
    await dialogs.set_dialog(
        ctx.conn,
        ctx.person.channel,
        ctx.person.chat_id,
        state.FLOW,
        step,
        state.dump(),
        ctx.now,
        **extra,
    )


async def close(ctx: Context) -> None:
    """The flow is over (done, cancelled or expired); the dialog it interrupted, if any (the
    tally's draft under a meeting moved), is open again and noted in `ctx.resumed`, for the
    router to say it still waits."""
    back = await dialogs.close_dialog(ctx.conn, ctx.person.channel, ctx.person.chat_id, ctx.now)
    if back is not None:
        ctx.resumed = back
