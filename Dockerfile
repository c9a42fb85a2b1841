# Netlens as a container: `docker run` it next to the engine it maps (see README, "Run it as a
# container", and docs/deploy.md). Works with the classic builder and BuildKit alike.
#
# NODE_IMAGE: the official Node image for users; where no registry is reachable, a local
# equivalent built by scripts/build-base-image.sh (netlens-node-base:20).
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- dependencies: their own layer, rebuilt only when the lockfile changes
FROM ${NODE_IMAGE} AS deps
# Marks the build stages (inherited by build and socket-proxy), so scripts/build-image.sh can drop
# those of earlier builds: each is a gigabyte of node_modules.
LABEL netlens.build-cache=1
WORKDIR /src
# .build-ca.pem, when present: the CA of a TLS-intercepting proxy between the build and the npm
# registry (scripts/build-image.sh passes NODE_EXTRA_CA_CERTS so). Build stages only.
COPY package.json package-lock.json .build-ca.pe[m] ./
RUN if [ -s .build-ca.pem ]; then export NODE_EXTRA_CA_CERTS=/src/.build-ca.pem; fi \
  && npm ci --no-audit --no-fund --loglevel=error

# ---- build: Next.js standalone output (server.js + only the modules it traces)
FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 NETLENS_STANDALONE=1
# The data directory is a volume at run time: none may be baked into the image.
RUN npx next build && rm -rf .next/standalone/data

# ---- the default-deny Docker API proxy of compose.yaml, one file with no dependencies
FROM deps AS socket-proxy
COPY scripts/docker-api-proxy.ts scripts/docker-api-proxy-cli.ts scripts/
RUN npx esbuild scripts/docker-api-proxy-cli.ts --bundle --platform=node --target=node20 \
  --format=esm --log-level=warning --outfile=docker-api-proxy.mjs

# ---- runtime: the build output only (no dev dependencies, no sources); code read-only for its user
FROM ${NODE_IMAGE} AS runtime
# HOST/HOSTNAME 0.0.0.0: reachable through a published port. The Host allow-list still holds:
# loopback names pass, anything else only when listed in NETLENS_ALLOWED_HOSTS.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    NETLENS_DATA_DIR=/data
WORKDIR /app
# A user of its own (no login, no home to write); it reaches the Docker socket only through the
# socket's group, given at run time: `--group-add $(stat -c %g /var/run/docker.sock)`.
RUN echo 'netlens:x:10001:10001:Netlens:/nonexistent:/usr/sbin/nologin' >>/etc/passwd \
  && echo 'netlens:x:10001:' >>/etc/group \
  && mkdir -p /data && chown 10001:10001 /data && chmod 0700 /data
COPY --from=build /src/.next/standalone ./
COPY --from=build /src/.next/static ./.next/static
COPY --from=build /src/public ./public
COPY --from=socket-proxy /src/docker-api-proxy.mjs ./
# Next's cache directory on /tmp: with --read-only, /tmp is the one writable place (a tmpfs)
# besides the data volume.
RUN ln -s /tmp/netlens-next-cache .next/cache
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000
# /api/health answers 200 while the server runs, engine reachable or not (the body says which).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
# Last, so a new revision or build date re-uses every layer above.
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="Netlens" \
      org.opencontainers.image.description="A live map of Docker container networks, drawn from the Container Network Model" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.documentation="README.md#run-it-as-a-container"
