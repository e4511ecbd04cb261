# Tally: multi-stage build; the image runs as a non-root user with the SQLite file on a volume.
FROM python:3.11-slim AS build
WORKDIR /app
COPY requirements.lock ./
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir --disable-pip-version-check -r requirements.lock

FROM python:3.11-slim
RUN useradd --system --create-home --uid 10001 tally && mkdir -p /var/lib/tally && chown tally /var/lib/tally
COPY --from=build /venv /venv
WORKDIR /app
COPY bot ./bot
COPY data ./data
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DATABASE_URL=sqlite:////var/lib/tally/tally.db
USER tally
VOLUME ["/var/lib/tally"]
ENTRYPOINT ["python", "-m", "bot"]
