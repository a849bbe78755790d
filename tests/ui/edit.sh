#!/bin/bash
# edit.sh: creating, editing and deleting from the console, headless (scripted keys, screen
# dumps), against real sandboxes whose events file says what reached the API.
# - New tenant (c on tenants): one create for Enter Enter (the second Enter lands while the
#   form says "Creating the tenant..."); the row is added and selected (y names its ID); the
#   sandbox has it in the chosen environment; the secret panel shows the first client's ID
#   (the sandbox's) and a secret; Up/Down, y, Esc (a reminder), Esc again, Enter twice (one
#   Enter, as typed ahead, only arms it) close it; the
#   secret is in no dump taken after it closed, never in the --log file, not in the new
#   client's details (i); at 60x15 it wraps, whole. Esc while the create is in flight hides
#   the form; the answer still lands and the secret still shows.
# - Subdomain checked live ("Acme", "-x", "x-", "a b", "acme!", "café", "", 64 characters):
#   the message under the field, Enter sends nothing; 63 characters pass.
# - A 400 (the label already used in that environment): the form stays with what was typed,
#   the server's words under Subdomain; the environment chosen in the environments pane is
#   the one the form preselects; the same form then goes through with another label.
#   Left/Right/Space change the environment; Down/Up/Tab/BTab move between the fields.
# - Faults: a create refused with 503 or 409, or whose answer is lost (the connection dropped),
#   is sent exactly once (never retried) and the form keeps the values and shows the error;
#   with every /v1/ call failing, no environment can load and the form refuses to send.
# - Read-only (`readonly = true;` in the profile, and --readonly): c, e, d, Enter and typing in
#   each pane open nothing and send no POST/PUT/DELETE; the help lists no Changing keys.
# - Delete: a wrong confirmation word sends nothing (the row stays), the right one deletes
#   once (the row goes, its neighbour is selected; the previous row when it was the last);
#   clients too (by ID when the name holds control characters); a production profile wants
#   its name typed as well; Esc with the right word typed deletes nothing.
# - New client (c on clients): a name and at least one role are required; one create; its
#   secret panel. Edit client (e): prefilled; no change sends nothing ("nothing changed");
#   a PUT carries only what changed (its Content-Length in the --log file equals that of the
#   CLI's `clients update` with only that option). Esc in every form: "Cancelled: nothing was
#   sent", and nothing was.
# - Profiles: from the setup screen (no profiles file) P, a, the form (the secret masked),
#   Enter: a 0600 file the CLI then uses; Enter switches to it; a taken name is refused; the
#   read-only and production options are saved. D removes a profile only after its name is
#   typed; * makes one the default (the file says so, 0600 kept, the backup 0600 too).
# Section titles are numbered as the items of the issue. The last checks, at the end, cover
# program bugs these tests found: a hint glued to its message by a '?', and a client's ID
# called its name in the delete dialog.
. "$(dirname "$0")/lib.sh"

UUID_RE='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
# What the screens draw without a UTF-8 locale (run_script then runs with LC_ALL=C): the
# breadcrumb's separator and the marks around a choice.
if [ -n "$UTF8_LOCALE" ]; then SEP='›' CHOICE='◂'; else SEP='>' CHOICE='<'; fi

# changes: how many create, update or delete requests reached the sandbox (POST, PUT and
# DELETE under /v1/ in EVENTS; the token's POST is not one).
changes() {
    grep -cE '^[A-Z_]+_START .* method=(POST|PUT|DELETE) path=/v1/' "$EVENTS"
}

# secret_in FILE: the value on the Secret line of the secret panel in a dump (empty if none).
secret_in() {
    dump_text "$1" | sed -n 's/.* Secret  *\([A-Za-z0-9_.~-]\{16,\}\) .*/\1/p' | head -n 1
}
# client_id_in FILE: the value on the Client ID line of the secret panel.
client_id_in() {
    dump_text "$1" | sed -n 's/.* Client ID  *\([A-Za-z0-9_.~-]\{8,\}\) .*/\1/p' | head -n 1
}

# below FILE TEXT: the screen line under the first one holding TEXT.
below() {
    dump_text "$1" | grep -A 1 -F -m 1 -e "$2" | sed -n 2p
}

# expect_below FILE TEXT WANT WHAT: the line under the one holding TEXT holds WANT (an error
# line under its field).
expect_below() {
    local got
    got=$(below "$1" "$2")
    case $got in
    *"$3"*) ok "$4" ;;
    *) _show "$1"; fail "$4: the line under '$2' is '$got', without '$3'" ;;
    esac
}

# status_id FILE: the ID in the status line (y says "... copy by hand: ID" headless).
status_id() {
    screen_line "$1" -1 | grep -oE "$UUID_RE" | head -n 1
}

# expect_selected FILE ID WHAT: the dump was taken after y: the selected row is ID.
expect_selected() {
    local got
    got=$(status_id "$1")
    [ "$got" = "$2" ] || { _show "$1"; fail "$3: y copies '$got', not $2"; return; }
    ok "$3"
}

# expect_count NAME N WHAT: the events file holds N events NAME.
expect_count() {
    local got
    got=$(count_events "$1")
    [ "$got" = "$2" ] || { sed 's/^/  | /' "$EVENTS"; fail "$3: $got $1 events, not $2"; return; }
    ok "$3 ($2 $1)"
}

# expect_no_changes WHAT: no POST, PUT or DELETE reached the sandbox (events file).
expect_no_changes() {
    local got
    got=$(changes)
    if [ "$got" != 0 ]; then
        grep -E 'method=(POST|PUT|DELETE) path=/v1/' "$EVENTS" | sed 's/^/  | /'
        fail "$1: $got changes reached the sandbox"
        return
    fi
    ok "$1"
}

# put_lengths LOG: the Content-Length of every PUT in a --log file, one a line.
put_lengths() {
    awk '/ > PUT /{p=1; next}
         p && / > Content-Length: /{print $NF; p=0}
         / > (GET|POST|DELETE) /{p=0}' "$1" | tr -d '\r'
}

# profile_config FILE NAME [LINES]: a profiles file with one default profile NAME for the
# sandbox at URL, with LINES (e.g. "readonly = true;") inside the profile; mode 600.
profile_config() {
    write_config_text "$1" "default_profile = \"$2\";
profiles = (
  {
    name = \"$2\";
    url = \"$URL\";
    auth_url = \"$URL/oauth/token\";
    audience = \"$AUDIENCE\";
    client_id = \"$CLIENT_ID\";
    client_secret = \"$SECRET\";
    ${3:-}
  }
);"
}

# tenants_json: the sandbox's tenants (tenantry tenants list -o json) in $TMP/tenants.json.
tenants_json() {
    run tenants list -o json
    [ "$rc" = 0 ] || fail "tenants list -o json"
    cp "$TMP/out" "$TMP/tenants.json"
}
# tenant EXPR: python over j (the tenants of tenants_json), e.g. tenant 'j[1]["id"]'.
tenant() { json_field "$TMP/tenants.json" "$1"; }

# ================================================================== the sandbox for creating
start_sandbox --tenants 5 --clients 3 --seed 3
MAIN_URL=$URL MAIN_EVENTS=$EVENTS
write_config
MAIN_CONFIG=$CONFIG
run environments list -o json
[ "$rc" = 0 ] || fail "environments list -o json"
cp "$TMP/out" "$TMP/envs.json"
ENV0_NAME=$(json_field "$TMP/envs.json" 'j[0]["name"]')
ENV0_ID=$(json_field "$TMP/envs.json" 'j[0]["id"]')
ENV2_NAME=$(json_field "$TMP/envs.json" 'j[2]["name"]')

# ------------------------------------------------------------------ 1. a new tenant
# Enter Enter: the script feeds both before any answer can arrive, so the dump after them
# shows the form still sending: the second Enter came while the create was in flight.
: >"$EVENTS"
run_script create -c "$CONFIG" --log "$TMP/create.log" <<'EOF'
wait
keys c
dump form
type Acme Corp
keys Tab
type acme-corp
keys Enter Enter
dump sending
wait
dump secret
keys Enter
dump enter1
keys Enter
dump closed
keys y
dump selected
EOF
expect_line_has form 2 "local $SEP all $SEP Tenants" "c: the console opened on the tenants pane"
expect_screen_has form "New tenant" "c on tenants: the New tenant form opens"
expect_below form "> Name" "Subdomain" "the form's fields: Name (focused), then Subdomain"
expect_below form "Subdomain" "Environment" "then Environment"
expect_screen_has form "Environment $CHOICE $ENV0_NAME" \
    "no environment chosen: the first ($ENV0_NAME) is preselected"
expect_screen_has sending "Creating the tenant..." \
    "Enter Enter: the form says it is creating (still in flight after both)"
expect_count TENANT_CREATE_START 1 "Enter Enter: exactly one create reached the sandbox"
expect_count TENANT_CREATE_SUCCESS 1 "Enter Enter: and it succeeded once"
NEW_ID=$(grep '^TENANT_CREATE_SUCCESS ' "$EVENTS" | grep -oE "id=$UUID_RE" | cut -d= -f2)
check "the sandbox's event names the new tenant's ID ('$NEW_ID')" [ -n "$NEW_ID" ]
expect_screen_has secret "Client secret" "on success: the Client secret panel"
expect_screen_has secret 'The first client of the new tenant "Acme Corp"' \
    "the panel says whose secret it is"
expect_screen_lacks secret "+- New tenant" "on success: the form is closed"
status_has secret 'Created tenant "Acme Corp"' "the status line says the tenant was created"
expect_screen_has secret " Acme Corp " "the new tenant is in the list"
SECRET1=$(secret_in secret)
CID1=$(client_id_in secret)
check "the panel shows a non-empty Secret ('$SECRET1')" [ ${#SECRET1} -ge 16 ]
# the Client ID is the sandbox's: the new tenant's first client
run clients list "$NEW_ID" -o json
[ "$rc" = 0 ] || fail "clients list $NEW_ID"
SB_CID=$(json_field "$TMP/out" 'j[0]["clientId"]')
check "the panel's Client ID ($CID1) is the new tenant's client at the sandbox ($SB_CID)" \
    [ -n "$CID1" -a "$CID1" = "$SB_CID" ]
run tenants get "$NEW_ID" -o json
[ "$rc" = 0 ] || fail "tenants get $NEW_ID"
got=$(json_field "$TMP/out" 'j["name"] + " " + j["subdomain"].split(".")[0] + " " + j["environment"]["id"]')
check "the sandbox has it: Acme Corp, acme-corp, in $ENV0_NAME (got '$got')" \
    [ "$got" = "Acme Corp acme-corp $ENV0_ID" ]
expect_screen_has enter1 "Client secret" \
    "one Enter (as one typed ahead of the panel would be) does not close it"
expect_screen_has enter1 "press Enter once more to close it" "it says a second Enter closes it"
status_has closed "The secret was closed and wiped from memory" \
    "a second Enter closes the panel and says the secret is wiped"
expect_screen_lacks closed "Client secret" "Enter: the panel is gone"
expect_selected selected "$NEW_ID" "the new tenant's row is the selected one"
# 7. the secret: in the dump taken while the panel was open, nowhere after
grep -qF -e "$SECRET1" "$S_DIR/secret" || fail "the secret is in the dump taken while the panel was open"
ok "the secret is in the dump taken while the panel was open"
if grep -qF -e "$SECRET1" "$S_DIR/closed" "$S_DIR/selected"; then
    fail "the secret is still on the screen after the panel closed"
fi
ok "the secret is in no dump taken after the panel closed"
grep -q 'POST .*/v1/tenants' "$TMP/create.log" || fail "the --log file records the create"
ok "the --log file records the create"
if grep -qF -e "$SECRET1" "$TMP/create.log"; then fail "the secret is in the --log file"; fi
ok "the secret is not in the --log file"

# The panel's keys: Up chooses the Client ID, Down the Secret; y (no clipboard headless) says
# so in the panel; Esc once reminds, Esc twice closes.
run_script panel-keys -c "$CONFIG" <<'EOF'
wait
keys c
type beta
keys Tab
type beta
keys Enter
wait
dump open
keys Up
dump up
keys Down
dump down
keys y
dump copy
keys Esc
dump esc1
keys Esc
dump esc2
EOF
expect_screen_has open "> Secret" "the panel opens with the Secret chosen"
expect_screen_has up "> Client ID" "Up chooses the Client ID"
expect_screen_has down "> Secret" "Down chooses the Secret again"
expect_screen_has copy "This terminal cannot take the clipboard: copy it by hand" \
    "y without a clipboard: the panel says to copy by hand"
expect_screen_has esc1 "It is not shown again" "Esc once: a reminder, the panel stays"
expect_screen_has esc1 "Client secret" "Esc once: the panel is still open"
expect_screen_lacks esc2 "Client secret" "Esc twice: the panel closes"
status_has esc2 "The secret was closed and wiped from memory" "Esc twice: the secret is wiped"
check "the second tenant's secret is not on the screen after Esc Esc" \
    sh -c "! grep -qF -e '$(secret_in open)' '$S_DIR/esc2'"

# The smallest screen (60x15): the secret wraps, whole; made wide again, on one line.
UI_COLS=60 UI_LINES=15 run_script panel-small -c "$CONFIG" <<'EOF'
wait
keys c
type small
keys Tab
type small
keys Enter
wait
dump small
resize 100 30
dump wide
keys Enter
EOF
WIDE_SECRET=$(secret_in wide)
wrapped=$(dump_text small | grep -A 1 -F ' Secret ' | sed -E 's/^.*\| *(> )?(Secret)? +//; s/ *\|.*$//' | tr -d '\n')
check "60x15: the secret wraps in the panel, whole ('$wrapped')" \
    [ ${#WIDE_SECRET} -ge 16 -a "$wrapped" = "$WIDE_SECRET" ]

# Esc while the create is in flight: the form goes, the answer still lands and the secret is
# still shown (else it would be lost).
: >"$EVENTS"
run_script esc-in-flight -c "$CONFIG" <<'EOF'
wait
keys c
type gamma
keys Tab
type gamma
keys Enter Esc
dump hidden
keys c
dump again
wait
dump landed
keys Enter
EOF
status_has hidden "Closed; the request was sent and its answer will show here" \
    "Esc in flight: the status line says the request was sent"
expect_screen_lacks hidden "New tenant" "Esc in flight: the form is closed"
status_has again "Still waiting for the last change to be answered" \
    "c while it is in flight: no second form"
expect_screen_has landed "Client secret" \
    "Esc in flight: the secret panel still shows when the answer lands"
expect_count TENANT_CREATE_START 1 "Esc in flight: one create"

# ------------------------------------------------------------------ 2. the subdomain, live
: >"$EVENTS"
LONG63=$(printf 'a%.0s' {1..63})
run_script invalid -c "$CONFIG" <<EOF
wait
keys c
type Bad
keys Tab
type Acme
dump upper
keys Enter
dump upper-enter
keys C-u
type -x
dump dash-first
keys Enter
keys C-u
type x-
dump dash-last
keys C-u
type a b
dump space
keys Enter
keys C-u
type acme!
dump bang
keys C-u
type café
dump accent
keys C-u
dump empty
keys Enter
dump empty-enter
keys C-u
type $LONG63
dump long63
type a
dump long64
keys Enter
dump long64-enter
keys Esc
dump cancelled
EOF
expect_below upper "Subdomain" "upper-case 'A' is not allowed: use 'a'" \
    "'Acme': the error says upper-case A, use a"
expect_screen_has upper-enter "New tenant" "'Acme', Enter: the form stays"
expect_below upper-enter "Subdomain" "upper-case 'A' is not allowed" \
    "'Acme', Enter: the error stays under Subdomain"
expect_below dash-first "Subdomain" "cannot start or end with '-'" "'-x': cannot start with '-'"
expect_below dash-last "Subdomain" "cannot start or end with '-'" "'x-': cannot end with '-'"
expect_below space "Subdomain" "spaces are not allowed" "'a b': spaces are not allowed"
expect_below bang "Subdomain" "'!' is not allowed" "'acme!': '!' is not allowed"
expect_below accent "Subdomain" "only a-z, 0-9 and '-' are allowed" "'café': no accents"
expect_below empty-enter "Subdomain" "enter the subdomain label" "empty, Enter: asks for a label"
line=$(below long63 "Subdomain")
case $line in
*"Environment"*) ok "63 characters: no error under Subdomain" ;;
*) _show long63; fail "63 characters: the line under Subdomain is '$line'" ;;
esac
expect_below long64 "Subdomain" "at most 63 characters (this has 64)" "64 characters: at most 63"
status_has cancelled "Cancelled: nothing was sent" "Esc: cancelled, nothing sent"
expect_count TENANT_CREATE_START 0 "invalid subdomains: no create reached the sandbox"
expect_no_changes "invalid subdomains: no change at all reached the sandbox"

# ------------------------------------------------------------------ 3. a 400 with details
# The same label twice in one environment: the sandbox answers 400, param subdomain. Then an
# existing tenant's label in its own environment, chosen in the environments pane (the form
# preselects it), and the same form again with a free label.
tenants_json
T0_LABEL=$(tenant 'j[0]["subdomain"].split(".")[0]')
T0_ENV=$(tenant 'j[0]["environment"]["name"]')
T0_ENV_ID=$(tenant 'j[0]["environment"]["id"]')
T0_ENV_ROW=$(json_field "$TMP/envs.json" "[e['name'] for e in j].index('$T0_ENV') + 1")
: >"$EVENTS"
run_script duplicate -c "$CONFIG" <<EOF
wait
keys c
type Dup One
keys Tab
type dup-label
keys Enter
wait
keys Enter Enter
keys c
type Dup Two
keys Tab
type dup-label
keys Enter
wait
dump refused
keys Esc
keys Backspace
wait
keys $(rep j "$T0_ENV_ROW") Enter
wait
keys c
dump env-form
type Taken
keys Tab
type $T0_LABEL
keys Enter
wait
dump taken
keys C-u
type $T0_LABEL-2
keys Enter
wait
dump created
keys Enter Enter
EOF
expect_count TENANT_CREATE_START 4 "two duplicates and two good creates: 4 creates sent"
expect_count TENANT_CREATE_SUCCESS 2 "two succeeded"
fails400=$(grep -c '^TENANT_CREATE_FAIL .* status=400' "$EVENTS")
check "two were refused with 400 (got $fails400)" [ "$fails400" = 2 ]
expect_screen_has refused "New tenant" "400: the form stays open"
expect_screen_has refused "Name        Dup Two" "400: the typed name is kept"
expect_screen_has refused "Subdomain   dup-label" "400: the typed label is kept"
expect_below refused "Subdomain   dup-label" "is already used in this environment" \
    "400: the server's message is under Subdomain"
expect_screen_has refused "HTTP 400" "400: the refusal (HTTP 400) is in the form"
expect_line_has env-form 2 "$SEP $T0_ENV $SEP Tenants" \
    "Enter on $T0_ENV in the environments pane narrows the tenants"
expect_screen_has env-form "Environment $CHOICE $T0_ENV" \
    "the form preselects the environment chosen ($T0_ENV)"
expect_below taken "Subdomain   $T0_LABEL" "is already used in this environment" \
    "an existing tenant's label ($T0_LABEL in $T0_ENV): the server's message under Subdomain"
expect_screen_has created 'Client secret' "the same form with another label goes through"
run tenants list -o json
got=$(json_field "$TMP/out" "[t['environment']['id'] for t in j if t['subdomain'].startswith('$T0_LABEL-2.')]")
check "the sandbox has $T0_LABEL-2 in $T0_ENV (got $got)" [ "$got" = "['$T0_ENV_ID']" ]

# Left/Right/Space change the environment; a letter jumps to the next one starting with it.
run_script env-choice -c "$CONFIG" <<EOF
wait
keys c Down
dump down
keys Up
dump up
keys BTab
dump btab
keys Tab Tab Tab
dump first
keys Right
dump right
keys Left
dump left
keys Space Space
dump space2
keys $(json_field "$TMP/envs.json" 'j[1]["name"][0]')
dump letter
keys Esc
EOF
ENV1_NAME=$(json_field "$TMP/envs.json" 'j[1]["name"]')
expect_screen_has down "> Subdomain" "Down: the next field"
expect_screen_has up "> Name" "Up: the field before"
expect_screen_has btab "> Environment" "BTab on the first field: the last one"
expect_screen_has first "Environment $CHOICE $ENV0_NAME " "environment field: the first environment"
expect_screen_has right "Environment $CHOICE $ENV1_NAME " "Right: the next environment ($ENV1_NAME)"
expect_screen_has left "Environment $CHOICE $ENV0_NAME " "Left: back to $ENV0_NAME"
expect_screen_has space2 "Environment $CHOICE $ENV2_NAME " "Space Space: two on ($ENV2_NAME)"
expect_screen_has letter "Environment $CHOICE $ENV1_NAME " "its first letter: $ENV1_NAME"

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

# ================================================================== 4. faults
# Every /v1/ answer a 503: no environment can load, so the form cannot send at all.
start_sandbox --tenants 5 --seed 3 --fail-rate 1 --fail-status 503 --retry-after 0
write_config "$TMP/fail-all.conf"
run_script fail-all -c "$CONFIG" <<'EOF'
wait
keys c
type Acme
keys Tab
type acme
keys Enter
wait
dump form
keys Esc
EOF
expect_screen_has form "No environments are loaded yet" \
    "all failing: the form says no environment is loaded"
expect_below form "Environment" "nothing to choose from" \
    "all failing: Enter stops at the environment"
expect_screen_has form "Subdomain   acme" "all failing: the typed values stay"
expect_count TENANT_CREATE_START 0 "all failing: no create was sent"
stop_sandbox

# A refused create (503, 409) or an answer lost on the way (the connection dropped after the
# create was carried out): sent exactly once, never again by itself; the form stays with what
# was typed and says what happened. The faults are drawn from --seed in request order (the
# token endpoint draws none): with seed 18 the first draws are 0.85, 0.65, 0.31, 0.88, so at
# a rate of 0.5 the tenants and environments lists pass and the create (the third) is hit.
for fault in "503:--fail-rate 0.5 --fail-status 503:HTTP 503" \
    "409:--fail-rate 0.5 --fail-status 409:HTTP 409" \
    "drop:--drop-rate 0.5:the connection broke"; do
    IFS=: read -r what flags says <<<"$fault"
    # shellcheck disable=SC2086  # flags are words
    start_sandbox --tenants 5 --seed 18 --retry-after 0 $flags
    write_config "$TMP/fault-$what.conf"
    run_script "fault-$what" -c "$CONFIG" <<'EOF'
wait
keys c
type Acme Corp
keys Tab
type acme-corp
keys Enter
wait
dump refused
keys Esc
EOF
    cp "$S_DIR/refused" "$TMP/fault-$what.screen"
    expect_count TENANT_RETRIEVE_LIST_SUCCESS 1 \
        "$what: (the draws as planned: the tenants list passed)"
    expect_count ENVIRONMENT_RETRIEVE_LIST_SUCCESS 1 "$what: (and the environments list)"
    expect_count TENANT_CREATE_START 1 "$what: the create was sent exactly once (not retried)"
    if [ "$what" = drop ]; then
        n=$(grep -c '^TENANT_CREATE_SUCCESS .* fault=drop' "$EVENTS")
    else
        n=$(grep -c "^TENANT_CREATE_FAIL .* status=$what fault=fail" "$EVENTS")
    fi
    check "$what: the sandbox injected the fault into the create (got $n)" [ "$n" = 1 ]
    expect_screen_has refused "New tenant" "$what: the form stays open"
    expect_screen_has refused "Name        Acme Corp" "$what: the name is kept"
    expect_screen_has refused "Subdomain   acme-corp" "$what: the label is kept"
    expect_screen_has refused "$says" "$what: the form says what happened ($says)"
    stop_sandbox
done
URL=$MAIN_URL EVENTS=$MAIN_EVENTS CONFIG=$MAIN_CONFIG

# ================================================================== 5. read-only
# c, e, d, Enter and typing in every pane (tenants, clients, a client's details, environments)
# open nothing and send nothing; the help has no Changing section.
readonly_script() {
    cat <<'EOF'
wait
keys c
dump c-tenants
keys e
dump e-tenants
keys d
dump d-tenants
type Acme
keys Enter
wait
keys c
dump c-clients
keys e
dump e-clients
keys d
dump d-clients
type bot
keys Space Enter
wait
dump details
keys c e d Esc
keys Backspace Backspace
wait
keys c
dump environments
keys e d Enter
wait
keys c e d
keys ?
dump help
EOF
}
profile_config "$TMP/ro.conf" local "readonly = true;"
: >"$EVENTS"
UI_LINES=60 run_script readonly-profile -c "$CONFIG" < <(readonly_script)
readonly_checks() {
    local msg=$1 f
    expect_line_has c-tenants 1 "READ-ONLY" "$2: the header says READ-ONLY"
    for f in c-tenants e-tenants d-tenants c-clients e-clients d-clients environments; do
        expect_screen_lacks $f "+- " "$2: $f opens no dialog"
    done
    for f in c-tenants e-tenants d-tenants c-clients e-clients d-clients environments; do
        status_has $f "$msg" "$2: $f says read-only"
    done
    expect_screen_has details "\"clientId\":" "$2: Enter on a client still shows its details"
    expect_line_has help 3 "Help" "$2: ? shows the help"
    expect_screen_has help "Move the selection down" "$2: the help lists the moves"
    for text in "Changing" "Create a tenant or a client" "Edit the selected client" "Delete the selection"; do
        expect_screen_lacks help "$text" "$2: the help has no '$text'"
    done
    expect_no_changes "$2: no POST, PUT or DELETE reached the sandbox"
}
readonly_checks "Read-only profile: creating, editing and deleting are off" "readonly = true"
: >"$EVENTS"
UI_LINES=60 run_script readonly-flag -c "$MAIN_CONFIG" --readonly < <(readonly_script)
readonly_checks "Read-only (--readonly): creating, editing and deleting are off" "--readonly"
# the same keys without read-only do open the forms (so the checks above can fail)
UI_LINES=60 run_script not-readonly -c "$MAIN_CONFIG" <<'EOF'
wait
keys c
dump c-tenants
keys Esc ?
dump help
EOF
expect_screen_has c-tenants "New tenant" "not read-only: c opens the form"
expect_screen_has help "Delete the selection" "not read-only: the help lists delete"

# ================================================================== 6. delete
start_sandbox --tenants 6 --clients 3 --seed 5
write_config "$TMP/delete.conf"
tenants_json
T1_ID=$(tenant 'j[1]["id"]') T1_NAME=$(tenant 'j[1]["name"]') T1_SUB=$(tenant 'j[1]["subdomain"]')
T1_LABEL=${T1_SUB%%.*}
T2_ID=$(tenant 'j[2]["id"]')
T0_LABEL=$(tenant 'j[0]["subdomain"].split(".")[0]')
T4_ID=$(tenant 'j[4]["id"]')
T5_NAME=$(tenant 'j[5]["name"]') T5_SUB=$(tenant 'j[5]["subdomain"]')

# Wrong words: the label of another tenant, the name, the full subdomain, the label in
# capitals: each refused, nothing sent, the row stays.
: >"$EVENTS"
run_script delete-wrong -c "$CONFIG" <<EOF
wait
keys j d
dump dialog
type $T0_LABEL
keys Enter
dump wrong
keys C-u
type $T1_NAME
keys Enter
dump wrong-name
keys C-u
type $T1_SUB
keys Enter
dump wrong-sub
keys C-u
type ${T1_LABEL^^}
keys Enter Enter
dump wrong-caps
keys Esc
dump after
EOF
expect_screen_has dialog "Delete tenant" "d on a tenant: the Delete tenant dialog"
expect_screen_has dialog "\"$T1_NAME\"" "the dialog names the tenant"
expect_screen_has dialog "Type the subdomain label, $T1_LABEL, to confirm." \
    "the dialog asks for the label"
for f in wrong wrong-name wrong-sub wrong-caps; do
    expect_below $f "> Confirm" "that is not \"$T1_LABEL\": nothing was deleted" "$f word: refused"
done
expect_count TENANT_DELETE_START 0 "wrong words: no delete reached the sandbox"
expect_screen_has after " $T1_NAME " "wrong words: the row is still listed"
run tenants get "$T1_ID"
expect_rc 0 "wrong words: the sandbox still has the tenant"

: >"$EVENTS"
run_script delete -c "$CONFIG" <<EOF
wait
keys j d
type $T1_LABEL
keys Enter Enter
dump deleting
wait
dump deleted
keys y
dump selected
keys G d
type ${T5_SUB%%.*}
keys Enter
wait
dump last-deleted
keys y
dump last-selected
EOF
expect_screen_has deleting "Deleting..." "the right label: the dialog says it is deleting"
expect_count TENANT_DELETE_START 2 "the right labels: one delete each (Enter Enter sent one)"
check "the first delete was for $T1_NAME" \
    grep -q "^TENANT_DELETE_SUCCESS .*path=/v1/tenants/$T1_ID " "$EVENTS"
status_has deleted "Deleted tenant \"$T1_NAME\"" "the status line says it was deleted"
expect_screen_lacks deleted " $T1_NAME " "the row is gone"
expect_selected selected "$T2_ID" "its neighbour (the next row) is selected"
expect_screen_lacks last-deleted " $T5_NAME " "the last row deleted: gone"
expect_selected last-selected "$T4_ID" "the last row deleted: the row before it is selected"
run tenants get "$T1_ID"
check "the sandbox no longer has $T1_NAME (get exits non-zero: $rc)" [ "$rc" != 0 ]

# A client: its name to confirm; the neighbour selected.
T0_ID=$(tenant 'j[0]["id"]')
run clients list "$T0_ID" -o json
C0_NAME=$(json_field "$TMP/out" 'j[0]["name"]') C0_ID=$(json_field "$TMP/out" 'j[0]["clientId"]')
C1_ID=$(json_field "$TMP/out" 'j[1]["clientId"]')
: >"$EVENTS"
run_script client-delete -c "$CONFIG" <<EOF
wait
keys Enter
wait
keys d
dump dialog
type not-$C0_NAME
keys Enter
dump wrong
keys C-u
type $C0_NAME
keys Enter
wait
dump deleted
keys y
dump selected
EOF
expect_screen_has dialog "Delete client" "d on a client: the Delete client dialog"
expect_screen_has dialog "Type the client's name, $C0_NAME, to confirm." \
    "it asks for the client's name"
expect_below wrong "> Confirm" "that is not \"$C0_NAME\": nothing was deleted" \
    "a wrong name: refused"
expect_count TENANT_CLIENT_DELETE_START 1 "the client: one delete (none for the wrong name)"
status_has deleted "Deleted client \"$C0_NAME\"" "the status line says the client was deleted"
expect_screen_lacks deleted "$C0_ID" "the client's row is gone"
status_has selected "$C1_ID" "the next client is selected"

# A production profile: the profile's name too.
profile_config "$TMP/prod.conf" prod "production = true;"
T2_LABEL=$(tenant 'j[2]["subdomain"].split(".")[0]') T2_NAME=$(tenant 'j[2]["name"]')
: >"$EVENTS"
run_script production -c "$CONFIG" <<EOF
wait
keys j d
dump dialog
type $T2_LABEL
keys Enter
dump no-profile
type local
keys Enter
dump wrong-profile
keys Esc
EOF
expect_screen_has dialog "This is the PRODUCTION profile: type its name, prod, as well." \
    "production: the dialog asks for the profile's name as well"
expect_screen_has dialog "Profile" "production: a Profile field"
expect_below no-profile "> Profile" 'that is not "prod": nothing was deleted' \
    "production: the label alone is refused"
expect_below wrong-profile "> Profile" 'that is not "prod": nothing was deleted' \
    "production: a wrong profile name is refused"
expect_count TENANT_DELETE_START 0 "production: nothing was sent without the profile's name"
: >"$EVENTS"
run_script production-ok -c "$CONFIG" <<EOF
wait
keys j d
type $T2_LABEL
keys Tab
type prod
keys Enter
wait
dump deleted
EOF
expect_count TENANT_DELETE_START 1 "production: the label and the profile's name delete"
status_has deleted "Deleted tenant \"$T2_NAME\"" "production: deleted"
stop_sandbox
URL=$MAIN_URL EVENTS=$MAIN_EVENTS CONFIG=$MAIN_CONFIG

# A client whose name holds control characters cannot be typed: its ID is the word to type.
start_sandbox --tenants 2 --clients 3 --seed 3 --hostile-names
write_config "$TMP/hostile.conf"
tenants_json
H_TENANT=$(tenant 'j[0]["id"]')
run clients list "$H_TENANT" -o json
H_CID=$(json_field "$TMP/out" 'j[0]["clientId"]')
check "(the hostile client's name holds an escape)" \
    py 'import json,sys; sys.exit(0 if "\x1b" in json.load(open(sys.argv[1]))[0]["name"] else 1)' "$TMP/out"
: >"$EVENTS"
run_script hostile-delete -c "$CONFIG" <<EOF
wait
keys Enter
wait
keys d
dump dialog
type $H_CID
keys Enter
wait
dump deleted
EOF
cp "$S_DIR/dialog" "$TMP/hostile-dialog.screen"
expect_screen_has dialog ", $H_CID, to confirm." \
    "a client with an untypable name: its ID is asked for"
expect_count TENANT_CLIENT_DELETE_START 1 "its ID typed: one delete"
expect_screen_lacks deleted "$H_CID" "its row is gone"
stop_sandbox
URL=$MAIN_URL EVENTS=$MAIN_EVENTS CONFIG=$MAIN_CONFIG

# ================================================================== 8. a profile from the setup screen
NEWCONF=$TMP/fresh/config
# The console is given the file by a short relative path (the scripts run in $TMP/NAME): the
# status line names the file as given, and "Added profile mine to $TMP/fresh/config" is cut
# at 100 columns when $TMP is long (make distcheck's tests/tmp under
# tenantry-VERSION/_build/sub, a 7-digit PID: a failure that comes and goes with the PID).
NEWCONF_REL=../fresh/config
mkdir -p "$TMP/fresh"
: >"$EVENTS"
run_script profile-add -c "$NEWCONF_REL" <<EOF
dump setup
keys P
dump list
keys a
dump form
type mine
keys Tab Tab
type $URL
keys Tab
type $URL/oauth/token
keys Tab
type $AUDIENCE
keys Tab
type $CLIENT_ID
keys Tab Tab
type $SECRET
dump typed
keys Enter
dump saved
keys Enter
wait
dump switched
EOF
expect_screen_has setup "tenantry cannot connect yet." "no profiles file: the setup screen"
expect_screen_has list "No profiles yet" "P: the (empty) profiles list"
expect_screen_has form "New profile" "a: the New profile form"
for label in "Name" "API" "API URL" "Token URL" "Audience" "Client ID" "Secret" "[ ] read-only" "[ ] production"; do
    expect_screen_has form "$label" "the New profile form has $label"
done
expect_screen_has typed "Secret    ********************" "the secret shows as one * a character"
expect_screen_lacks typed "$SECRET" "the typed secret is not on the screen"
status_has saved "Added profile mine to $NEWCONF_REL" "Enter: the profile is added to the file"
expect_screen_has saved "mine     mattr    http://127.0.0.1:PORT" "the profiles list shows it"
check "the new file is mode 600 (got $(file_mode "$NEWCONF"))" [ "$(file_mode "$NEWCONF")" = 600 ]
check "no temporary file is left beside it ($(ls -A "$TMP/fresh" | tr '\n' ' '))" \
    [ "$(ls -A "$TMP/fresh")" = config ]
expect_screen_lacks saved "$SECRET" "saved: the secret is not on the screen"
run_cmd "$TENANTRY_BIN" -c "$NEWCONF" -p mine tenants list
expect_rc 0 "the CLI uses the new profile: tenants list"
expect_in_out "SUBDOMAIN" "the CLI lists the tenants with it"
expect_in_out "$TENANT_NAME" "the CLI lists the sandbox's tenants ($TENANT_NAME)"
check "the first profile added becomes the default" grep -q '^default_profile = "mine";' "$NEWCONF"
run_cmd "$TENANTRY_BIN" -c "$NEWCONF" tenants list
expect_rc 0 "the CLI uses it without -p"
expect_line_has switched 2 "mine $SEP all $SEP Tenants" "Enter on it in the list switches to it"
expect_screen_has switched "$TENANT_NAME" "the console lists the tenants with it"

# An existing file: a name already in it is refused; the options read-only and production
# are saved; the file stays 0600.
run_script profile-add-again -c "$NEWCONF" <<EOF
keys P a
type mine
dump taken
keys Esc
dump cancelled
keys a
type careful
keys Tab Tab
type $URL
keys Tab
type $URL/oauth/token
keys Tab
type $AUDIENCE
keys Tab
type $CLIENT_ID
keys Tab Tab
type $SECRET
keys Tab Space Down Space
dump options
keys Enter
dump saved
EOF
expect_below taken "> Name" "a profile has this name already" \
    "a name already in the file is refused, live"
status_has cancelled "Cancelled: nothing was changed" "Esc closes the New profile form"
expect_screen_has options "[x] read-only" "Space checks read-only"
expect_screen_has options "[x] production" "Down Space checks production"
status_has saved "Added profile careful" "the second profile is added"
got=$(py '
import re, sys
text = open(sys.argv[1]).read()
block = text[text.index("name = \"careful\""):]
block = block[:block.index("}")]
print(" ".join(k for k in ("readonly = true;", "production = true;") if k in block))
' "$NEWCONF")
check "the file has readonly = true; and production = true; in profile careful (got '$got')" \
    [ "$got" = "readonly = true; production = true;" ]
check "the file is still mode 600 (got $(file_mode "$NEWCONF"))" [ "$(file_mode "$NEWCONF")" = 600 ]
run_cmd "$TENANTRY_BIN" -c "$NEWCONF" -p careful tenants create --subdomain nope --environment "$ENV0_ID"
check "the CLI takes the profile as read-only (tenants create refused: exit $rc)" [ "$rc" != 0 ]
expect_count TENANT_CREATE_START 0 "the read-only profile sent no create"

# ================================================================== 10. remove, default
three_profiles() {
    py '
import sys
url, aud, cid, sec = sys.argv[2:6]
out = []
for name in ("one", "two", "three"):
    out.append("""  {
    name = "%s";
    url = "%s";
    auth_url = "%s/oauth/token";
    audience = "%s";
    client_id = "%s";
    client_secret = "%s";
  }""" % (name, url, url, aud, cid, sec))
open(sys.argv[1], "w").write("default_profile = \"one\";\nprofiles = (\n" + ",\n".join(out) + "\n);\n")
' "$1" "$URL" "$AUDIENCE" "$CLIENT_ID" "$SECRET"
    chmod 600 "$1"
}
three_profiles "$TMP/three.conf"
cp "$TMP/three.conf" "$TMP/three.orig"
run_script profile-remove-wrong -c "$TMP/three.conf" <<'EOF'
wait
keys P j D
dump dialog
type three
keys Enter
dump wrong
keys C-u
type TWO
keys Enter
keys Esc
dump cancelled
EOF
expect_screen_has dialog "Remove profile" "D: the Remove profile dialog"
expect_screen_has dialog 'This removes profile "two"' "it names the selected profile"
expect_below wrong "> Confirm" 'that is not "two"' "another name: refused"
status_has cancelled "Cancelled: nothing was changed" "Esc closes the Remove profile dialog"
check "a wrong name removes nothing (the file is unchanged)" \
    cmp -s "$TMP/three.conf" "$TMP/three.orig"

run_script profile-remove -c "$TMP/three.conf" <<'EOF'
wait
keys P j D
type two
keys Enter
dump removed
keys j *
dump default
EOF
status_has removed "Removed profile two" "its name typed: removed"
expect_screen_lacks removed " two      mattr" "the list no longer shows it"
check "the file no longer has profile two" sh -c "! grep -q 'name = \"two\"' '$TMP/three.conf'"
check "the file still has one and three" \
    sh -c "grep -q 'name = \"one\"' '$TMP/three.conf' && grep -q 'name = \"three\"' '$TMP/three.conf'"
status_has default "three is now the default profile" "*: three is the default"
check "the file says default_profile = \"three\"" \
    grep -q '^default_profile = "three";' "$TMP/three.conf"
check "the file is still mode 600 (got $(file_mode "$TMP/three.conf"))" \
    [ "$(file_mode "$TMP/three.conf")" = 600 ]
check "the old file is kept as three.conf~, mode 600 too (got $(file_mode "$TMP/three.conf~"))" \
    [ "$(file_mode "$TMP/three.conf~")" = 600 ]
run_cmd "$TENANTRY_BIN" -c "$TMP/three.conf" profile list
expect_rc 0 "the CLI reads the changed file"
run_cmd "$TENANTRY_BIN" -c "$TMP/three.conf" tenants list
expect_rc 0 "the CLI uses the new default (three)"

# ================================================================== bugs these tests found
# A refusal's hint (err_format joins it with a newline) is drawn in the form with the newline
# shown as '?', glued to the message: "...(HTTP 503 ServiceUnavailable)?The server is busy or
# failing..." and "...may or may not have been carried out?It was not sent again...".
expect_screen_lacks "$TMP/fault-503.screen" "ServiceUnavailable)?The server" \
    "503: the form's error shows no '?' where the hint starts"
expect_screen_lacks "$TMP/fault-drop.screen" "carried out?It was not" \
    "dropped answer: the form's error shows no '?' where the hint starts"
# The same in the profiles list (P) when the file is refused (mode 0644 with a secret in it):
# "... (mode 0644)?Run: chmod 600 ...".
cp "$MAIN_CONFIG" "$TMP/open.conf"
chmod 644 "$TMP/open.conf"
# (a short relative path, the scripts run in $TMP/NAME, and a wide screen: the line is whole)
UI_COLS=160 run_script open-file -c ../open.conf <<'EOF'
keys P
dump list
EOF
expect_screen_has list "chmod 600 ../open.conf" \
    "a 0644 file: the profiles list says why it is refused, whole"
expect_screen_lacks list "(mode 0644)?Run" \
    "a 0644 file: the profiles list shows no '?' where the hint starts"

# A client whose name cannot be typed (control characters) is confirmed with its ID, but the
# dialog says "Type the client's name, <the client ID>, to confirm." (the tenant's dialog says
# "Type the tenant's ID, ..." in the same case).
expect_screen_lacks "$TMP/hostile-dialog.screen" "Type the client's name, $H_CID," \
    "an untypable client name: the dialog does not call the ID the client's name"

# Found in review, against a slow sandbox (every answer 600 ms late, pages of 100 of 250):
# - :q while a create awaits its answer asks again (as q does): the answer, and its secret,
#   would be lost; the answer then lands and its secret shows.
# - A created tenant that a page also brings (G loading on meanwhile) is listed once.
# - A create refused after Esc hid its form brings the form back as typed, with the refusal.
start_sandbox --tenants 250 --clients 1 --seed 3 --latency-ms 600
PAGE_SIZE=100 write_config "$TMP/slow.conf"
run_script slow-quit -c "$TMP/slow.conf" <<'EOF'
wait
keys c
type Zeta One
keys Tab
type zeta-one
keys Enter Esc
keys :
type q
keys Enter
dump asked
wait
dump landed
keys Enter Enter
EOF
status_has asked "A change is waiting for its answer" ":q while a create is in flight: asked again"
expect_screen_has landed "Client secret" ":q refused: the answer landed and its secret shows"
expect_count TENANT_CREATE_SUCCESS 1 ":q while in flight: the create went through once"

run_script slow-twice -c "$TMP/slow.conf" <<'EOF'
wait
keys c
type Zeta Two
keys Tab
type zeta-two
keys Enter Esc G
wait
keys Enter Enter
wait
keys /
type zeta-two
keys Enter
dump filtered
EOF
expect_screen_has filtered "1 matching of" "created while G loaded the page holding it: listed once"

run_script slow-refused -c "$TMP/slow.conf" <<'EOF'
wait
keys c
type Zeta Again
keys Tab
type zeta-one
keys Enter Esc
dump hidden
wait
dump back
EOF
expect_screen_lacks hidden "New tenant" "Esc in flight: the form is hidden"
expect_screen_has back "New tenant" "refused after Esc: the form is back"
expect_screen_has back "Zeta Again" "refused after Esc: the name typed is kept"
expect_below back "zeta-one" "is already used in this environment" \
    "refused after Esc: the server's words under Subdomain"
status_has back "The change was refused: the form is back as you left it" \
    "refused after Esc: the status line says why the form came back"
