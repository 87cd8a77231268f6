"""A whole journey writes no file and logs no answer: privacy checked, not promised."""

from __future__ import annotations

import logging
import os
import sys
import tomllib

from app_driver import fill_every_step, model, next_step, press, start
from helpers import ROOT

from questions.listing import patient_list
from ui.downloads import document_bytes

SECRETS = ("Dr. Rivera", "Tinnitus", "sertraline", "My secret question about parking?")
_recording: list[tuple[str, str]] | None = None


def _audit(event: str, args: tuple) -> None:
    """Record every attempt to open a file for writing, or to create, move or delete one."""
    if _recording is None:
        return
    if event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        )
        if writing:
            _recording.append((event, str(path)))
    elif event in {"os.rename", "os.replace", "os.remove", "os.mkdir", "os.rmdir", "shutil.rmtree"}:
        _recording.append((event, str(args[0])))


sys.addaudithook(_audit)


def snapshot(folder) -> dict[str, float]:
    return {
        str(path): path.stat().st_mtime
        for path in folder.rglob("*")
        if path.is_file() and ".pytest_cache" not in path.parts and "__pycache__" not in path.parts
    }


def test_a_whole_journey_writes_no_file_and_logs_no_answer(tmp_path, monkeypatch, caplog, capfd):
    global _recording
    monkeypatch.chdir(tmp_path)
    before_repo, before_cwd = snapshot(ROOT), snapshot(tmp_path)
    caplog.set_level(logging.DEBUG)
    at = start()  # loading the app and its modules happens before recording starts
    _recording = []
    try:
        fill_every_step(at)
        at.text_area(key="_w_own_question").input(SECRETS[3]).run()
        press(at, "add_own")
        next_step(at, "review")
        listed = patient_list(model(at))
        built = {suffix: document_bytes(model(at), suffix) for suffix in (".pdf", ".html", ".txt")}
    finally:
        writes, _recording = _recording, None
    assert SECRETS[3] in [item.text for item in listed.items]
    assert SECRETS[3] in built[".txt"].decode() and built[".pdf"].startswith(b"%PDF")
    assert writes == [], f"the journey touched files: {writes}"
    assert snapshot(ROOT) == before_repo
    assert snapshot(tmp_path) == before_cwd
    captured = capfd.readouterr()
    logged = caplog.text + captured.out + captured.err
    for secret in SECRETS:
        assert secret not in logged


def test_the_server_config_keeps_everything_on_this_machine():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["maxUploadSize"] <= 1
    assert config["client"]["showErrorDetails"] == "none"
