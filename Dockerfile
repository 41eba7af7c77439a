# Mentore web app. For people who run Docker: `docker compose up` starts it next to the official
# neo4j:5.26-community image (see compose.yaml). Without Docker, `make run` does everything.

# --- front-end assets: Bootstrap Italia from its npm package
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- the app
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MENTORE_CONFIG=production
RUN useradd --create-home --uid 10001 mentore
WORKDIR /app
COPY setup.cfg pyproject.toml README.md ./
COPY mentore ./mentore
COPY graph ./graph
COPY templates ./templates
COPY scripts ./scripts
RUN pip install --no-cache-dir -e . \
 && pybabel compile -d mentore/translations
COPY --from=assets /src/node_modules/bootstrap-italia/dist/css mentore/static/vendor/bootstrap-italia/css
COPY --from=assets /src/node_modules/bootstrap-italia/dist/js mentore/static/vendor/bootstrap-italia/js
COPY --from=assets /src/node_modules/bootstrap-italia/dist/svg mentore/static/vendor/bootstrap-italia/svg
COPY --from=assets /src/node_modules/bootstrap-italia/dist/fonts mentore/static/vendor/bootstrap-italia/fonts
USER mentore
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)" || exit 1
# MENTORE_SECRET_KEY, MENTORE_NEO4J_URI and MENTORE_NEO4J_PASSWORD come from the environment.
CMD ["gunicorn", "--workers", "2", "--threads", "4", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "mentore:create_app()"]
