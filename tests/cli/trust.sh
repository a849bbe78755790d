#!/bin/bash
# trust.sh: nothing runs or loads that the owner did not write, and nothing of ours leaks to
# what tenantry starts. An @included file gets the profiles file's checks (owner, not
# writable by others, no inline secret others can read): a refused include runs none of its
# commands. A token endpoint's access_token outside RFC 6750's token68 characters (CR LF: a
# header injection) or over 16 KiB is refused before any API request. A secret command
# inherits no descriptor but 0, 1 and 2, nor does the editor of `tenants edit` (started while
# the connection to the API is open); tenantry is not dumpable while it holds a secret.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 3

# profile_text SECRET_FIELD: the text of the profiles list with one profile "local" whose
# secret comes from SECRET_FIELD (e.g. 'client_secret = "x";').
profile_text() {
    cat <<EOF
profiles = (
  {
    name = "local";
    url = "$URL";
    auth_url = "$URL/oauth/token";
    audience = "$AUDIENCE";
    client_id = "$CLIENT_ID";
    $1
  }
);
EOF
}

# ------------------------------------------------------------------ @include
mkdir -p "$TMP/inc"
printf '@include "profiles.inc"\n' >"$TMP/inc/config"
chmod 600 "$TMP/inc/config"
CONFIG=$TMP/inc/config
profile_text "client_secret_command = \"touch $TMP/inc/ran; echo $SECRET\";" >"$TMP/inc/profiles.inc"

chmod 600 "$TMP/inc/profiles.inc"
run tenants list -o json
expect_rc 0 "an included 0600 file of our own is used"
check "... and its secret command ran" [ -e "$TMP/inc/ran" ]
rm -f "$TMP/inc/ran"

chmod 666 "$TMP/inc/profiles.inc"
mark=$(event_lines)
run tenants list
expect_rc 2 "an included file others can write (0666) is refused"
expect_in_err "$TMP/inc/profiles.inc can be changed by other users (mode 0666)" \
    "the refusal names the included file and its mode"
expect_in_err "chmod go-w" "the refusal says how to fix it"
check "the refused include's client_secret_command did not run" [ ! -e "$TMP/inc/ran" ]
check "nothing was sent" [ "$(event_lines)" = "$mark" ]

# A file of another user: root can make one (65534 is nobody); others cannot, and then this
# part is skipped.
chmod 644 "$TMP/inc/profiles.inc"
if [ "$(id -u)" = 0 ] && chown 65534 "$TMP/inc/profiles.inc" 2>/dev/null; then
    run tenants list
    expect_rc 2 "an included file of another user is refused"
    expect_in_err "profiles.inc is owned by another user (uid 65534)" \
        "the refusal names the included file's owner"
    check "the other user's client_secret_command did not run" [ ! -e "$TMP/inc/ran" ]
    chown 0 "$TMP/inc/profiles.inc"
else
    echo "# skipped: an included file of another user (needs root to make one)"
fi

# Nested: config includes a.inc, which includes the 0666 b.inc.
printf '@include "a.inc"\n' >"$TMP/inc/config"
printf '@include "b.inc"\n' >"$TMP/inc/a.inc"
chmod 600 "$TMP/inc/a.inc"
profile_text "client_secret_command = \"touch $TMP/inc/ran; echo $SECRET\";" >"$TMP/inc/b.inc"
chmod 666 "$TMP/inc/b.inc"
run tenants list
expect_rc 2 "a file included by an included file is checked too"
expect_in_err "b.inc can be changed by other users" "the refusal names the nested include"
check "the nested include's command did not run" [ ! -e "$TMP/inc/ran" ]

# An inline secret in an included file others can read.
printf '@include "profiles.inc"\n' >"$TMP/inc/config"
profile_text "client_secret = \"$SECRET\";" >"$TMP/inc/profiles.inc"
chmod 644 "$TMP/inc/profiles.inc"
run tenants list
expect_rc 2 "an inline secret in an included 0644 file is refused"
expect_in_err "profiles.inc holds an inline secret" "the refusal names the included file"
expect_in_err "chmod 600 $TMP/inc/profiles.inc" "the refusal says chmod 600 for that file"
expect_not_in_err "$SECRET" "the refusal does not show the secret"
chmod 600 "$TMP/inc/profiles.inc"
run tenants list
expect_rc 0 "the same include at 0600 is used (the 0600 profiles file is not blamed)"

# ------------------------------------------------------------------ bearer tokens
write_config "$TMP/config"
stop_sandbox
start_sandbox --tenants 3 --token-suffix $'\r\nX-Injected: yes'
write_config "$TMP/config-crlf"
run tenants list
expect_rc 6 "an access_token holding CR LF is refused"
expect_in_err "sent an access_token that cannot be sent back" "the message says why"
expect_in_err "RFC 6750" "the message names the rule"
check "no API request was made with it" [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 0 ]
stop_sandbox

start_sandbox --tenants 3 --token-suffix "$(head -c 17000 /dev/zero | tr '\0' a)"
write_config "$TMP/config-long"
run tenants list
expect_rc 6 "an access_token longer than 16 KiB is refused"
expect_in_err "longer than 16 KiB" "the message says it is too long (not out of memory)"
check "no API request was made with it" [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 0 ]
stop_sandbox

# ------------------------------------------------------------------ what children inherit
start_sandbox --tenants 3
# The secret command writes the descriptors its shell holds (ls, a child, lists them from
# /proc) and the owner of tenantry's /proc/PID/status (root's when tenantry is not dumpable).
mkdir -p "$TMP/child"
write_config_text "$TMP/child/config" "$(profile_text "client_secret_command = \"(ls /proc/\$\$/fd >$TMP/child/fds); (stat -c %u /proc/\$PPID/status >$TMP/child/owner); echo $SECRET\";")"
# an extra descriptor tenantry inherits is not passed on either
run_cmd sh -c 'exec 7</dev/null; exec "$@"' sh "$TENANTRY_BIN" -c "$CONFIG" tenants list
expect_rc 0 "tenants list with a secret command"
fds=$(tr '\n' ' ' <"$TMP/child/fds" 2>/dev/null)
check "the secret command holds only descriptors 0 1 2 (it held: $fds)" [ "$fds" = "0 1 2 " ]

# Not dumpable: the files in /proc/PID of a non-dumpable process belong to root. As root, run
# tenantry as nobody so that the owner tells.
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv >/dev/null 2>&1; then
        chown -R 65534 "$TMP/child"
        chmod 755 "$TMP"
        rm -f "$TMP/child/owner"
        run_cmd setpriv --reuid 65534 --regid 65534 --clear-groups \
            env HOME="$TMP/child" "$TENANTRY_BIN" -c "$CONFIG" tenants list
        expect_rc 0 "tenants list as user 65534 with a secret command"
        check "tenantry is not dumpable while it holds a secret (/proc/PID owner $(cat "$TMP/child/owner" 2>/dev/null), not 65534)" \
            [ "$(cat "$TMP/child/owner" 2>/dev/null)" = 0 ]
    else
        echo "# skipped: not dumpable (setpriv is needed to run as another user)"
    fi
else
    check "tenantry is not dumpable while it holds a secret (/proc/PID owner $(cat "$TMP/child/owner" 2>/dev/null))" \
        [ "$(cat "$TMP/child/owner" 2>/dev/null)" = 0 ]
fi

# The editor of `tenants edit` (a system profile) starts after the GET, while the connection
# to the API is open for the update: it must not inherit it (nor any other descriptor).
start_sandbox --system-tenants 3 --system-user system --system-password edit-pw
export SYS_PW=edit-pw
write_system_config "$TMP/child/sys.conf"
run tenants list -o json
expect_rc 0 "system tenants list (to find a tenant)"
FIRST=$(json_field "$TMP/out" 'j[0]["uuid"]')
run_cmd env -u VISUAL EDITOR="(ls /proc/\$\$/fd >'$TMP/child/ed-fds'); :" \
    "$TENANTRY_BIN" -c "$CONFIG" tenants edit "$FIRST"
expect_rc 0 "tenants edit with an editor that lists its descriptors"
fds=$(tr '\n' ' ' <"$TMP/child/ed-fds" 2>/dev/null)
check "the editor holds only descriptors 0 1 2 (it held: $fds)" [ "$fds" = "0 1 2 " ]
