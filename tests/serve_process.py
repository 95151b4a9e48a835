"""`python -m bot serve` as a child process for the tests: a free loopback port, and the
start awaited until `GET /healthz` answers 200 (the child killed if it never does)."""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

import httpx


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
