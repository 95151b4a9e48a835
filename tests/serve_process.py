"""`python -m bot serve` as a child process for the tests: a free loopback port, the start
awaited until `GET /healthz` answers 200 (the child killed if it never does), and a run left
to work until a condition holds, then stopped as an operator stops it."""

from __future__ import annotations

import asyncio
import socket
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx


async def bot_process(
    command: str, folder: Path, env: dict[str, str]
) -> asyncio.subprocess.Process:
    """`python -m bot COMMAND` started in `folder` with `env`, stdout and stderr piped."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        command,
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def until_healthy(http: httpx.AsyncClient) -> None:
    for _ in range(300):
        try:
            if (await http.get("/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError("serve never answered /healthz")


async def start_serve(folder: Path, env: dict[str, str], port: int) -> asyncio.subprocess.Process:
    """`serve` started in `folder` with `env` (PORT=port in it), once it answers /healthz;
    its stderr is a pipe (read it with `communicate()` after stopping it)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "serve",
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            await until_healthy(http)
    except AssertionError:
        proc.kill()
        await proc.wait()
        raise
    return proc


async def serve_until(
    start: Callable[[], Awaitable[asyncio.subprocess.Process]],
    done: Callable[[], bool],
    settle: float,
    limit: float = 60,
) -> tuple[int | None, str]:
    """Starts `serve`, waits until `done()` (at most `limit` s) and `settle` s more, then stops
    it with SIGTERM; its exit code and stderr."""
    proc = await start()
    try:
        deadline = time.monotonic() + limit
        while not done() and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.2)
        await asyncio.sleep(settle)
    finally:
        proc.terminate()
        _out, err = await asyncio.wait_for(proc.communicate(), 30)
    return proc.returncode, err.decode()
