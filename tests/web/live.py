"""A real `jixiao serve` in a subprocess for tests that need concurrency a test client
cannot give (threads of a real server, a file-backed database): start, wait, stop."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_answering(url: str, proc: subprocess.Popen[Any] | None = None, *,
                         timeout: float = 90, poll: float = 0.25,
                         output: Callable[[], str] | None = None) -> None:
    """Return once `url` answers a GET; RuntimeError (saying why, with the server's output)
    when `proc` exits first or nothing answers within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            said = output() if output else (proc.stdout.read() if proc.stdout else "")
            if isinstance(said, bytes):
                said = said.decode(errors="replace")
            raise RuntimeError(f"the server exited with code {proc.returncode}: {said[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {timeout:.0f} s") from None
            time.sleep(poll)


@contextlib.contextmanager
def live_server(database_url: str, *, threads: int = 4, timeout: float = 90) -> Iterator[str]:
    """`jixiao serve --demo` on a free 127.0.0.1 port against `database_url`; yields the
    base URL and stops the server afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    env["JIXIAO_DATABASE_URL"] = database_url
    proc = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "serve", "--demo", "--port", str(port),
         "--threads", str(threads)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base + "/login/", proc, timeout=timeout)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def call(base: str, method: str, path: str, body: dict[str, Any] | None = None,
         token: str = "", timeout: float = 60) -> tuple[int, Any]:
    """One JSON API call: (status, decoded body or the raw text)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            status, raw = answer.status, answer.read()
    except urllib.error.HTTPError as err:
        status, raw = err.code, err.read()
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw.decode("utf-8", "replace")
