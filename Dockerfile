# syntax=docker/dockerfile:1
# Tally's image: dependencies from the hashed lock only, the project installed, bytecode compiled at build time,
# no pip or setuptools at run time, a non-root user, the SQLite store and charts' cache on one volume.
#
#   docker build -t tally .
#   behind a mirror or a TLS-inspecting proxy (see README, "Running it for real"):
#   docker build --build-arg PIP_INDEX_URL=https://mirror.example/simple --secret id=pip_ca,src=corp-ca.pem -t tally .
#
# The base image is pinned by digest so a rebuild gets the same Python; refresh it deliberately with
#   docker buildx imagetools inspect python:3.11-slim     (the "Digest:" line), or override PYTHON_IMAGE.
ARG PYTHON_IMAGE=python:3.11-slim@sha256:9c900dea9e8fb7e16277c179b555cc72d29a352dbc33cff48ad5a0412fd5bfc7

FROM ${PYTHON_IMAGE} AS build
# A package index (a private mirror or proxy) and, as a secret, a CA bundle to trust in addition to the
# system's. Empty: the public index and the system's CAs.
# (Build arguments are environment variables of the RUN steps below, and only when given.)
ARG PIP_INDEX_URL
ARG PIP_EXTRA_INDEX_URL
ARG PIP_TRUSTED_HOST
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY locks/py3.11/requirements.lock /tmp/requirements.lock
RUN --mount=type=secret,id=pip_ca,required=false \
    set -eu; \
    if [ -s /run/secrets/pip_ca ]; then \
      cat /etc/ssl/certs/ca-certificates.crt /run/secrets/pip_ca > /tmp/ca.pem; export PIP_CERT=/tmp/ca.pem; \
    fi; \
    python -m venv /venv; \
    /venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.lock
COPY bot ./bot
COPY data ./data
# The project is installed into the venv as a path entry (no build tools needed): `import bot` and the `tally`
# command work from any folder, and data/ and var/ stay beside bot/ in /app, where the settings look for them.
# Then the installers are removed and everything is compiled to bytecode while the folders are writable.
RUN set -eu; \
    site=$(/venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))'); \
    echo /app > "$site/tally.pth"; \
    printf '#!/venv/bin/python\nimport sys\nfrom bot.__main__ import main\nsys.exit(main())\n' > /venv/bin/tally; \
    chmod 755 /venv/bin/tally; \
    /venv/bin/pip uninstall --yes --quiet pip setuptools; \
    /venv/bin/python -m compileall -q -j 0 /venv /app/bot; \
    cd / && /venv/bin/python -c 'import bot.__main__, discord, sqlalchemy, matplotlib'

FROM ${PYTHON_IMAGE}
RUN set -eu; \
    python -m pip uninstall --yes --quiet pip setuptools wheel 2>/dev/null || true; \
    rm -rf /usr/local/bin/pip* /usr/local/lib/python3.*/ensurepip; \
    useradd --system --create-home --uid 10001 tally; \
    mkdir -p /app/var; chown tally /app/var
COPY --from=build /venv /venv
COPY --from=build /app /app
WORKDIR /app
# DATABASE_URL empty or unset: the SQLite file /app/var/tally.db, on the volume.
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    MPLCONFIGDIR=/app/var/matplotlib
USER tally
VOLUME ["/app/var"]
ENTRYPOINT ["python", "-m", "bot"]
