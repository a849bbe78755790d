#!/bin/bash
# log.sh: the debug log (--log FILE) of a full run (list, get, create, clients create, update,
# delete, a 404, a token renewed after a 401, a refused secret) holds the requests and their
# statuses, "Authorization: [redacted]", and never the client secret, an access token or a
# created client secret. The file is created mode 0600 and appended to.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 4 --clients 1
write_config
LOG=$TMP/debug.log

run --log "$LOG" tenants list --all
expect_rc 0 "tenants list --all --log"
check "the log file was created" [ -f "$LOG" ]
check "the log file is mode 600" [ "$(file_mode "$LOG")" = 600 ]
expect_not_in_out "Authorization" "the log does not go to stdout"
expect_not_in_err "Authorization" "the log does not go to stderr"
expect_not_in_err " -> " "no request line on stderr"
set_env_id
size1=$(wc -c <"$LOG")

run tenants create --subdomain logged --environment "$ENV_ID" -o json --log "$LOG"
expect_rc 0 "tenants create --log"
TID=$(json_field "$TMP/out" 'j["id"]')
SECRETS=("$SECRET" "$(json_field "$TMP/out" 'j["client"]["clientSecret"]')")
check "the log was appended to" [ "$(wc -c <"$LOG")" -gt "$size1" ]
run --log "$LOG" tenants get "$TID"
expect_rc 0 "tenants get --log"
run --log "$LOG" clients create "$TID" --name logged-bot --role issuer -o json
expect_rc 0 "clients create --log"
CID=$(json_field "$TMP/out" 'j["clientId"]')
SECRETS+=("$(json_field "$TMP/out" 'j["clientSecret"]')")
run --log "$LOG" clients create "$TID" --name logged-bot-2 --role verifier
expect_rc 0 "clients create --log (table)"
SECRETS+=("$(sed -n 's/^Client secret: \(.*\)$/\1/p' "$TMP/out")")
run --log "$LOG" clients list "$TID" -o csv
expect_rc 0 "clients list --log"
run --log "$LOG" clients update "$TID" "$CID" --name logged-bot-renamed --role auditor
expect_rc 0 "clients update --log"
run --log "$LOG" clients delete "$TID" "$CID" --yes
expect_rc 0 "clients delete --log"
run --log "$LOG" tenants delete "$TID" --yes
expect_rc 0 "tenants delete --log"
run --log "$LOG" tenants get "$TID"
expect_rc 4 "tenants get of the deleted tenant --log"
for s in "${SECRETS[@]}"; do
    check "a secret to look for is known" [ "${#s}" -ge 16 ]
done
check "the log file is still mode 600" [ "$(file_mode "$LOG")" = 600 ]

# A refused secret, logged too.
sed 's/client_secret = "tenantry-demo-secret"/client_secret = "wrong-secret-for-the-log"/' \
    "$CONFIG" >"$TMP/bad"
chmod 600 "$TMP/bad"
SECRETS+=("wrong-secret-for-the-log")
run -c "$TMP/bad" --log "$LOG" tenants list
expect_rc 3 "a refused secret --log"
stop_sandbox

# A token that expires halfway: the 401 and the renewal are logged.
start_sandbox --tenants 8 --token-ttl 1 --expires-in 3600 --latency-ms 200
write_config
run --log "$LOG" tenants list --all --limit 2 -o jsonl
expect_rc 0 "a --all walk with a token renewal --log"
check "the walk listed the 8 tenants" [ "$(wc -l <"$TMP/out")" = 8 ]
check "the sandbox did answer 401" [ "$(grep -c 'status=401' "$EVENTS")" -ge 1 ]

# ------------------------------------------------------------------ what the log holds
LOG_PORTS=$(grep -c "http://127.0.0.1:" "$LOG")
check "the log names the URLs" [ "$LOG_PORTS" -gt 0 ]
grep -Eq 'GET http://127\.0\.0\.1:[0-9]+/v1/tenants' "$LOG" || fail "no 'GET http://127.0.0.1:PORT/v1/tenants' line in the log"
ok "the log has 'GET http://127.0.0.1:PORT/v1/tenants' lines"
grep -Eq 'POST http://127\.0\.0\.1:[0-9]+/v1/tenants.*-> 201' "$LOG" || fail "no POST ... -> 201 line"
ok "the log has the create's 'POST ... -> 201'"
grep -Eq 'PUT http://127\.0\.0\.1:[0-9]+/v1/tenants/.*/clients/.*-> 200' "$LOG" || fail "no PUT ... -> 200 line"
ok "the log has the update's 'PUT ... -> 200'"
grep -Eq 'DELETE http://127\.0\.0\.1:[0-9]+/v1/tenants/.*-> 204' "$LOG" || fail "no DELETE ... -> 204 line"
ok "the log has the deletes' 'DELETE ... -> 204'"
grep -q -- '-> 200' "$LOG" || fail "no '-> 200' in the log"
ok "the log has '-> 200' statuses"
grep -q -- '-> 404' "$LOG" || fail "no '-> 404' in the log"
ok "the log has the 404"
grep -q -- '-> 401' "$LOG" || fail "no '-> 401' in the log"
ok "the log has the 401s"
grep -q 'Authorization: \[redacted\]' "$LOG" || fail "no 'Authorization: [redacted]' in the log"
ok "the log has 'Authorization: [redacted]'"

for s in "${SECRETS[@]}"; do
    if grep -qF -e "$s" "$LOG"; then fail "the log holds a secret: $s"; fi
done
ok "the log holds none of the ${#SECRETS[@]} secrets (profile, wrong, 3 created)"
if grep -Eq 'Bearer [^[]' "$LOG"; then fail "the log holds a bearer token: $(grep -E -m1 'Bearer [^[]' "$LOG")"; fi
ok "the log holds no 'Bearer <token>'"
if grep -qi 'access_token' "$LOG"; then fail "the log holds an access_token: $(grep -i -m1 access_token "$LOG")"; fi
ok "the log holds no access_token"
if grep -Eq 'eyJ[A-Za-z0-9_-]{10,}\.' "$LOG"; then fail "the log holds something like a JWT: $(grep -E -m1 -o 'eyJ[A-Za-z0-9_-]{10,}\.[^ ]*' "$LOG")"; fi
ok "the log holds nothing that looks like a JWT"
if grep -qi 'clientSecret\|client_secret' "$LOG"; then fail "the log holds a secret field: $(grep -i -m1 'clientSecret\|client_secret' "$LOG")"; fi
ok "the log holds no clientSecret or client_secret field"
check "the log file is still mode 600 at the end" [ "$(file_mode "$LOG")" = 600 ]

stop_sandbox
