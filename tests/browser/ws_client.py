"""A WebSocket-level Streamlit client: what an attacker without a browser can do.

``visit`` opens ``/_stcore/stream`` with any ``Sec-WebSocket-Protocol`` entries (the third
is a session id to resume), asks for one page and returns what the server sent: the
session id it gave and every message's raw bytes. ``giant_frame`` sends the header of a
WebSocket frame far over the server's limit and some of its body, and says how the server
answered.
"""

from __future__ import annotations

import asyncio
import base64
import os
import socket
import ssl
import struct
import threading
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect


@dataclass
class Visit:
    session_id: str = ""
    messages: list[bytes] = field(default_factory=list)

    def shows(self, words: str) -> bool:
        """Whether any message carries ``words`` (as UTF-8 bytes, anywhere in a message)."""
        needle = words.encode("utf-8")
        return any(needle in message for message in self.messages)


def _tls() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


async def _visit(base: str, protocols: list[str], page: str, timeout: float) -> Visit:
    scheme = "wss" if base.startswith("https") else "ws"
    host = base.split("://", 1)[1]
    seen = Visit()
    async with connect(
        f"{scheme}://{host}/_stcore/stream",
        subprotocols=protocols,  # type: ignore[arg-type]
        origin=base,  # type: ignore[arg-type]
        ssl=_tls() if scheme == "wss" else None,
        max_size=None,
        open_timeout=timeout,
    ) as socket_:
        message = BackMsg()
        message.rerun_script.page_name = page
        message.rerun_script.query_string = ""
        await socket_.send(message.SerializeToString())
        async with asyncio.timeout(timeout):
            async for raw in socket_:
                if isinstance(raw, str):
                    continue
                seen.messages.append(raw)
                forward = ForwardMsg()
                forward.ParseFromString(raw)
                kind = forward.WhichOneof("type")
                if kind == "new_session" and forward.new_session.initialize.session_id:
                    seen.session_id = forward.new_session.initialize.session_id
                if kind == "script_finished":
                    break
    return seen


def visit(base: str, protocols: list[str], page: str = "", timeout: float = 30) -> Visit:
    """Run on a thread of its own: Playwright's sync API keeps an event loop on this one."""
    result: list[Visit | BaseException] = []

    def run() -> None:
        try:
            result.append(asyncio.run(_visit(base, protocols, page, timeout)))
        except BaseException as exc:  # handed back to the caller
            result.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]


def giant_frame(host: str, port: int, *, tls: bool, declared: int, sent: int) -> bytes:
    """Open the stream by hand, send a binary frame's header declaring ``declared`` bytes,
    then ``sent`` bytes of its body (or fewer, if the server closes first). Returns what
    the server sent back after the handshake (a close frame, or nothing)."""
    raw = socket.create_connection((host, port), timeout=30)
    conn: socket.socket = _tls().wrap_socket(raw, server_hostname=host) if tls else raw
    key = base64.b64encode(os.urandom(16)).decode()
    origin = f"{'https' if tls else 'http'}://{host}:{port}"
    conn.sendall(
        (
            f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Sec-WebSocket-Protocol: streamlit\r\nOrigin: {origin}\r\n\r\n"
        ).encode()
    )
    response = b""
    while b"\r\n\r\n" not in response:
        chunk = conn.recv(4096)
        if not chunk:
            raise AssertionError(f"no WebSocket handshake: {response!r}")
        response += chunk
    assert b" 101 " in response.split(b"\r\n", 1)[0], response
    after = response.split(b"\r\n\r\n", 1)[1]
    header = b"\x82" + bytes([0x80 | 127]) + struct.pack("!Q", declared) + os.urandom(4)
    conn.sendall(header)
    chunk = b"\0" * 65536
    conn.settimeout(0.5)
    try:
        for _ in range(sent // len(chunk)):
            conn.sendall(chunk)
    except OSError:
        pass  # the server closed the connection while we were still sending: refused
    conn.settimeout(10)
    try:
        while True:
            data = conn.recv(65536)
            if not data:
                break
            after += data
    except OSError:
        pass
    conn.close()
    return after
