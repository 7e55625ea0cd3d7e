# studybot: a slim image that runs `studybot run` as a non-root user, data in a volume.
FROM python:3.11-slim AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --locked --no-dev --no-install-project
COPY bot ./bot
COPY content ./content
COPY migrations ./migrations
RUN uv sync --locked --no-dev

FROM python:3.11-slim
RUN useradd --system --create-home --uid 10001 studybot \
    && mkdir /data && chown studybot /data
WORKDIR /app
COPY --from=build /app /app
ENV PATH="/app/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    STUDYBOT_DATA_DIR=/data \
    STUDYBOT_CONTENT_DIR=/app/content
USER studybot
VOLUME ["/data"]
ENTRYPOINT ["studybot"]
CMD ["run"]
