# syntax=docker/dockerfile:1.7
# The workspace's command-line tools (model training and registry, simulator), for one-shot jobs
# such as docker compose's model-init. Not a service image: it carries the whole workspace with
# its dev dependencies, because the tools run from TypeScript sources through tsx.
#   docker build -f deploy/tools.Dockerfile -t rtml/tools:0.1.0 .

FROM node:24.21.0-bookworm-slim AS manifests
WORKDIR /workspace
COPY . .
RUN mkdir -p /manifests \
 && cp package.json package-lock.json /manifests/ \
 && find libs services -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \;

FROM node:24.21.0-bookworm-slim AS tools
WORKDIR /workspace
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked npm ci --no-audit --no-fund
COPY . .
# The tools keep their scratch files in .stack/work (git-ignored, like on a workstation).
RUN mkdir -p .stack/work && chown -R 1000:1000 .stack
USER 1000:1000
CMD ["sh", "deploy/init/default-model.sh"]
