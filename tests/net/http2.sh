#!/bin/bash
# http2.sh: tenantry through a real HTTP/2 server: nginx, started here on a free loopback port
# as a TLS + HTTP/2 reverse proxy in front of tenantry-sandbox (its configuration, logs and pid
# in the test's folder; killed at the end). The command line's verbs and a console session run
# through it with --log, and:
# - the log shows HTTP/2 in use (curl's "< HTTP/2 200"), and nginx's access log has every
#   request as HTTP/2.0;
# - each run uses one connection: one "Connected to" in the log, the later requests re-use it,
#   and nginx saw all of a run's requests on one connection;
# - the Authorization header (Bearer and Basic) is redacted in every line, HTTP/2 ones included
#   ("[HTTP/2] [1] [authorization: ...]" or "h2h3 [authorization: ...]", as curl versions
#   print them); no token, secret or password is in the log.
. "$(dirname "$0")/lib.sh"

make_ca
make_cert good "IP:127.0.0.1,DNS:localhost"
SYS_PW=h2-system-password-$$
export SYS_PW
start_sandbox --tenants 12 --clients 2 --system-tenants 12 --system-password "$SYS_PW"
SANDBOX_URL=$URL
start_nginx "$SANDBOX_URL" good
CA="ca_file = \"$CERTS/ca.pem\";"
PROFILE_EXTRA=$CA write_config "$TMP/config" "$NGINX_URL"
LOG=$TMP/debug.log

check_log() { # check_log LOG WHAT: HTTP/2, one connection, everything secret redacted
    local log=$1 what=$2 leaks
    grep -q '< HTTP/2 200' "$log" || fail "$what: no '< HTTP/2 200' in the log (not HTTP/2?)"
    ok "$what: the log shows HTTP/2 responses"
    [ "$(grep -c '\* Connected to 127\.0\.0\.1' "$log")" = 1 ] ||
        fail "$what: $(grep -c '\* Connected to' "$log") connections in the log, not 1"
    ok "$what: one connection made"
    grep -Eq 'Re-using existing connection|Multiplexed connection found' "$log" ||
        fail "$what: no re-used connection in the log"
    ok "$what: the connection is re-used"
    grep -qi 'authorization' "$log" || fail "$what: no Authorization line in the log at all"
    leaks=$(grep -i 'authorization' "$log" | grep -v 'authorization: \[redacted\]' | head -3)
    [ -z "$leaks" ] || fail "$what: an Authorization line not redacted: $leaks"
    ok "$what: every Authorization line is redacted"
    if grep -Eiq 'Bearer [A-Za-z0-9_-]{8}|Basic [A-Za-z0-9+/=]{8}' "$log"; then
        fail "$what: a credential in the log: $(grep -Eio '(Bearer|Basic) [^ ]{0,12}' "$log" | head -1)"
    fi
    ok "$what: no Bearer or Basic credential in the log"
    if grep -qF -e "$SECRET" -e "$SYS_PW" "$log"; then fail "$what: the secret is in the log"; fi
    ok "$what: no secret in the log"
}

# nginx_conns FROM: how many connections nginx's access log names after line FROM.
nginx_conns() { tail -n +$(($1 + 1)) "$NGINX_LOG" | grep -o 'conn=[0-9]*' | sort -u | wc -l; }
# nginx_lines: how many requests nginx logged so far.
nginx_lines() { wc -l <"$NGINX_LOG" | tr -d ' '; }

# ------------------------------------------------------------------ the command line's verbs
n0=$(nginx_lines)
run --log "$LOG" tenants list --all --limit 5 -o json
expect_rc 0 "tenants list --all through nginx (HTTP/2)"
check "the 12 tenants listed" [ "$(json_field "$TMP/out" 'len(j)')" = 12 ]
n1=$(nginx_lines)
check "nginx saw the token request and at least 3 pages" [ $((n1 - n0)) -ge 4 ]
if tail -n +$((n0 + 1)) "$NGINX_LOG" | grep -qv '^HTTP/2.0 '; then
    fail "nginx saw a request that was not HTTP/2: $(tail -n +$((n0 + 1)) "$NGINX_LOG" | grep -v '^HTTP/2.0 ' | head -1)"
fi
ok "nginx saw every request as HTTP/2.0"
check "nginx saw the whole run on one connection" [ "$(nginx_conns "$n0")" = 1 ]
# the HTTP/2 header lines themselves: curl prints the request's headers as it sends them on
# the stream ("[HTTP/2] [1] [authorization: ...]", 7.88's "h2h3 [authorization: ...]")
grep -Eiq '\[authorization: \[redacted\]\]' "$LOG" ||
    fail "no HTTP/2 header line '[authorization: [redacted]]' in the log (curl prints: $(grep -i '\[authorization' "$LOG" | head -1))"
ok "the HTTP/2 header lines show [authorization: [redacted]]"
check_log "$LOG" "tenants list --all"

set_env_id
: >"$LOG"
run --log "$LOG" tenants create --subdomain h2-made --environment "$ENV_ID" -o json
expect_rc 0 "tenants create through nginx"
TID=$(json_field "$TMP/out" 'j["id"]')
SECRETS=("$(json_field "$TMP/out" 'j["client"]["clientSecret"]')")
run --log "$LOG" clients create "$TID" --name h2-bot --role issuer -o json
expect_rc 0 "clients create through nginx"
CID=$(json_field "$TMP/out" 'j["clientId"]')
SECRETS+=("$(json_field "$TMP/out" 'j["clientSecret"]')")
run --log "$LOG" clients update "$TID" "$CID" --name h2-bot-renamed
expect_rc 0 "clients update through nginx"
run --log "$LOG" clients delete "$TID" "$CID" --yes
expect_rc 0 "clients delete through nginx"
run --log "$LOG" tenants get "$TID"
expect_rc 0 "tenants get through nginx"
run --log "$LOG" tenants delete "$TID" --yes
expect_rc 0 "tenants delete through nginx"
check "the sandbox carried out the create and the delete once each" \
    [ "$(count_events TENANT_CREATE_SUCCESS)" = 1 ] && [ "$(count_events TENANT_DELETE_SUCCESS)" = 1 ]
for s in "${SECRETS[@]}"; do
    [ "${#s}" -ge 16 ] || fail "a created secret to look for is known ('$s')"
    if grep -qF -e "$s" "$LOG"; then fail "a created client secret is in the log"; fi
done
ok "no created client secret in the log"
grep -q '< HTTP/2 20[014]' "$LOG" || fail "the verbs' log shows no HTTP/2 answer"
ok "the verbs ran over HTTP/2"
# each run made one connection: as many "Connected to" as runs (6)
check "one connection per run (6 runs)" [ "$(grep -c '\* Connected to 127\.0\.0\.1' "$LOG")" = 6 ]
if grep -i 'authorization' "$LOG" | grep -qv 'authorization: \[redacted\]'; then
    fail "the verbs' log has an Authorization line not redacted"
fi
ok "the verbs' log redacts every Authorization line"

# A system profile (Basic auth) through nginx: the Basic credentials are redacted too.
write_system_config "$TMP/sys.conf" "$NGINX_URL" "$CA"
: >"$LOG"
n0=$(nginx_lines)
run --log "$LOG" tenants list --all --limit 5 -o json
expect_rc 0 "system tenants list --all through nginx"
check "the 12 system tenants listed" [ "$(json_field "$TMP/out" 'len(j)')" = 12 ]
check "nginx saw the system pages on one connection" [ "$(nginx_conns "$n0")" = 1 ]
check_log "$LOG" "system tenants list --all"

# ------------------------------------------------------------------ a console session
: >"$LOG"
n0=$(nginx_lines)
run_script console -c "$TMP/config" --log "$LOG" <<'EOF'
wait
dump tenants
keys Enter
wait
dump clients
keys j j j
wait
EOF
grep -Eq 'Tenants \(12\+?\)' "$S_DIR/tenants" && grep -q 'Southern Works Motors' "$S_DIR/tenants" ||
    { _show tenants; fail "the console does not show the 12 tenants"; }
ok "the console lists the 12 tenants through nginx"
grep -Eq 'Clients \(2\+?\)' "$S_DIR/clients" || { _show clients; fail "the console shows no clients"; }
ok "the console lists the first tenant's 2 clients through nginx"
check_log "$LOG" "the console session"
check "nginx saw the console's requests on one connection" [ "$(nginx_conns "$n0")" = 1 ]
check "nginx saw the console's requests as HTTP/2.0" \
    [ "$(tail -n +$((n0 + 1)) "$NGINX_LOG" | grep -vc '^HTTP/2.0 ')" = 0 ]
