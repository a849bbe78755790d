#!/bin/bash
# clients.sh: a new client (c on clients): name and a role required, one create, its secret panel;
# edit (e): prefilled, no change sends nothing, a PUT carries only what changed (its length equals
# the CLI's); Esc in every form: "Cancelled: nothing was sent", and nothing was.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
edit_main

tenants_json
# ------------------------------------------------------------------ 9. clients
TENANT_ID=$(tenant 'j[0]["id"]')
TENANT_NAME=$(tenant 'j[0]["name"]')
: >"$EVENTS"
run_script client-create -c "$CONFIG" <<'EOF'
wait
keys Enter
wait
dump clients
keys c
dump form
keys Enter
dump no-name
type ci-bot
keys Tab
keys Enter
dump no-role
keys Space Down Down Space
dump checked
keys Enter Enter
dump sending
wait
dump secret
keys Enter Enter
dump closed
keys y
dump selected
keys i
wait
dump details
keys Esc
EOF
expect_line_has clients 2 "$SEP $TENANT_NAME $SEP Clients" "Enter on a tenant focuses its clients"
expect_screen_has form "New client" "c on clients: the New client form"
for role in admin issuer verifier dts-provider dts-consumer auditor; do
    expect_screen_has form "[ ] $role" "the roles checklist offers $role, unchecked"
done
expect_below no-name "> Name" "this cannot be empty" "no name, Enter: the name is required"
expect_screen_has no-role "check at least one" "no role, Enter: at least one role"
expect_screen_has checked "[x] admin" "Space checks admin"
expect_screen_has checked "[x] verifier" "Down Down Space checks verifier"
expect_screen_has checked "[ ] issuer" "issuer stays unchecked"
expect_screen_has sending "Creating the client..." "Enter Enter: the form says it is creating"
expect_count TENANT_CLIENT_CREATE_START 1 "Enter Enter on the client form: one create"
expect_count TENANT_CLIENT_CREATE_SUCCESS 1 "and it succeeded"
NEW_CID=$(grep '^TENANT_CLIENT_CREATE_SUCCESS ' "$EVENTS" | sed -n 's/.* id=\([^ ]*\).*/\1/p')
expect_screen_has secret 'The new client "ci-bot"' "the secret panel names the new client"
check "the panel's Client ID is the sandbox's new client ($NEW_CID)" \
    [ "$(client_id_in secret)" = "$NEW_CID" ]
SECRET2=$(secret_in secret)
check "the panel shows a non-empty Secret ('$SECRET2')" [ ${#SECRET2} -ge 16 ]
status_has secret 'Created client "ci-bot"' "the status line says the client was created"
check "the client's secret is gone from the screen after Enter" \
    sh -c "! grep -qF -e '$(secret_in secret)' '$S_DIR/closed'"
status_has selected "$NEW_CID" "the new client is selected (y copies its ID)"
expect_screen_has details "\"clientId\": \"$NEW_CID\"" "i on the new client: its details"
check "i on the new client: the details do not show its secret" \
    sh -c "! grep -qF -e '$SECRET2' '$S_DIR/details'"
run clients list "$TENANT_ID" -o json
got=$(json_field "$TMP/out" "[','.join(c['roles']) for c in j if c['clientId'] == '$NEW_CID']")
check "the sandbox has ci-bot with roles admin,verifier (got $got)" \
    [ "$got" = "['admin,verifier']" ]

# Edit: prefilled; no change sends nothing; a new name sends only the name; a role only the
# roles. The PUT bodies' sizes (Content-Length in --log) are compared with the CLI's update
# with only --name, only --role, and both.
: >"$EVENTS"
run_script client-edit -c "$CONFIG" --log "$TMP/edit.log" <<'EOF'
wait
keys e
dump on-tenants
keys Enter
wait
keys G e
dump prefilled
keys Enter
dump nothing
keys C-u
type renamed-bot
keys Enter
wait
dump renamed
keys e Tab Down Space
dump role-added
keys Enter
wait
dump roles-saved
EOF
status_has on-tenants "cannot be edited: only clients can" \
    "e on a tenant: only clients can be edited"
expect_screen_has prefilled "Edit client" "e on a client: the Edit client form"
expect_screen_has prefilled "Name  ci-bot" "the name is prefilled"
expect_screen_has prefilled "[x] admin" "admin is prefilled checked"
expect_screen_has prefilled "[x] verifier" "verifier is prefilled checked"
expect_screen_has prefilled "[ ] issuer" "issuer is prefilled unchecked"
expect_below nothing "> Name" "nothing changed: nothing to save" \
    "Enter with no change: nothing changed: nothing to save"
status_has renamed 'Saved client "renamed-bot"' "a new name: saved (under the new name)"
expect_screen_has renamed "renamed-bot" "the row shows the new name"
expect_screen_has role-added "[x] issuer" "Down Space checks issuer"
expect_screen_has roles-saved "admin,issuer,verifier" "the row shows the new roles"
expect_count TENANT_CLIENT_UPDATE_START 2 "two edits with changes: two PUTs (none for no change)"
expect_count TENANT_CLIENT_UPDATE_SUCCESS 2 "both saved"
run clients list "$TENANT_ID" -o json
got=$(json_field "$TMP/out" "[c['name'] + ' ' + ','.join(c['roles']) for c in j if c['clientId'] == '$NEW_CID']")
check "the sandbox has renamed-bot admin,issuer,verifier (got $got)" \
    [ "$got" = "['renamed-bot admin,issuer,verifier']" ]
mapfile -t tui_puts < <(put_lengths "$TMP/edit.log")
for what in name roles both; do
    case $what in
    name) args=(--name renamed-bot) ;;
    roles) args=(--role admin --role issuer --role verifier) ;;
    both) args=(--name renamed-bot --role admin --role issuer --role verifier) ;;
    esac
    rm -f "$TMP/cli-$what.log"
    run --log "$TMP/cli-$what.log" clients update "$TENANT_ID" "$NEW_CID" "${args[@]}"
    [ "$rc" = 0 ] || fail "clients update ${args[*]}"
done
cli_name=$(put_lengths "$TMP/cli-name.log")
cli_roles=$(put_lengths "$TMP/cli-roles.log")
cli_both=$(put_lengths "$TMP/cli-both.log")
check "the TUI sent 2 PUTs with a body (got '${tui_puts[*]}')" [ ${#tui_puts[@]} = 2 ]
check "the CLI's bodies: name only ($cli_name) and roles only ($cli_roles) are smaller than both ($cli_both)" \
    [ "$cli_name" -lt "$cli_both" -a "$cli_roles" -lt "$cli_both" ]
check "a new name: the PUT carries only the name (${tui_puts[0]} bytes, the CLI's --name: $cli_name)" \
    [ "${tui_puts[0]}" = "$cli_name" ]
check "a new role: the PUT carries only the roles (${tui_puts[1]} bytes, the CLI's --role: $cli_roles)" \
    [ "${tui_puts[1]}" = "$cli_roles" ]

# Esc cancels every form, whatever is typed, even the delete dialog with the right word.
T0_LABEL=$(tenant 'j[0]["subdomain"].split(".")[0]')
: >"$EVENTS"
run_script esc -c "$CONFIG" <<EOF
wait
keys c
type Never
keys Tab
type never
keys Esc
dump tenant
keys d
type $T0_LABEL
keys Esc
dump delete
keys Enter
wait
keys c
type never-client
keys Tab Space Esc
dump client
keys e
type -more
keys Esc
dump edit
keys G e Tab Space Down Space Down Space Enter
dump no-role
keys Esc
keys d
type renamed-bot
keys Esc
dump client-delete
EOF
for f in tenant delete client edit client-delete; do
    status_has $f "Cancelled: nothing was sent" "Esc in the $f form: cancelled, nothing sent"
    expect_screen_lacks $f "+- " "Esc in the $f form: no dialog left"
done
expect_screen_has no-role "check at least one" "edit with every role unchecked: at least one"
expect_no_changes "Esc in every form (and no role): no change reached the sandbox"
