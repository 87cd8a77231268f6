"""The container and Kubernetes files, checked as far as this machine can.

There is no container daemon here, so the Dockerfile is read, not built. The Kubernetes
base is rendered by the real ``kubectl kustomize`` and the result checked: kinds, probes,
non-root, read-only root filesystem, cookie affinity, and the same security headers as
the nginx site (whose behaviour tests/browser/test_behind_proxy.py checks in a browser).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml
from helpers import ROOT

DOCKERFILE = ROOT / "Dockerfile"
NGINX_SITE = ROOT / "deploy" / "nginx" / "question-prep.conf"
KUSTOMIZE_BASE = ROOT / "deploy" / "kubernetes"


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile as (INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    result = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            result.append((word.upper(), rest.strip()))
    return result


def test_dockerfile_base_is_a_pinned_slim_python_311():
    bases = [args for word, args in instructions() if word == "FROM"]
    assert len(bases) == 1, bases
    image = bases[0].split()[0]
    # An exact release (3.11.N) or a digest, never a moving tag like "3.11" or "latest".
    assert re.fullmatch(r"python:3\.11\.\d+-slim(-\w+)?(@sha256:[0-9a-f]{64})?", image), image


def test_dockerfile_runs_as_a_numeric_non_root_user_with_a_health_check():
    steps = instructions()
    users = [args for word, args in steps if word == "USER"]
    assert users, "no USER: the container would run as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0") and user.isdigit() and int(user) >= 1000, users
    # Nothing runs after the switch that would need root.
    last_user = max(n for n, (word, _) in enumerate(steps) if word == "USER")
    assert not [args for word, args in steps[last_user:] if word == "RUN"]

    checks = [args for word, args in steps if word == "HEALTHCHECK"]
    assert len(checks) == 1 and "/_stcore/health" in checks[0] and "--interval" in checks[0], checks
    command = [args for word, args in steps if word == "CMD"][-1]
    assert "streamlit" in command and "app.py" in command and "0.0.0.0" in command, command
    # A bad clinic file stops the container before the server starts.
    assert command.index("python -m questions clinic &&") < command.index("streamlit run"), command


def test_dockerfile_installs_the_pinned_requirements_and_holds_no_secrets():
    steps = instructions()
    copied = " ".join(args for word, args in steps if word == "COPY")
    assert "requirements.txt" in copied
    installs = [args for word, args in steps if word == "RUN" and "pip install" in args]
    assert installs and all("-r requirements.txt" in args for args in installs), installs
    for args in installs:  # nothing but the lock: no package named loose on the command line
        words = args.split("pip install", 1)[1].split()
        assert all(w.startswith("-") or w == "requirements.txt" for w in words), args
    env = " ".join(args for word, args in steps if word in ("ENV", "ARG"))
    assert not re.search(r"(?i)(password|secret|token|api_?key|credential)", env), env
    assert "STREAMLIT_BROWSER_GATHER_USAGE_STATS=false" in env
    assert "PYTHONDONTWRITEBYTECODE=1" in env  # nothing written at run time: read-only root works
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "--hash=")):  # the lock: "name==version \\" then hashes
            assert re.fullmatch(r"[\w.-]+==[\w.]+( \\)?", line), f"not pinned exactly: {line}"
    # A tester's saved answers or PDFs never end up in an image.
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {"*.pdf", ".git", "tests"} <= set(ignored)


def rendered() -> list[dict]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set, so the Kubernetes base must be rendered: kubectl is missing")
        pytest.skip("kubectl not found (apt-get install kubectl)")
    result = subprocess.run(
        [kubectl, "kustomize", str(KUSTOMIZE_BASE)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "deprecated" not in result.stderr.lower(), result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@pytest.fixture(scope="module")
def manifests() -> dict[str, dict]:
    docs = rendered()
    by_kind = {doc["kind"]: doc for doc in docs}
    assert len(by_kind) == len(docs), "one of each kind"
    return by_kind


def test_kustomize_renders_every_kind(manifests):
    assert set(manifests) == {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "NetworkPolicy"}
    selector = manifests["Deployment"]["spec"]["selector"]["matchLabels"]
    assert manifests["Service"]["spec"]["selector"] == selector
    assert manifests["Deployment"]["spec"]["template"]["metadata"]["labels"].items() >= selector.items()
    target = manifests["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", manifests["Deployment"]["metadata"]["name"])


def test_pods_are_probed_sized_non_root_and_read_only(manifests):
    pod = manifests["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] >= 1000
    assert pod["automountServiceAccountToken"] is False
    (container,) = pod["containers"]
    port = container["ports"][0]["containerPort"]
    assert port == 8501
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health", probe
    security = container["securityContext"]
    assert security["readOnlyRootFilesystem"] is True
    assert security["allowPrivilegeEscalation"] is False
    assert security["capabilities"]["drop"] == ["ALL"]
    # The one writable place is a small memory-backed /tmp.
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    assert list(mounts) == ["/tmp"]
    (volume,) = pod["volumes"]
    assert volume["name"] == mounts["/tmp"] and volume["emptyDir"]["medium"] == "Memory"
    resources = container["resources"]
    assert set(resources) == {"requests", "limits"}
    assert {"cpu", "memory"} <= set(resources["requests"]) and {"cpu", "memory"} <= set(resources["limits"])
    hpa = manifests["HorizontalPodAutoscaler"]["spec"]
    assert 2 <= hpa["minReplicas"] < hpa["maxReplicas"]
    assert {m["resource"]["name"] for m in hpa["metrics"]} == {"cpu", "memory"}


def test_ingress_pins_a_session_to_one_replica_and_sends_the_proxy_headers(manifests):
    ingress = manifests["Ingress"]
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/affinity-mode"] == "persistent"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-secure"] == "true"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # the WebSocket stays
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == manifests["Service"]["metadata"]["name"]
    assert ingress["spec"]["tls"], "TLS on the way in"

    # Word for word the headers the nginx site sends (and the browser test checks).
    site_headers = dict(
        re.findall(r'^\s*add_header ([\w-]+) "([^"]*)" always;', NGINX_SITE.read_text(), re.M)
    )
    snippet = notes["nginx.ingress.kubernetes.io/configuration-snippet"]
    ingress_headers = dict(re.findall(r'^\s*more_set_headers "([\w-]+): ([^"]*)";', snippet, re.M))
    cache = ingress_headers.pop("Cache-Control")
    assert cache == "no-store" and "media" in snippet
    assert ingress_headers == site_headers
    assert {"Content-Security-Policy", "Strict-Transport-Security", "Permissions-Policy"} <= set(site_headers)
    assert "return 404" in snippet and "/_stcore/metrics" in snippet


def test_nothing_leaves_the_pod(manifests):
    policy = manifests["NetworkPolicy"]["spec"]
    assert "Egress" in policy["policyTypes"] and policy["egress"] == []


def test_dockerfile_and_readme_agree_on_how_to_run():
    readme = (ROOT / "README.md").read_text()
    assert "docker run --read-only" in readme
    assert "kubectl apply -k deploy/kubernetes" in readme
