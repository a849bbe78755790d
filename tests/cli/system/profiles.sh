#!/bin/bash
# profiles.sh: system profiles: add (--secret-env, --secret-stdin, --page-params); list in
# every format, never the password; test; a client_id refused (option and file); a wrong
# password, an unset password_env, password_command (right, wrong, failing), a wrong user.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_sandbox --system-tenants 30
MAIN_URL=$URL
MAIN_EVENTS=$EVENTS
P=$TMP/profiles
CONFIG=$P

run profile add s-env --api system --url "$URL" --user "$SYS_USER" --secret-env SYS_PW
expect_rc 0 "profile add --api system --secret-env"
check "the profile is stored with api system" grep -q 'api = "system";' "$P"
check "the profile stores password_env, no password" \
    sh -c "grep -q 'password_env = \"SYS_PW\";' '$P' && ! grep -q 'password = ' '$P'"
check "the profile stores the user" grep -q "user = \"$SYS_USER\";" "$P"
check "the profiles file is mode 600" [ "$(file_mode "$P")" = 600 ]

run_input "$SYS_PASSWORD" profile add s-in --api system --url "$URL" --user "$SYS_USER" --secret-stdin
expect_rc 0 "profile add --api system --secret-stdin"
check "--secret-stdin stores the password inline" grep -qF "password = \"$SYS_PASSWORD\";" "$P"
check "the file holding a password is mode 600" [ "$(file_mode "$P")" = 600 ]
expect_not_in_out "$SYS_PASSWORD" "profile add does not print the password (stdout)"
expect_not_in_err "$SYS_PASSWORD" "profile add does not print the password (stderr)"

run profile add s-pp --api system --url "$URL" --user "$SYS_USER" --secret-env SYS_PW \
    --page-params _page,_limit
expect_rc 0 "profile add --api system --page-params _page,_limit"
check "the profile stores page_params" grep -q 'page_params = "_page,_limit";' "$P"

run profile list
expect_rc 0 "profile list"
check "profile list: s-env has api system" grep -Eq '(^| )s-env +system +http' "$TMP/out"
check "profile list: s-in has api system" grep -Eq '(^| )s-in +system +http' "$TMP/out"
expect_not_in_out "$SYS_PASSWORD" "profile list (table) does not show the password"
run profile list -o json
expect_rc 0 "profile list -o json"
check "profile list -o json: both system profiles with their user" \
    py 'import json,sys
p={x["name"]:x for x in json.load(open(sys.argv[1]))}
assert p["s-env"]["api"]=="system" and p["s-in"]["api"]=="system", p
assert p["s-env"]["user"]==sys.argv[2] and p["s-in"]["user"]==sys.argv[2], p
assert p["s-env"]["secret_from"]=="env:SYS_PW" and p["s-in"]["secret_from"]=="inline", p' \
    "$TMP/out" "$SYS_USER"
expect_not_in_out "$SYS_PASSWORD" "profile list -o json does not show the password"
run profile list -o csv
expect_rc 0 "profile list -o csv"
expect_not_in_out "$SYS_PASSWORD" "profile list -o csv does not show the password"

n0=$(event_lines)
run profile test s-env
expect_rc 0 "profile test (password from the environment)"
expect_in_out "works" "profile test says the profile works"
run profile test s-in
expect_rc 0 "profile test (inline password)"
check "each profile test made one successful list request" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS)" = 2 ]

cp "$P" "$TMP/profiles.before"
run profile add s-bad --api system --url "$URL" --user "$SYS_USER" --client-id abc \
    --secret-env SYS_PW
expect_rc 2 "profile add --api system --client-id is refused"
expect_in_err "client_id" "the refusal names client_id"
check "the refused profile add left the file alone" cmp -s "$P" "$TMP/profiles.before"

write_config_text "$TMP/with-client-id" "profiles = ( { name = \"sys\"; api = \"system\";
  url = \"$URL\"; user = \"$SYS_USER\"; password_env = \"SYS_PW\"; client_id = \"abc\"; } );"
n0=$(event_lines)
run tenants list
expect_rc 2 "a system profile with client_id in the file is refused"
expect_in_err "client_id" "the refusal names the field client_id"
no_new_events "$n0" "nothing is sent with a refused profile"

CONFIG=$P
n0=$(event_lines)
run_cmd env SYS_PW="$WRONG_PASSWORD" "$TENANTRY_BIN" -c "$P" -p s-env tenants list
expect_rc 3 "a wrong password: tenants list"
expect_in_err "user" "the 401 message names the user setting"
expect_in_err "password" "the 401 message names the password setting"
expect_not_in_err "$WRONG_PASSWORD" "the 401 message does not show the password"
expect_not_in_out "$WRONG_PASSWORD" "the wrong password is not on stdout"
check "the wrong password got a 401 from the sandbox" \
    grep -q '^SYSTEM_TENANT_RETRIEVE_LIST_FAIL .* status=401' <(events_after "$n0")
run_cmd env SYS_PW="$WRONG_PASSWORD" "$TENANTRY_BIN" -c "$P" profile test s-env
expect_rc 3 "a wrong password: profile test"
expect_not_in_err "$WRONG_PASSWORD" "profile test does not show the password"
run_cmd env -u SYS_PW "$TENANTRY_BIN" -c "$P" -p s-env tenants list
expect_rc 3 "password_env naming an unset variable"
expect_in_err "SYS_PW" "the message names the variable"

write_config_text "$TMP/cmd" "profiles = ( { name = \"sys\"; api = \"system\"; url = \"$URL\";
  user = \"$SYS_USER\"; password_command = \"printf %s '$SYS_PASSWORD'\"; } );"
run tenants list --limit 3 -o json
expect_rc 0 "password_command: tenants list"
check "password_command: 3 tenants listed" [ "$(json_field "$TMP/out" 'len(j)')" = 3 ]
run profile test
expect_rc 0 "password_command: profile test"
write_config_text "$TMP/cmd-wrong" "profiles = ( { name = \"sys\"; api = \"system\"; url = \"$URL\";
  user = \"$SYS_USER\"; password_command = \"printf %s '$WRONG_PASSWORD'\"; } );"
run tenants list
expect_rc 3 "password_command printing a wrong password"
expect_not_in_err "$WRONG_PASSWORD" "its message does not show the password"
write_config_text "$TMP/cmd-fails" "profiles = ( { name = \"sys\"; api = \"system\"; url = \"$URL\";
  user = \"$SYS_USER\"; password_command = \"exit 3\"; } );"
run tenants list
expect_rc 3 "a failing password_command"
SYS_USER=somebody-else write_system_config "$TMP/wrong-user"
run tenants list
expect_rc 3 "a wrong user"
