#!/usr/bin/env bash
# Starts the demo school on http://127.0.0.1:3000 (or $HOST and $PORT): installs
# dependencies if node_modules is missing, writes an AUTH_SECRET into
# .env.local if it has none, migrates and seeds data/app.db, builds, and runs
# `next start`. Run it with `npm run demo`.
set -euo pipefail

cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
port="${PORT:-3000}"
# The demo accounts share a published password, so listen on this machine
# only unless HOST is set (HOST=0.0.0.0 to reach it from the network).
host="${HOST:-127.0.0.1}"
# The address the banner prints and APP_URL defaults to. A server bound to
# 127.0.0.1 is reached there; "localhost" may resolve to ::1 first.
if [ "$host" = "127.0.0.1" ]; then
  base_url="http://127.0.0.1:$port"
else
  base_url="http://localhost:$port"
fi

if [ ! -d node_modules ]; then
  echo "Installing dependencies (npm ci)..."
  npm ci --no-audit --no-fund
fi

# A line such as AUTH_SECRET=abc or export AUTH_SECRET="abc". An empty value does not count.
has_auth_secret() {
  [ -f .env.local ] &&
    grep -Eq "^[[:space:]]*(export[[:space:]]+)?AUTH_SECRET[[:space:]]*=[[:space:]]*[\"']?[^\"'[:space:]]" .env.local
}

if ! has_auth_secret; then
  secret="$(openssl rand -base64 32 2>/dev/null ||
    node -e 'console.log(require("node:crypto").randomBytes(32).toString("base64"))')"
  # The file contains a secret, so a new one is readable by its owner only.
  if [ ! -f .env.local ]; then (umask 077 && : >.env.local); fi
  # Start on a new line if the file does not end with one.
  if [ -s .env.local ] && [ -n "$(tail -c 1 .env.local)" ]; then echo >>.env.local; fi
  echo "AUTH_SECRET=\"$secret\"" >>.env.local
  echo "Added a generated AUTH_SECRET to .env.local."
fi

# Links in emails and the middleware's access check use APP_URL, which
# defaults to http://localhost:3000, so it follows HOST and PORT unless configured.
if [ -z "${APP_URL:-}" ] && ! grep -Eqs "^[[:space:]]*(export[[:space:]]+)?APP_URL=" .env .env.local; then
  export APP_URL="$base_url"
fi
# The middleware reaches the app here; "localhost" may resolve to ::1, where
# the server does not listen.
if [ -z "${INTERNAL_URL:-}" ] && ! grep -Eqs "^[[:space:]]*(export[[:space:]]+)?INTERNAL_URL=" .env .env.local; then
  export INTERNAL_URL="http://127.0.0.1:$port"
fi

npm run db:migrate
npm run db:seed
npm run build

# These logins mirror seedDemoSchool in db/seed.ts.
cat <<BANNER

==================================================================
 Parent Portal demo: $base_url
 Password for every demo login: portal-demo-2026
 (or DEMO_PASSWORD, if it was set when the database was seeded)

   manager  manager@example.com       manages parents and students
   parent   linda.brown@example.com   sees Tom and Lucy Brown
   student  john.smith@example.com    sees his own record
   student  jane.smith@example.com    sees her own record
   student  lucy.brown@example.com    sees her own record
   parent   robert.smith@example.com  no portal user yet: create it
                                      from /admin/parents

 Captured emails: $base_url/admin/emails (log in as the manager)
==================================================================

BANNER

exec npm start -- --port "$port" --hostname "$host"
