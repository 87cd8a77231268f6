"""The shipped proxy configs log no key, refuse session resumption and cap sizes, and say
the same thing for nginx and for the Ingress (issue #21). The browser test
``tests/browser/test_behind_proxy_keys.py`` runs the nginx config for real; this file
keeps the Ingress, the controller's ConfigMap and the app's own settings in step with it.
"""

from __future__ import annotations

import re
import tomllib

import yaml
from helpers import ROOT

from questions.answers_pdf import MAX_PDF_BYTES

NGINX = (ROOT / "deploy" / "nginx" / "question-prep.conf").read_text(encoding="utf-8")
INGRESS = yaml.safe_load((ROOT / "deploy" / "kubernetes" / "ingress.yaml").read_text(encoding="utf-8"))
CONTROLLER = yaml.safe_load(
    (ROOT / "deploy" / "kubernetes" / "ingress-nginx-config.yaml").read_text(encoding="utf-8")
)
ANNOTATIONS = INGRESS["metadata"]["annotations"]
SNIPPET = ANNOTATIONS["nginx.ingress.kubernetes.io/configuration-snippet"]
KEYS = (
    "$uri",
    "$request_uri",
    "$request ",
    "$remote_addr",
    "$http_x_forwarded_for",
    "$args",
    "$query_string",
)


def nginx_maps(text: str) -> dict[str, str]:
    """Each ``map ... { ... }`` block by its target variable, whitespace collapsed."""
    return {
        match.group(2): " ".join(match.group(0).split())
        for match in re.finditer(r"map \$(\S+) \$(\S+) \{[^}]*\}", text)
    }


def log_format(text: str) -> str:
    return re.search(r"log_format question_prep_private '([^']*)';", text).group(1)


def test_the_nginx_log_line_holds_no_key():
    line = log_format(NGINX)
    assert "$question_prep_log_path" in line
    for variable in KEYS:
        assert variable not in line + " ", f"the access log writes {variable}"
    assert re.search(r"access_log \S+ question_prep_private;", NGINX)
    assert re.search(r"error_log \S+ crit;", NGINX), "error lines quote the request and the client address"


def test_the_ingress_controller_logs_the_same_line_with_the_same_maps():
    data = CONTROLLER["data"]
    assert data["log-format-upstream"] == log_format(NGINX)
    for variable in KEYS:
        assert variable not in data["log-format-upstream"] + " "
    shipped, controller = nginx_maps(NGINX), nginx_maps(data["http-snippet"])
    for name in ("question_prep_log_path", "question_prep_ws_protocol"):
        assert controller[name] == shipped[name], name
    assert data["error-log-level"] == "crit"
    assert ANNOTATIONS.get("nginx.ingress.kubernetes.io/enable-access-log") != "true"


def test_both_proxies_send_only_streamlit_as_the_websocket_protocol():
    line = "proxy_set_header Sec-WebSocket-Protocol $question_prep_ws_protocol;"
    assert line in NGINX and line in SNIPPET
    ws_map = nginx_maps(NGINX)["question_prep_ws_protocol"]
    assert '"streamlit"' in ws_map and 'default "";' in ws_map


def test_request_bodies_and_frames_are_capped_to_what_the_app_reads():
    body = re.search(r"client_max_body_size (\d+)k;", NGINX)
    assert body and ANNOTATIONS["nginx.ingress.kubernetes.io/proxy-body-size"] == f"{body.group(1)}k"
    assert MAX_PDF_BYTES < int(body.group(1)) * 1024 < MAX_PDF_BYTES + 200 * 1024
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]
    assert settings["maxMessageSize"] == 1, (
        "1 MB: the smallest Streamlit allows, ten times the largest message"
    )
    assert settings["maxUploadSize"] * 1_000_000 >= MAX_PDF_BYTES


def test_the_permissions_policy_names_only_features_chromium_knows():
    for text in (NGINX, SNIPPET):
        policy = re.search(r'Permissions-Policy:? "?([^"]*)"', text).group(1)
        assert "bluetooth" not in policy and "camera=()" in policy


def test_the_container_compiles_the_pdf_readers_library():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"compileall .*pypdf", dockerfile)
