"""The project's nginx configuration, run for real on loopback in front of a test server.

``deploy/nginx/question-prep.conf`` is used as shipped except for what only a real
host has: its ports (loopback ports here), the certificate (a throwaway self-signed one
made in the test's folder), the app's address and the log file's place. Each of those
lines must be found exactly once, so a config that drifts from what the test knows fails
here instead of being tested half-way. nginx runs in the foreground with its pid file and
temporary folders in the test's folder, and stops with the test.
"""

from __future__ import annotations

import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from browser_driver import stop_process_group

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "question-prep.conf"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_path() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def site_for_test(app_port: int, https_port: int, http_port: int, folder: Path) -> str:
    """The shipped site file with only its host-specific lines changed (each exactly once)."""
    cert, key = self_signed_certificate(folder)
    text = SITE.read_text(encoding="utf-8")
    changes = [
        (r"server 127\.0\.0\.1:8501;", f"server 127.0.0.1:{app_port};"),
        (r"\n\s*listen \[::\]:80;", ""),
        (r"\n\s*listen \[::\]:443 ssl;", ""),
        (r"listen 80;", f"listen 127.0.0.1:{http_port};"),
        (r"listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        (r"/etc/ssl/question-prep/fullchain\.pem", str(cert)),
        (r"/etc/ssl/question-prep/privkey\.pem", str(key)),
        (r"/var/log/nginx/question-prep\.access\.log", str(folder / "access.log")),
        (r"/var/log/nginx/question-prep\.error\.log", str(folder / "site-error.log")),
    ]
    for pattern, replacement in changes:
        text, count = re.subn(pattern, replacement.replace("\\", "\\\\"), text)
        assert count == 1, f"deploy/nginx/question-prep.conf: expected one '{pattern}', found {count}"
    return text


@dataclass
class Proxy:
    https_port: int
    http_port: int
    folder: Path
    process: subprocess.Popen = field(repr=False)
    command: list[str] = field(default_factory=list, repr=False)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.https_port}"

    def log(self) -> str:
        return "\n".join(
            path.read_text(errors="replace") for path in sorted(self.folder.glob("*.log")) if path.exists()
        )

    def stop(self) -> None:
        stop_process_group(self.process)

    def restart(self) -> None:
        """Stop nginx (every connection through it ends) and start it again on the same ports."""
        self.stop()
        self.process = _launch(self.command)
        _wait_until_healthy(self)


def insecure_context() -> ssl.SSLContext:
    """For the throwaway certificate only."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names; repeated ones joined by ", ") and body; no redirects followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=insecure_context()))
    try:
        with opener.open(url, timeout=10) as response:
            status, message, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, message, body = error.code, error.headers, error.read()
    headers: dict[str, str] = {}
    for name, value in message.items():
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return status, headers, body


def start_proxy(nginx: str, app_port: int, folder: Path) -> Proxy:
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)  # nginx's workers (an unprivileged user when started as root) look inside
    https_port, http_port = free_port(), free_port()
    (folder / "question-prep.conf").write_text(
        site_for_test(app_port, https_port, http_port, folder), encoding="utf-8"
    )
    (folder / "nginx.conf").write_text(
        f"""worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    access_log off;
    include {folder}/question-prep.conf;
}}
""",
        encoding="utf-8",
    )
    command = [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(folder / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, f"nginx refused the project's config:\n{check.stderr}"
    proxy = Proxy(https_port, http_port, folder, _launch(command), command)
    _wait_until_healthy(proxy)
    return proxy


def _launch(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [*command, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _wait_until_healthy(proxy: Proxy) -> None:
    process = proxy.process
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert process.poll() is None, f"nginx exited with {process.returncode}:\n{proxy.log()}"
        try:
            if fetch(f"{proxy.url}/_stcore/health")[2].strip() == b"ok":
                return
        except OSError:
            pass
        time.sleep(0.1)
    proxy.stop()
    raise AssertionError(f"nginx did not pass the app's health check within 20 s:\n{proxy.log()}")
