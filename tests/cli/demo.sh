#!/bin/sh
# tenantry --demo starts a sandbox on a free port, says how to reach it, answers real requests,
# and stops the sandbox when it is told to stop.
set -u
fail() { echo "FAIL: $*"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; exit 1; }

tmp=${TENANTRY_TEST_TMPDIR:-/tmp}/demo.$$
mkdir -p "$tmp"
out=$tmp/out
"$TENANTRY_BIN" --demo >"$out" 2>"$tmp/err" &
pid=$!

# Wait (up to 60 s, sanitizer builds are slow) for the line naming the URL.
url=""
i=0
while [ $i -lt 600 ]; do
    url=$(sed -n 's/^The demo server is running at \(http:[^ ]*\)$/\1/p' "$out")
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || fail "tenantry --demo exited early: $(cat "$tmp/err")"
    sleep 0.1
    i=$((i + 1))
done
[ -n "$url" ] || fail "no 'running at' line in: $(cat "$out")"
grep -q "client ID:     tenantry-demo" "$out" || fail "client ID not shown"
grep -q "Ctrl-C" "$out" || fail "no word on how to stop"
case $url in http://127.0.0.1:*) ;; *) fail "not a loopback URL: $url" ;; esac

# The printed credentials work against the printed URL.
token=$(curl -s -X POST "$url/oauth/token" -H 'Content-Type: application/json' \
    -d '{"client_id":"tenantry-demo","client_secret":"tenantry-demo-secret","audience":"https://manage.sandbox.tenantry.test","grant_type":"client_credentials"}' |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || fail "no token from $url"
code=$(curl -s -o "$tmp/tenants" -w '%{http_code}' -H "Authorization: Bearer $token" "$url/v1/tenants?limit=5")
[ "$code" = 200 ] || fail "GET /v1/tenants answered $code"
grep -q '"nextCursor"' "$tmp/tenants" || fail "no seeded tenants: $(cat "$tmp/tenants")"

# SIGTERM (as SIGINT from Ctrl-C would) stops tenantry and its sandbox.
port=${url##*:}
kill -TERM "$pid"
wait "$pid"
status=$?
[ "$status" = 0 ] || fail "tenantry --demo exited $status after SIGTERM: $(cat "$tmp/err")"
pid=""
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/v1/tenants"; then
    fail "the sandbox still answers on port $port after tenantry stopped"
fi
rm -rf "$tmp"
echo "ok: tenantry --demo"
