#!/bin/bash
# errors.sh: how tenantry fails, against real sandboxes: a wrong client secret (exit 3, the
# profile named), an expired token renewed and the request replayed (also when the server
# answers 401 with the bare text "Unauthorized"), tokens the API does not accept, a wrong
# token URL, 404 (exit 4), 400 with the server's validation message (exit 5), each HTTP error
# status mapped to its exit status and not retried, a short-lived token renewed before it runs
# out, and a server that is not there (exit 6, "nothing answered").
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 5
MAIN_PID=$SANDBOX_PID MAIN_URL=$URL
write_config "$TMP/config"
GOOD=$CONFIG

# ------------------------------------------------------------------ wrong secret: exit 3
sed 's/client_secret = "tenantry-demo-secret"/client_secret = "not-the-secret"/' "$GOOD" >"$TMP/bad-secret"
chmod 600 "$TMP/bad-secret"
CONFIG=$TMP/bad-secret
run tenants list
expect_rc 3 "tenants list with a wrong client secret"
expect_in_err 'profile "local"' "the authentication error names the profile"
expect_not_in_err "not-the-secret" "the authentication error does not show the secret"
expect_empty_out "nothing on stdout after an authentication error"
check "the token endpoint refused it (AUTH_TOKEN_CREATE_FAIL)" [ "$(count_events AUTH_TOKEN_CREATE_FAIL)" -ge 1 ]
check "no tenant list was requested without a token" [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 0 ]
run profile test
expect_rc 3 "profile test with a wrong client secret"
expect_in_err 'local' "profile test's error names the profile"

# ------------------------------------------------------------------ 404: exit 4
CONFIG=$GOOD
run tenants get 00000000-0000-4000-8000-000000000000
expect_rc 4 "tenants get of an unknown UUID"
expect_in_err "not found" "the 404 message says not found"
expect_empty_out "nothing on stdout after a 404"
set_env_id

# ------------------------------------------------------------------ 400: exit 5, the server's words
# (a subdomain the API's rules refuse is refused before sending: tests/cli/refused.sh; a
# label already used is the server's to refuse)
run tenants create --subdomain dup-sub --environment "$ENV_ID"
expect_rc 0 "tenants create --subdomain dup-sub"
run tenants create --subdomain dup-sub --environment "$ENV_ID"
expect_rc 5 "tenants create --subdomain dup-sub again"
expect_in_err "subdomain is already used" "the server's validation text about the subdomain is shown"
check "the second create reached the server and failed" \
    [ "$(count_events TENANT_CREATE_START):$(count_events TENANT_CREATE_FAIL)" = 2:1 ]
run tenants create --subdomain good-sub --environment 00000000-0000-4000-8000-000000000000
expect_rc 5 "tenants create in an unknown environment"
expect_in_err "environment" "the validation message is about the environment"
run clients create 00000000-0000-4000-8000-000000000000 --name x --role issuer
expect_rc 4 "clients create for an unknown tenant"

# ------------------------------------------------------------------ an expired token is renewed
# The server's tokens live 1 s but claim an hour, so a slow --all walk meets a 401 halfway and
# must renew the token and replay the request: every row exactly once.
# 12 tenants, 2 a page: 7 list requests of at least 200 ms each after the token (1 s) came.
start_sandbox --tenants 12 --token-ttl 1 --expires-in 3600 --latency-ms 200
write_config "$TMP/config-ttl"
run tenants list --all --limit 2 -o jsonl
expect_rc 0 "a --all walk that outlives its token completes"
py '
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1])]
assert len(ids) == 12, "%d rows, not 12" % len(ids)
assert len(set(ids)) == 12, "%d unique ids, not 12" % len(set(ids))
' "$TMP/out" || fail "the renewed walk must list each of the 12 tenants once"
ok "the renewed walk listed each of the 12 tenants once"
py '
import sys
ev = [l.split()[0] + (" 401" if "status=401" in l else "") for l in open(sys.argv[1])]
first401 = next(i for i, e in enumerate(ev) if e == "TENANT_RETRIEVE_LIST_FAIL 401")
later = [e for e in ev[first401 + 1:] if e == "AUTH_TOKEN_CREATE_SUCCESS"]
assert later, "no token after the 401"
assert ev.count("AUTH_TOKEN_CREATE_SUCCESS") >= 2
' "$EVENTS" || fail "the events show no 401 followed by a second AUTH_TOKEN_CREATE_SUCCESS"
ok "the events show a 401 followed by a second AUTH_TOKEN_CREATE_SUCCESS"
check "every list request that failed was a 401 (renewed, not retried blindly)" \
    [ "$(grep '^TENANT_RETRIEVE_LIST_FAIL ' "$EVENTS" | grep -vc 'status=401')" = 0 ]
stop_sandbox

# The same with a server that answers 401 with the bare text "Unauthorized".
start_sandbox --tenants 10 --token-ttl 1 --expires-in 3600 --latency-ms 200 --plain-401
write_config "$TMP/config-plain-ttl"
run tenants list --all --limit 2 -o jsonl
expect_rc 0 "a --all walk meeting a plain-text 401 completes"
py '
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1])]
assert len(ids) == 10 and len(set(ids)) == 10, ids
' "$TMP/out" || fail "the walk with plain-text 401s must list each of the 10 tenants once"
ok "the walk with plain-text 401s listed each of the 10 tenants once"
check "the plain-text server did answer 401" [ "$(grep -c 'status=401' "$EVENTS")" -ge 1 ]
check "and a second token was fetched" [ "$(count_events AUTH_TOKEN_CREATE_SUCCESS)" -ge 2 ]
stop_sandbox

# ------------------------------------------------------------------ --plain-401: tokens refused
# A --plain-401 API and a profile whose token URL is another server's: every token is refused
# with the bare text "Unauthorized"; tenantry renews once, then says it clearly (exit 3).
start_sandbox --tenants 3 --plain-401
PLAIN_URL=$URL
write_config_text "$TMP/config-plain" "default_profile = \"mixed\";
profiles = ( { name = \"mixed\"; url = \"$PLAIN_URL\"; auth_url = \"$MAIN_URL/oauth/token\";
  audience = \"$AUDIENCE\"; client_id = \"$CLIENT_ID\"; client_secret = \"$SECRET\"; } );"
run tenants list
expect_rc 3 "a --plain-401 server refusing the token: exit 3"
expect_in_err "Unauthorized" "the bare text of the 401 is shown"
expect_in_err "token" "the message says it is about the token"
expect_empty_out "nothing on stdout after the refused token"
check "the request was replayed once with a new token, not more" \
    [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 2 ]
check "the API answered 401 both times" [ "$(grep -c 'status=401' "$EVENTS")" = 2 ]

# A wrong token path on the --plain-401 server: the token request itself fails.
write_config_text "$TMP/config-plain-path" "default_profile = \"wrongpath\";
profiles = ( { name = \"wrongpath\"; url = \"$PLAIN_URL\"; auth_url = \"$PLAIN_URL/oauth/no-such-path\";
  audience = \"$AUDIENCE\"; client_id = \"$CLIENT_ID\"; client_secret = \"$SECRET\"; } );"
run tenants list
expect_rc 3 "a wrong token path: exit 3"
expect_in_err 'profile "wrongpath"' "the wrong token path's message names the profile"
expect_in_err "auth_url" "the message points at the profile's auth_url"
stop_sandbox

# ------------------------------------------------------------------ a short-lived token
# A token that says it lives 2 s is renewed before it runs out (at half its lifetime): a walk
# of more than 2 s meets no 401.
start_sandbox --tenants 12 --token-ttl 2 --latency-ms 200
write_config "$TMP/config-short"
run tenants list --all --limit 2 -o jsonl
expect_rc 0 "a --all walk longer than a short token's life"
check "... lists the 12 tenants" [ "$(wc -l <"$TMP/out")" = 12 ]
check "the short-lived token was renewed before it expired (no 401)" \
    [ "$(grep -c 'status=401' "$EVENTS")" = 0 ]
check "a second token was fetched during the walk" [ "$(count_events AUTH_TOKEN_CREATE_SUCCESS)" -ge 2 ]
stop_sandbox

# ------------------------------------------------------------------ HTTP statuses and exits
# Every answer of the API is STATUS: the exit status tells the kind of failure; none of these
# is retried but a 500 (a read changes nothing: tried 5 times in all).
for pair in 400:5 401:3 403:3 404:4 409:5 422:5 500:6; do
    status=${pair%%:*} want=${pair#*:}
    start_sandbox --tenants 2 --fail-rate 1 --fail-status "$status"
    write_config "$TMP/config-$status"
    run tenants list
    expect_rc "$want" "an API answering $status"
    expect_in_err "$status" "the $status is reported"
    expect_empty_out "nothing on stdout after a $status"
    if [ "$status" = 401 ]; then
        check "a 401 is replayed once with a new token" [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 2 ]
    elif [ "$status" = 500 ]; then
        check "a GET answered 500 is tried 5 times in all" \
            [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 5 ]
    else
        check "a $status is not retried" [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 1 ]
    fi
    stop_sandbox
done

# ------------------------------------------------------------------ nothing answers: exit 6
start_sandbox --tenants 1
write_config "$TMP/config-closed"
stop_sandbox # the port is closed now
run tenants list
expect_rc 6 "tenants list against a closed port"
expect_in_err "Nothing answered" "the message says nothing answered"
expect_empty_out "nothing on stdout when nothing answered"
run profile test
expect_rc 6 "profile test against a closed port"
expect_in_err "Nothing answered" "profile test says nothing answered"

stop_sandbox "$MAIN_PID"
