# The comment inbox as a container: form posts in, pending files committed to a git branch out.
# Build: docker build -t coaching-inbox .
# Run:   docker run -p 8100:8100 -e COMMENTS_REPO=/repo -e COMMENTS_SITE_ORIGIN=https://your.site \
#          -e COMMENTS_PUSH_TOKEN=... -v /path/to/clone:/repo coaching-inbox
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY coaching_kb ./coaching_kb
COPY plugins ./plugins
RUN pip install --no-cache-dir .
USER nobody
EXPOSE 8100
CMD ["uvicorn", "coaching_kb.moderation.inbox:create_app", "--factory", "--no-proxy-headers", "--no-access-log", "--host", "0.0.0.0", "--port", "8100"]
