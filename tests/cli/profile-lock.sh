#!/bin/bash
# profile-lock.sh: concurrent writers of the profiles file lose nothing. Every change takes the
# lock file config.lock (O_EXCL), reads the file again, applies its one change and saves: 80
# `profile add`s at once all land, as do removes and a default set meanwhile. A lock left by a
# process that is gone is refused at once with its age and the rm command, the file untouched;
# the temp file of a killed save is removed by the next save (only ours: .config.XXXXXX).
. "$(dirname "$0")/lib.sh"

N=${TENANTRY_TEST_LOCK_WRITERS:-80}
URL=https://api.example.test # nothing is sent: profile add only writes the file
mkdir -p "$TMP/cfg"
CONFIG=$TMP/cfg/config

# The options of `profile add NAME` (the secret from an environment variable).
ADD_OPTS=(--url "$URL" --auth-url "$URL/oauth/token" --audience "$AUDIENCE"
    --client-id "$CLIENT_ID" --secret-env TENANTRY_TEST_SECRET)
export TENANTRY_TEST_SECRET=$SECRET
# add NAME: tenantry profile add NAME.
add() { "$TENANTRY_BIN" -c "$CONFIG" profile add "$1" "${ADD_OPTS[@]}"; }

# names: the profile names in the file, sorted, one a line (via profile list -o json).
names() {
    run profile list -o json
    [ "$rc" = 0 ] || fail "profile list -o json"
    py 'import json,sys; print("\n".join(sorted(p["name"] for p in json.load(open(sys.argv[1])))))' \
        "$TMP/out"
}

# ------------------------------------------------------------------ many writers at once
run profile add p0 "${ADD_OPTS[@]}"
expect_rc 0 "profile add p0 (a new file)"
pids=""
for i in $(seq 1 "$N"); do
    add "p$i" >"$TMP/add$i.out" 2>"$TMP/add$i.err" </dev/null &
    pids="$pids $!"
done
failed=0
for p in $pids; do wait "$p" || failed=$((failed + 1)); done
check "$N concurrent profile adds all exit 0 ($failed failed: $(cat "$TMP"/add*.err | grep -v "^Added" | sort | uniq -c | head -n 3))" \
    [ "$failed" = 0 ]
got=$(names | grep -c '^p[0-9]*$')
check "all $((N + 1)) profiles are in the file (found $got)" [ "$got" = $((N + 1)) ]
check "no lock file is left" [ ! -e "$CONFIG.lock" ]
check "the file is still 0600" [ "$(file_mode "$CONFIG")" = 600 ]

# Removes, adds and a default at once: each lands.
pids=""
for i in $(seq 1 10); do
    "$TENANTRY_BIN" -c "$CONFIG" profile remove "p$i" --yes >/dev/null 2>&1 </dev/null &
    pids="$pids $!"
    add "q$i" >/dev/null 2>&1 </dev/null &
    pids="$pids $!"
done
"$TENANTRY_BIN" -c "$CONFIG" profile default "p$N" >/dev/null 2>&1 </dev/null &
pids="$pids $!"
failed=0
for p in $pids; do wait "$p" || failed=$((failed + 1)); done
check "10 removes, 10 adds and a default at once all exit 0" [ "$failed" = 0 ]
all=$(names)
check "the 10 removed profiles are gone" [ "$(grep -c '^p\([1-9]\|10\)$' <<<"$all")" = 0 ]
check "the 10 added profiles are there" [ "$(grep -c '^q[0-9]*$' <<<"$all")" = 10 ]
check "the others are all there" [ "$(grep -c '^p[0-9]*$' <<<"$all")" = $((N + 1 - 10)) ]
grep -q "^default_profile = \"p$N\";" "$CONFIG" || fail "default_profile is p$N"
ok "the default set meanwhile is kept"

# ------------------------------------------------------------------ a lock left behind
# The process ID of a process that has ended.
sh -c 'echo $$' >"$TMP/dead-pid"
dead=$(cat "$TMP/dead-pid")
echo "$dead" >"$CONFIG.lock"
touch -d '-5 minutes' "$CONFIG.lock"
cp "$CONFIG" "$TMP/before"
run profile add late "${ADD_OPTS[@]}"
expect_rc 1 "profile add with a lock left by a process that is gone fails"
expect_in_err "$CONFIG is locked by $CONFIG.lock, left 5 min ago" "the message names the lock and its age"
expect_in_err "no longer running (pid $dead)" "the message says its maker is gone"
expect_in_err "rm $CONFIG.lock" "the message says how to remove it"
check "the file is untouched" cmp -s "$CONFIG" "$TMP/before"
check "the lock is left for the operator to judge" [ -e "$CONFIG.lock" ]
rm "$CONFIG.lock"
run profile add late "${ADD_OPTS[@]}"
expect_rc 0 "profile add once the lock is removed"

# ------------------------------------------------------------------ a killed save's temp file
printf 'client_secret = "half";\n' >"$TMP/cfg/.config.AbC123"
chmod 600 "$TMP/cfg/.config.AbC123"
printf 'keep\n' >"$TMP/cfg/.config.notours"
run profile remove late --yes
expect_rc 0 "profile remove after a killed save"
check "the killed save's temp file .config.AbC123 is removed" [ ! -e "$TMP/cfg/.config.AbC123" ]
check "a file not named as our temp files is kept" [ -e "$TMP/cfg/.config.notours" ]
