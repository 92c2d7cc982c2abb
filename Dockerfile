# One image for every Comity process; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The data volume (seeded registries, development keys) must be writable by the app user.
RUN mkdir -p /app/.data && chown node:node /app/.data
ENV NODE_ENV=production HOST=0.0.0.0
USER node
