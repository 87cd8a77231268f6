# Ketamine Question Prep: the app in a small container.
#
#   docker build -t question-prep .
#   docker run --read-only --tmpfs /tmp -p 127.0.0.1:8501:8501 question-prep
#
# Put the reverse proxy from deploy/nginx/ (or the Ingress in deploy/kubernetes/) in front:
# Streamlit cannot send the security headers a health app needs. A clinic file goes in
# with a read-only mount and QUESTION_PREP_CLINIC (README, "For clinics").

# An exact Python release on Debian's slim image: rebuilds get the same interpreter.
# Pin it by digest as well, so a re-pushed tag cannot change the base under you:
#   docker buildx imagetools inspect python:3.11.14-slim-bookworm   (the "Digest:" line)
#   FROM python:3.11.14-slim-bookworm@sha256:<that digest>
# (Written where no image registry could be reached, so the digest is not filled in here.)
FROM python:3.11.14-slim-bookworm

# No .pyc written at run time (the root filesystem may be read-only), logs unbuffered,
# pip keeps no cache in the image, Streamlit sends no usage statistics.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    HOME=/home/app

# One unprivileged user owns nothing it runs: the app's files belong to root, read-only.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home --shell /usr/sbin/nologin app

WORKDIR /app

# The runtime dependencies, pinned exactly, installed before the code so a code change
# reuses this layer.
COPY requirements.txt ./
RUN pip install --no-compile -r requirements.txt

COPY .streamlit ./.streamlit
COPY app.py ./
COPY pages ./pages
COPY ui ./ui
COPY questions ./questions
COPY data ./data
COPY examples/clinic.yaml ./examples/clinic.yaml
# Compile once at build time, so nothing needs writing when the app starts. pypdf too:
# every uploaded PDF is read by a fresh, budgeted child process (questions/answers_pdf.py)
# that would otherwise compile pypdf again each time, on its CPU budget.
RUN python -m compileall -q /app "$(python -c 'import os, pypdf; print(os.path.dirname(pypdf.__file__))')"

USER 10001:10001

EXPOSE 8501

# Streamlit's own health endpoint; the standard library only (no curl in a slim image).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() == b'ok' else 1)"]

# First the clinic file, if QUESTION_PREP_CLINIC names one: a bad file stops the container
# with one plain line instead of serving a broken app. Then the app, listening on every
# interface of the container's own network (.streamlit/config.toml keeps 127.0.0.1 for
# everyone who runs it without a container).
CMD ["sh", "-c", "python -m questions clinic && exec streamlit run app.py --server.address=0.0.0.0 --server.port=8501"]
