# One image recipe for every app of the monorepo. Build it from the repository root:
#
#   docker build -f deploy/docker/node-app.Dockerfile --build-arg APP=user-rpc -t mall-user-rpc .
#
# APP is a folder of apps/ (user-rpc, product-rpc, order-rpc, pay-rpc, gateway); its package is
# @mall/$APP. docker-compose.yml passes APP per service.
#
#   prune    turbo keeps only @mall/$APP and the workspace packages it needs (out/json + out/full)
#   build    pnpm install from the pruned lockfile, the same tsc build `pnpm build` runs (through
#            turbo), then a production-only `pnpm deploy` of the app
#   runtime  node:20 slim, non-root, nothing but package.json, dist/, sql/ and production node_modules
#
# Needs BuildKit (the default builder of Docker 23+ and of docker compose) for the pnpm store cache.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
# pnpm version = root package.json "packageManager".
RUN npm install --global pnpm@10.28.0 && pnpm --version
ENV CI=true \
    TURBO_TELEMETRY_DISABLED=1
WORKDIR /repo

# ---------------------------------------------------------------------------------------------------
FROM base AS prune
ARG APP
RUN test -n "${APP}" || { echo 'build-arg APP is required, e.g. --build-arg APP=user-rpc' >&2; exit 1; }
COPY . .
# turbo is a root devDependency: run exactly the version pnpm-lock.yaml pins, without installing
# the whole workspace first.
RUN TURBO_VERSION="$(sed -n '/^importers:/,/^packages:/{/^      turbo:/{n;n;s/^ *version: *//p;q}}' pnpm-lock.yaml)" \
 && { [ -n "${TURBO_VERSION}" ] || { echo "cannot read turbo's version from pnpm-lock.yaml" >&2; exit 1; }; } \
 && npm install --global "turbo@${TURBO_VERSION}" \
 && turbo prune "@mall/${APP}" --docker

# ---------------------------------------------------------------------------------------------------
FROM base AS build
ARG APP
# 1. Dependencies from package.json files + the pruned lockfile only: cached until they change.
COPY --from=prune /repo/out/json/ ./
RUN --mount=type=cache,id=mall-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir /pnpm/store
# 2. Sources, then the tsc build the tests use.
COPY --from=prune /repo/out/full/ ./
RUN pnpm turbo run build --filter="@mall/${APP}..."
# 3. A self-contained copy of the app with production dependencies only (workspace packages are
#    copied in with their dist/), reduced to what runs: package.json, dist/, node_modules/, and the
#    app's sql/ migrations, which rpc apps read at start-up (the gateway has none).
RUN --mount=type=cache,id=mall-pnpm-store,target=/pnpm/store \
    pnpm --config.inject-workspace-packages=true --filter="@mall/${APP}" \
      deploy --prod --store-dir /pnpm/store /tmp/deploy \
 && mkdir -p /app \
 && mv /tmp/deploy/package.json /tmp/deploy/node_modules /tmp/deploy/dist /app/ \
 && if [ -d "apps/${APP}/sql" ]; then cp -R "apps/${APP}/sql" /app/sql; fi \
 && test -f /app/dist/main.js

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG APP
LABEL org.opencontainers.image.title="mall-${APP}" \
      org.opencontainers.image.description="go-zero-mall in TypeScript: ${APP}"
ENV NODE_ENV=production
WORKDIR /app
# Owned by root, so the app cannot change its own code.
COPY --from=build /app ./
# The official node images ship the unprivileged user `node` (uid 1000).
USER node
# Ports: rpc apps 9000-9003 (gRPC + grpc.health.v1), gateway 8888 (HTTP, GET /healthz); Prometheus
# /metrics on METRICS_PORT (gateway 9080, rpc apps 9090-9093), DTM's on its HTTP port (/api/metrics).
# Healthchecks (docker-compose.yml):
#   rpc      node /app/node_modules/@mall/rpc/dist/health-probe.js 127.0.0.1:<PORT>
#   gateway  node -e "fetch('http://127.0.0.1:8888/healthz')…"
CMD ["node", "dist/main.js"]
