"""Usage statistics are off, as the server really runs (what it tells the browser).

Journey 1 (test_journeys.py) checks the rest of the privacy promise: every request stays
on the app's own server, and the server log holds none of the patient's answers.
"""

from __future__ import annotations

import json
import tomllib
import urllib.request
from pathlib import Path

import pytest
from browser_driver import Wizard
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

pytestmark = pytest.mark.browser

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def test_the_server_tells_the_browser_not_to_gather_usage_stats(server, new_tab):
    """Streamlit sends its ``browser.gatherUsageStats`` in the session's first message."""
    assert tomllib.loads(CONFIG.read_text())["browser"]["gatherUsageStats"] is False

    frames: list[bytes] = []
    page = new_tab()
    page.on("websocket", lambda socket: socket.on("framereceived", lambda frame: frames.append(frame)))
    Wizard(page, server.url).open()

    sessions = []
    for frame in frames:
        if isinstance(frame, bytes):
            message = ForwardMsg()
            message.ParseFromString(frame)
            if message.WhichOneof("type") == "new_session":
                sessions.append(message.new_session)
    assert sessions, "no NewSession message seen on the WebSocket"
    assert all(session.config.gather_usage_stats is False for session in sessions)

    with urllib.request.urlopen(f"{server.url}/_stcore/host-config", timeout=5) as response:
        assert json.load(response)["metricsUrl"] == ""
