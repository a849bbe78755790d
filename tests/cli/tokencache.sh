#!/bin/bash
# tokencache.sh: a token per login, not per command. Commands share one OAuth token through the
# kernel's user keyring (the sandbox's events count the token requests): N commands make one
# request; the key is the owner's only and expires when the token is due for renewal; the token
# is never written to a file or the log; a 401 drops it (also when no new token can be had);
# --no-token-cache, `token_cache = false;` and `profile test` fetch their own; where the keyring
# is refused (EPERM, ENOSYS: the nokeyring helper's seccomp filter, the real code path) the
# commands work silently with one line in --log.
#
# Runs in a user namespace of its own (a fresh user keyring, gone with the test), or where those
# are refused in the real user keyring under key names of its own, dropped at the end.
TEST_KEYRING=private
. "$(dirname "$0")/lib.sh"

command -v keyctl >/dev/null || { echo "SKIP: keyctl (Debian package keyutils) is missing"; exit 77; }

N=5
if [ "$KEYRING_SHARED" = 1 ]; then
    CLIENT_ID=tenantry-test-$$-$RANDOM # a key name no other run uses
fi
start_sandbox --tenants 3 --clients 0 --client-id "$CLIENT_ID" --token-ttl 600
write_config
API_URL=$URL

# key_name [AUTH_URL]: the description of the key of the profile's token.
key_name() { echo "tenantry:token ${1:-$API_URL/oauth/token} $CLIENT_ID $AUDIENCE"; }
# key_id [AUTH_URL]: its serial number, or nothing.
key_id() { keyctl search @u user "$(key_name "$@")" 2>/dev/null; }
# key_token [AUTH_URL]: the token it holds (its payload's last line).
key_token() { keyctl pipe "$(key_id "$@")" 2>/dev/null | tail -n 1; }
# drop_keys: the keys this test made, gone.
drop_keys() {
    local u id
    for u in "$API_URL/oauth/token" "${DEAD_URL:-}/oauth/token"; do
        id=$(key_id "$u") && keyctl invalidate "$id" >/dev/null 2>&1
    done
    return 0
}
trap 'st=$?; drop_keys; (exit $st); cleanup' EXIT
tokens() { count_events AUTH_TOKEN_CREATE_SUCCESS; }

check "no key for this sandbox yet (nothing cached by an earlier test or run)" [ -z "$(key_id)" ]

# ------------------------------------------------------------------ N commands, one token
run --log "$TMP/first.log" tenants list --limit 1 -o jsonl
expect_rc 0 "the first command"
TID=$(py 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' "$TMP/out")
check "one token request for the first command" [ "$(tokens)" = 1 ]
expect_in_file() { grep -qF -e "$2" "$1" || { fail "$3: '$2' not in $1"; return; }; ok "$3"; }
expect_in_file "$TMP/first.log" "token cache: token kept in the user keyring" \
    "the log says the token was kept in the keyring"
ID=$(key_id)
check "the token is a key in the user keyring" [ -n "$ID" ]
for ((i = 1; i <= N; i++)); do
    run --log "$TMP/get.log" tenants get "$TID" -o json
    expect_rc 0 "tenants get, call $i of $N"
done
check "$N more commands made no token request (1 in all)" [ "$(tokens)" = 1 ]
check "each said where its token came from" \
    [ "$(grep -c 'taken from the kernel keyring' "$TMP/get.log")" = "$N" ]
check "no 401 along the way" [ "$(grep -c 'status=401' "$EVENTS")" = 0 ]

# The key: the owner's only, expiring when the token is due for renewal (600 s less 60).
desc=$(keyctl rdescribe "$ID")
perm=$(echo "$desc" | cut -d';' -f4)
check "the key belongs to this user ($desc)" [ "$(echo "$desc" | cut -d';' -f2)" = "$(id -u)" ]
check "the key grants nothing to group or others (perm $perm)" \
    [ $((0x$perm & 0xffff)) = 0 ]
check "the key's owner may read it but not change it (perm $perm)" \
    [ $((0x$perm & 0x00ff0000)) = $((0x000b0000)) ]
timeout=$(awk -v id="$(printf '%08x' "$ID")" '$1 == id { print $4 }' /proc/keys)
case $timeout in
[0-9]m | 10m) ok "the key expires with the token's renewal time ($timeout)" ;;
*) fail "the key should expire within 9 minutes, /proc/keys says '$timeout'" ;;
esac
TOKEN=$(key_token)
check "the key holds a token" [ "${#TOKEN}" -ge 16 ]
if grep -rqF -e "$TOKEN" "$TMP" 2>/dev/null; then
    fail "the token is in a file under the test's folder (config, home, logs, output)"
else
    ok "the token is in no file (config, home, logs, output)"
fi

# ------------------------------------------------------------------ turned off
before=$(tokens)
for ((i = 1; i <= 3; i++)); do
    run --no-token-cache tenants get "$TID"
    expect_rc 0 "tenants get --no-token-cache, call $i"
done
check "--no-token-cache: 3 commands, 3 token requests" [ "$(tokens)" = $((before + 3)) ]
check "--no-token-cache leaves the cached key alone" [ "$(key_id)" = "$ID" ]

sed 's/^    client_id = .*/&\n    token_cache = false;/' "$CONFIG" >"$TMP/nocache"
chmod 600 "$TMP/nocache"
check "the profile says token_cache = false" grep -q 'token_cache = false;' "$TMP/nocache"
before=$(tokens)
for ((i = 1; i <= 3; i++)); do
    run -c "$TMP/nocache" tenants get "$TID"
    expect_rc 0 "tenants get with token_cache = false, call $i"
done
check "token_cache = false: 3 commands, 3 token requests" [ "$(tokens)" = $((before + 3)) ]

sed 's/^    client_id = .*/&\n    token_cache = 1;/' "$CONFIG" >"$TMP/badcache"
chmod 600 "$TMP/badcache"
run -c "$TMP/badcache" tenants get "$TID"
expect_rc 2 "token_cache = 1 is refused"
expect_in_err 'field "token_cache" must be true or false' "the message names the field"

# ------------------------------------------------------------------ the secret's command
# A client_secret_command (a password manager that may prompt) runs only when a token must be
# fetched: not while the keyring holds a good one.
printf '#!/bin/sh\necho ran >>"%s"\nprintf "%%s\\n" "%s"\n' "$TMP/secret-runs" "$SECRET" \
    >"$TMP/secret-cmd"
chmod 700 "$TMP/secret-cmd"
sed "s#^    client_secret = .*#    client_secret_command = \"$TMP/secret-cmd\";#" "$CONFIG" >"$TMP/bycmd"
chmod 600 "$TMP/bycmd"
check "the profile takes its secret from a command" grep -q 'client_secret_command' "$TMP/bycmd"
drop_keys
check "no key cached before the command's first use" [ -z "$(key_id)" ]
before=$(tokens)
run -c "$TMP/bycmd" tenants get "$TID"
expect_rc 0 "tenants get, the secret from a command, nothing cached"
check "with nothing cached the command ran once" [ "$(wc -l <"$TMP/secret-runs" | tr -d ' ')" = 1 ]
check "and one token was fetched" [ "$(tokens)" = $((before + 1)) ]
run -c "$TMP/bycmd" tenants get "$TID"
expect_rc 0 "tenants get again, the token cached"
check "the second command used the cached token and did not run the secret's command" \
    [ "$(wc -l <"$TMP/secret-runs" | tr -d ' ')" = 1 ]
check "and fetched no token" [ "$(tokens)" = $((before + 1)) ]
run -c "$TMP/bycmd" --no-token-cache tenants get "$TID"
expect_rc 0 "tenants get --no-token-cache, the secret from a command"
check "--no-token-cache runs the command (a token must be fetched)" \
    [ "$(wc -l <"$TMP/secret-runs" | tr -d ' ')" = 2 ]

# ------------------------------------------------------------------ profile test
before=$(tokens)
run profile test
expect_rc 0 "profile test"
check "profile test fetched a fresh token though one is cached" [ "$(tokens)" = $((before + 1)) ]

# ------------------------------------------------------------------ a 401 drops it
# A token the server never issued, planted in the profile's key as tenantry writes it.
# plant AUTH_URL: a bogus token in that URL's key, with tenantry's permissions and a timeout
# (set through a session keyring of its own that links the user keyring, so that keyctl
# possesses the key; the test's own session keyring is left alone).
plant() {
    local exp=$(($(date +%s) * 1000 + 3600000))
    printf 'tenantry-token 1\n%s %s\nbogus.not-issued.token' "$exp" "$exp" >"$TMP/payload"
    keyctl session - sh -c 'keyctl link @u @s >/dev/null || exit 1
        old=$(keyctl search @u user "$1" 2>/dev/null) && keyctl invalidate "$old"
        id=$(keyctl padd user "$1" @u <"$2") && keyctl timeout "$id" 600 &&
            keyctl setperm "$id" 0x1b0b0000' sh "$(key_name "$1")" "$TMP/payload" \
        >/dev/null 2>"$TMP/plant.err" || { cat "$TMP/plant.err"; return 1; }
}
check "a bogus token planted in the key" plant "$API_URL/oauth/token"
check "the key now holds the bogus token" [ "$(key_token)" = bogus.not-issued.token ]
before=$(tokens)
n401=$(grep -c 'status=401' "$EVENTS")
run --log "$TMP/401.log" tenants get "$TID"
expect_rc 0 "tenants get with a revoked cached token: renewed and replayed"
check "the server answered the bogus token 401" [ "$(grep -c 'status=401' "$EVENTS")" = $((n401 + 1)) ]
check "one new token request" [ "$(tokens)" = $((before + 1)) ]
expect_in_file "$TMP/401.log" "token cache: the cached token was dropped" "the log says it was dropped"
NEW=$(key_token)
check "the key now holds the new token, not the refused one" \
    [ -n "$NEW" ] && [ "$NEW" != bogus.not-issued.token ]
before=$(tokens)
run tenants get "$TID"
expect_rc 0 "the next command"
check "the next command used the new cached token" [ "$(tokens)" = "$before" ]
# A cached token refused: the secret's command, left alone so far, runs for the new token.
check "a bogus token planted again" plant "$API_URL/oauth/token"
runs=$(wc -l <"$TMP/secret-runs" | tr -d ' ')
run -c "$TMP/bycmd" tenants get "$TID"
expect_rc 0 "tenants get, the secret from a command, the cached token refused"
check "the refused token made the command run once for a new token" \
    [ "$(wc -l <"$TMP/secret-runs" | tr -d ' ')" = $((runs + 1)) ]

# The same when no new token can be had: the refused token must not stay for the next command.
DEAD_PORT=$(py 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DEAD_URL=http://127.0.0.1:$DEAD_PORT
sed "s#auth_url = .*#auth_url = \"$DEAD_URL/oauth/token\";#" "$CONFIG" >"$TMP/dead"
chmod 600 "$TMP/dead"
check "a bogus token planted in the key of an auth server that is down" plant "$DEAD_URL/oauth/token"
check "that key exists" [ -n "$(key_id "$DEAD_URL/oauth/token")" ]
run -c "$TMP/dead" tenants get "$TID"
expect_rc 6 "tenants get: 401, and the token endpoint is down"
check "the refused token was dropped all the same" [ -z "$(key_id "$DEAD_URL/oauth/token")" ]

# ------------------------------------------------------------------ the keyring refused
for e in EPERM ENOSYS; do
    before=$(tokens)
    rm -f "$TMP/refused.log"
    for ((i = 1; i <= 2; i++)); do
        run_cmd "$TENANTRY_NOKEYRING_BIN" -e $e "$TENANTRY_BIN" -c "$CONFIG" \
            --log "$TMP/refused.log" tenants get "$TID" -o json
        expect_rc 0 "keyring refused ($e), call $i: the command works"
        expect_empty_err "keyring refused ($e), call $i: nothing said on stderr"
    done
    check "keyring refused ($e): each command fetched its own token" [ "$(tokens)" = $((before + 2)) ]
    check "keyring refused ($e): one line in --log per command" \
        [ "$(grep -c "token cache: the kernel keyring is unavailable" "$TMP/refused.log")" = 2 ]
done
check "the refused commands left the cached key alone" [ -n "$(key_id)" ]

stop_sandbox
