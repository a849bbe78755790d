#!/bin/bash
# profiles.sh: the profiles file and `tenantry profile list|add|remove|default|test`.
# Loading: a readable-by-others file with an inline secret is refused ("chmod 600"), one that
# only names client_secret_env is fine; parse errors name file:line; a missing field names the
# profile and the field; client_secret_command and client_secret_env work, an unset variable
# is exit 3. Editing: profile add (--secret-env, --secret-command, --secret-stdin; without a
# terminal and without a secret option it fails clearly), default and remove (--yes without a
# terminal) change the file, keep it 0600 and keep the previous content as config~; profile
# list, in every format, never prints a secret.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 4
write_config "$TMP/good"
GOOD=$CONFIG

# with_secret_field FILE FIELD_TEXT: FILE is the good config with its client_secret line
# replaced by FIELD_TEXT (mode 600; CONFIG becomes FILE).
with_secret_field() {
    sed "s|client_secret = \"$SECRET\";|$2|" "$GOOD" >"$1"
    chmod 600 "$1"
    CONFIG=$1
}

# ------------------------------------------------------------------ loading the file
cp "$GOOD" "$TMP/open"
chmod 644 "$TMP/open"
CONFIG=$TMP/open
mark=$(event_lines)
run tenants list
expect_rc 2 "a 0644 profiles file with an inline secret is refused"
expect_in_err "chmod 600" "the refusal says chmod 600"
expect_not_in_err "$SECRET" "the refusal does not print the secret"
check "nothing was sent with the refused file" [ "$(event_lines)" = "$mark" ]

with_secret_field "$TMP/env" 'client_secret_env = "TENANTRY_TEST_SECRET";'
chmod 644 "$TMP/env"
run_cmd env TENANTRY_TEST_SECRET="$SECRET" "$TENANTRY_BIN" -c "$CONFIG" tenants list -o json
expect_rc 0 "a 0644 profiles file with client_secret_env is accepted"
check "... and lists the 4 tenants" [ "$(json_field "$TMP/out" 'len(j)')" = 4 ]
run_cmd env -u TENANTRY_TEST_SECRET "$TENANTRY_BIN" -c "$CONFIG" tenants list
expect_rc 3 "client_secret_env naming an unset variable"
expect_in_err "TENANTRY_TEST_SECRET" "the message names the variable"
expect_in_err 'profile "local"' "the message names the profile"
run_cmd env TENANTRY_TEST_SECRET=wrong-secret "$TENANTRY_BIN" -c "$CONFIG" tenants list
expect_rc 3 "client_secret_env holding a wrong secret"

with_secret_field "$TMP/cmd" 'client_secret_command = "printf tenantry-demo-secret";'
run tenants list -o json
expect_rc 0 "client_secret_command 'printf tenantry-demo-secret'"
check "... lists the 4 tenants" [ "$(json_field "$TMP/out" 'len(j)')" = 4 ]
with_secret_field "$TMP/cmd-fails" 'client_secret_command = "exit 3";'
run tenants list
expect_rc 3 "a failing client_secret_command"
expect_in_err "client_secret_command" "the message names client_secret_command"

cp "$GOOD" "$TMP/writable"
sed -i 's/client_secret = "tenantry-demo-secret";/client_secret_env = "TENANTRY_TEST_SECRET";/' \
    "$TMP/writable"
chmod 666 "$TMP/writable"
CONFIG=$TMP/writable
run_cmd env TENANTRY_TEST_SECRET="$SECRET" "$TENANTRY_BIN" -c "$CONFIG" tenants list
expect_rc 2 "a profiles file others can write is refused"
expect_in_err "chmod go-w" "the refusal says chmod go-w"

write_config_text "$TMP/syntax" 'default_profile = "local";
profiles = (
  { name = "local"; url = ; }
);'
run tenants list
expect_rc 2 "a profiles file with a syntax error"
expect_in_err "$TMP/syntax:3" "the parse error names file:line"

sed 's/^ *audience = .*$//' "$GOOD" >"$TMP/missing"
chmod 600 "$TMP/missing"
CONFIG=$TMP/missing
run tenants list
expect_rc 2 "a profile without audience"
expect_in_err 'profile "local"' "the missing field's message names the profile"
expect_in_err '"audience"' "the missing field's message names the field"

sed 's/^ *client_secret = .*$//' "$GOOD" >"$TMP/nosecret"
chmod 600 "$TMP/nosecret"
CONFIG=$TMP/nosecret
run tenants list
expect_rc 2 "a profile with no secret source"
expect_in_err "client_secret" "the message says which secret fields may be set"

CONFIG=$GOOD
run -p nosuch tenants list
expect_rc 2 "-p naming no profile"
expect_in_err '"nosuch"' "the message names the missing profile"
CONFIG=$TMP/does-not-exist
run tenants list
expect_rc 2 "a profiles file that does not exist"
expect_in_err "profile add" "the message says how to add a profile"

# ------------------------------------------------------------------ profile add
CONFIG=$TMP/edit/config # the folder does not exist yet
run_cmd env TENANTRY_TEST_SECRET="$SECRET" "$TENANTRY_BIN" -c "$CONFIG" profile add first \
    --url "$URL" --auth-url "$URL/oauth/token" --audience "$AUDIENCE" --client-id "$CLIENT_ID" \
    --secret-env TENANTRY_TEST_SECRET
expect_rc 0 "profile add first --secret-env (a new file in a new folder)"
check "the new profiles file is mode 600" [ "$(file_mode "$CONFIG")" = 600 ]
check "the new profiles file has no config~ (there was nothing before)" [ ! -e "$CONFIG~" ]
check "the missing folder was created mode 700" [ "$(file_mode "$TMP/edit")" = 700 ]
run_cmd env TENANTRY_TEST_SECRET="$SECRET" "$TENANTRY_BIN" -c "$CONFIG" tenants list -o json
expect_rc 0 "the added profile is the default and works"
check "... and lists the 4 tenants" [ "$(json_field "$TMP/out" 'len(j)')" = 4 ]

# Without a terminal and without a secret option: a clear refusal, the file untouched.
cp "$CONFIG" "$TMP/before"
run profile add second --url "$URL" --auth-url "$URL/oauth/token" --audience "$AUDIENCE" \
    --client-id "$CLIENT_ID"
expect_rc 2 "profile add without a terminal and without a secret option"
expect_in_err "--secret-stdin" "the refusal names --secret-stdin"
expect_in_err "terminal" "the refusal says there is no terminal"
cmp -s "$TMP/before" "$CONFIG" || fail "the refused profile add changed the file"
ok "the refused profile add left the file alone"

# There is no option to pass a secret on the command line.
for opt in --secret --client-secret --secret-value; do
    run profile add second --url "$URL" --auth-url "$URL/oauth/token" --audience "$AUDIENCE" \
        --client-id "$CLIENT_ID" "$opt" "$SECRET"
    expect_rc 2 "profile add $opt SECRET is an unknown option"
    expect_not_in_err "$SECRET" "the error for $opt does not echo the secret"
done
cmp -s "$TMP/before" "$CONFIG" || fail "a refused profile add changed the file"

# --secret-command: the previous file is kept as config~.
printf '%s\n' "$SECRET" >"$TMP/secret.txt"
chmod 600 "$TMP/secret.txt"
run profile add second-profile --url "$URL" --auth-url "$URL/oauth/token" --audience "$AUDIENCE" \
    --client-id "$CLIENT_ID" --secret-command "cat $TMP/secret.txt"
expect_rc 0 "profile add second-profile --secret-command"
check "config~ exists after profile add" [ -e "$CONFIG~" ]
cmp -s "$TMP/before" "$CONFIG~" || fail "config~ is not the previous content"
ok "config~ holds the previous content"
check "the profiles file stays mode 600" [ "$(file_mode "$CONFIG")" = 600 ]
grep -q 'second-profile' "$CONFIG" || fail "the file does not hold the new profile"
ok "the file holds the new profile"
run -p second-profile tenants list -o json
expect_rc 0 "the --secret-command profile works"
run profile test second-profile
expect_rc 0 "profile test second-profile"
expect_in_out "second-profile" "profile test names the profile it tested"

run profile add second-profile --url "$URL" --auth-url "$URL/oauth/token" --audience "$AUDIENCE" \
    --client-id "$CLIENT_ID" --secret-env X
expect_rc 2 "profile add of a name that exists"
expect_in_err "exists" "the message says the profile exists"
run profile add bad --url "http://example.com" --auth-url "$URL/oauth/token" \
    --audience "$AUDIENCE" --client-id "$CLIENT_ID" --secret-env X
expect_rc 2 "profile add with a plain-http URL to another machine"
expect_in_err "https" "the message asks for https"

# ------------------------------------------------------------------ profile list
for fmt in table json jsonl csv; do
    run profile list -o "$fmt"
    expect_rc 0 "profile list -o $fmt"
    expect_in_out "first" "profile list -o $fmt shows the first profile"
    expect_not_in_out "$SECRET" "profile list -o $fmt does not print the secret"
    expect_not_in_err "$SECRET" "profile list -o $fmt does not print the secret on stderr"
done
run profile list -o json
py '
import json, sys
j = json.load(open(sys.argv[1]))
by = {p["name"]: p for p in j}
assert set(by) == {"first", "second-profile"}, set(by)
assert by["first"]["default"] and not by["second-profile"]["default"]
assert by["first"]["secret_from"] == "env:TENANTRY_TEST_SECRET", by["first"]["secret_from"]
' "$TMP/out" || fail "profile list -o json: not the two profiles, first the default"
ok "profile list -o json: two profiles, first the default, the secret's source shown"
CONFIG=$GOOD
for fmt in table json jsonl csv; do
    run profile list -o "$fmt"
    expect_rc 0 "profile list -o $fmt of a file with an inline secret"
    expect_in_out "local" "profile list -o $fmt shows the profile"
    expect_not_in_out "$SECRET" "profile list -o $fmt never prints an inline secret"
done
CONFIG=$TMP/edit/config

# ------------------------------------------------------------------ profile default
printf 'unknown_setting = "kept";\n' >>"$CONFIG" # a setting outside the profiles is kept
cp "$CONFIG" "$TMP/before"
run profile default second-profile
expect_rc 0 "profile default second-profile"
grep -q 'default_profile = "second-profile"' "$CONFIG" || fail "the file's default_profile did not change"
ok "the file's default_profile is second-profile"
cmp -s "$TMP/before" "$CONFIG~" || fail "config~ is not the content before profile default"
ok "config~ holds the content before profile default"
check "the file stays mode 600" [ "$(file_mode "$CONFIG")" = 600 ]
grep -q 'unknown_setting = "kept"' "$CONFIG" || fail "profile default dropped a setting outside the profiles"
ok "a setting outside the profiles survives profile default"
run profile test
expect_rc 0 "profile test of the new default"
expect_in_out "second-profile" "the default profile is now second-profile"
run profile default nosuch
expect_rc 2 "profile default of a profile that does not exist"
cmp -s "$TMP/before" "$CONFIG~" || fail "a failed profile default touched config~"

# ------------------------------------------------------------------ profile remove
cp "$CONFIG" "$TMP/before"
run profile remove first
expect_rc 2 "profile remove without a terminal and without --yes"
expect_in_err "--yes" "the refusal says to add --yes"
cmp -s "$TMP/before" "$CONFIG" || fail "the refused profile remove changed the file"
ok "the refused profile remove left the file alone"
run profile remove first --yes
expect_rc 0 "profile remove first --yes"
grep -q '"first"' "$CONFIG" && fail "the removed profile is still in the file"
ok "the removed profile is gone from the file"
cmp -s "$TMP/before" "$CONFIG~" || fail "config~ is not the content before profile remove"
ok "config~ holds the content before profile remove"
check "the file stays mode 600" [ "$(file_mode "$CONFIG")" = 600 ]
run profile list -o json
check "profile list shows one profile left" [ "$(json_field "$TMP/out" '[p["name"] for p in j]')" = "['second-profile']" ]
run -p first tenants list
expect_rc 2 "the removed profile cannot be used"
run profile remove first --yes
expect_rc 2 "profile remove of a profile that does not exist"

# Removing the default profile leaves the file without a default; a file with one profile
# uses that one.
CONFIG=$TMP/solo/config
for name in x y; do
    run_cmd env TENANTRY_TEST_SECRET="$SECRET" "$TENANTRY_BIN" -c "$CONFIG" profile add "$name" \
        --url "$URL" --auth-url "$URL/oauth/token" --audience "$AUDIENCE" \
        --client-id "$CLIENT_ID" --secret-env TENANTRY_TEST_SECRET
    expect_rc 0 "profile add $name"
done
grep -q 'default_profile = "x"' "$CONFIG" || fail "the first profile added is not the default"
ok "the first profile added became the default"
run profile remove x --yes
expect_rc 0 "profile remove of the default profile"
grep -q 'default_profile' "$CONFIG" && fail "the file still names a default after its removal"
ok "removing the default profile leaves the file without a default"
run_cmd env TENANTRY_TEST_SECRET="$SECRET" "$TENANTRY_BIN" -c "$CONFIG" profile test
expect_rc 0 "a file with a single profile and no default uses that profile"
expect_in_out "Profile y works" "profile test used profile y"

# ------------------------------------------------------------------ profile add --secret-stdin
CONFIG=$TMP/piped/config
run_input "$SECRET" profile add piped --url "$URL" --auth-url "$URL/oauth/token" \
    --audience "$AUDIENCE" --client-id "$CLIENT_ID" --secret-stdin
expect_rc 0 "profile add piped --secret-stdin (secret piped in)"
expect_not_in_out "$SECRET" "profile add does not echo the piped secret"
expect_not_in_err "$SECRET" "profile add does not echo the piped secret on stderr"
check "the --secret-stdin profiles file is mode 600" [ "$(file_mode "$CONFIG")" = 600 ]
run tenants list -o json
expect_rc 0 "the next command uses the piped secret"
check "... and lists the 4 tenants" [ "$(json_field "$TMP/out" 'len(j)')" = 4 ]
for fmt in table json jsonl csv; do
    run profile list -o "$fmt"
    expect_rc 0 "profile list -o $fmt (a --secret-stdin profile)"
    expect_in_out "piped" "profile list -o $fmt shows the piped profile"
    expect_not_in_out "$SECRET" "profile list -o $fmt does not print the piped secret"
done
cp "$CONFIG" "$TMP/before"
run_input "" profile add empty --url "$URL" --auth-url "$URL/oauth/token" \
    --audience "$AUDIENCE" --client-id "$CLIENT_ID" --secret-stdin
expect_rc 2 "profile add --secret-stdin with an empty secret"
cmp -s "$TMP/before" "$CONFIG" || fail "the refused empty secret changed the file"

# ------------------------------------------------------------------ the table shows whole names
# A short name first, a longer one after: the table must not cut the later one.
CONFIG=$TMP/names/config
for name in a a-much-longer-profile-name; do
    run_cmd env TENANTRY_TEST_SECRET="$SECRET" "$TENANTRY_BIN" -c "$CONFIG" profile add "$name" \
        --url "$URL" --auth-url "$URL/oauth/token" --audience "$AUDIENCE" \
        --client-id "$CLIENT_ID" --secret-env TENANTRY_TEST_SECRET
    expect_rc 0 "profile add $name"
done
run profile list
expect_rc 0 "profile list (table) of a short and a longer name"
py '
import sys
words = open(sys.argv[1]).read().split()
for name in ("a", "a-much-longer-profile-name"):
    assert name in words, "profile name %r not shown whole" % name
' "$TMP/out" || fail "profile list (table) cuts a profile name"
ok "profile list (table) shows every profile name whole"

stop_sandbox
