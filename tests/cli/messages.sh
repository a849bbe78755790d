#!/bin/bash
# messages.sh: every failure names its real cause. A redirect is not "HTTP 302 (HTTP 302)" but
# says where it goes and that the profile's url is to check; a malformed expires_in is not "no
# usable access_token"; a 404 on a list points at the profile's url (MATTR and /system);
# counts agree with their nouns ("tried 1 time"); a token or header too large to send is not
# "Out of memory" (sandbox --token-bytes, --header-bytes).
. "$(dirname "$0")/lib.sh"

NOBODY=00000000-0000-4000-8000-000000000000

# ------------------------------------------------------------------ a redirect
start_sandbox --tenants 2 --fail-rate 1 --fail-status 302
write_config
run tenants list
check "a redirect fails (exit $rc)" [ "$rc" != 0 ]
expect_not_in_err "HTTP 302 (HTTP 302)" "a redirect is not 'HTTP 302 (HTTP 302)'"
expect_in_err "redirects to ${URL}/moved-elsewhere/ (redirects are not followed) (HTTP 302)" \
    "a redirect says where it goes, and its status once"
expect_in_err "Check the profile's url" "a redirect points at the profile's url"
stop_sandbox

# ------------------------------------------------------------------ a malformed expires_in
for bad in 0 -5 10000000000000; do
    start_sandbox --tenants 1 --expires-in "$bad"
    write_config
    run tenants list
    expect_rc 6 "expires_in $bad"
    expect_in_err "sent the expires_in $bad, which is no whole number of seconds from 1 to" \
        "expires_in $bad is named as the cause"
    expect_not_in_err "no usable access_token" "expires_in $bad is not 'no usable access_token'"
    stop_sandbox
done

# ------------------------------------------------------------------ 404 on a list: the url
start_sandbox --tenants 2
write_config "$TMP/config" "$URL/not-the-api"
run tenants list
expect_rc 3 "a profile whose auth_url is wrong"
expect_in_err "no token endpoint at $URL/not-the-api/oauth/token" "a 404 from the token URL names it"
expect_in_err "Check the profile's auth_url." "and points at the auth_url"
write_config
sed -i "s|url = \"$URL\";|url = \"$URL/not-the-api\";|" "$CONFIG"
run tenants list
expect_rc 4 "a list at a wrong url"
expect_in_err "Check the profile's url (now $URL/not-the-api): the server has no such list there." \
    "a 404 on a list points at the profile's url"
expect_not_in_err "check the ID" "a 404 on a list does not ask for an ID"
write_config
run clients list "$NOBODY"
expect_rc 4 "clients list of an unknown tenant"
expect_in_err "check the IDs" "the clients' 404 still says the tenant may be missing"
expect_in_err "Or the profile's url (now $URL) is wrong." "and that the url may be wrong"
run tenants get "$NOBODY"
expect_rc 4 "tenants get of an unknown ID"
expect_not_in_err "profile's url" "a 404 on a get is about the ID, not the url"
stop_sandbox
export SYS_PW=system
start_sandbox --system-tenants 2
write_system_config "$TMP/config" "$URL/not-the-api"
run tenants list
expect_rc 4 "a system list at a wrong url"
expect_in_err "Check the profile's url (now $URL/not-the-api)" \
    "a system 404 on a list points at the profile's url"
stop_sandbox

# ------------------------------------------------------------------ plurals
start_sandbox --tenants 2 --fail-rate 1 --fail-status 503 --retry-after 100
write_config
run tenants list
expect_rc 6 "a 503 asking for a wait longer than tenantry's"
expect_in_err "(tried 1 time)" "one attempt is 'tried 1 time'"
expect_not_in_err "1 times" "never '1 times'"
stop_sandbox
start_sandbox --tenants 2 --fail-rate 1 --fail-status 503 --retry-after 0
write_config
run tenants list
expect_rc 6 "a 503 on every attempt"
expect_in_err "(tried 5 times)" "five attempts are 'tried 5 times'"
stop_sandbox

# ------------------------------------------------------------------ too large is not "Out of memory"
# A token of 2 MiB cannot be sent (libcurl refuses requests of 1 MiB and more).
start_sandbox --tenants 1 --token-bytes 2097152
write_config
run tenants list
check "a 2 MiB token fails (exit $rc)" [ "$rc" != 0 ]
expect_not_in_err "Out of memory" "a token too large to send is not 'Out of memory'"
expect_in_err "token" "a token too large to send is named"
stop_sandbox
# An answer with a header of 200 KiB (libcurl accepts 100 KiB).
start_sandbox --tenants 1 --header-bytes 204800
write_config
run tenants list
expect_rc 6 "an answer with a 200 KiB header"
expect_not_in_err "Out of memory" "a header too large to receive is not 'Out of memory'"
expect_in_err "has a header larger than the 100 KiB accepted" "a header too large is named"
stop_sandbox
