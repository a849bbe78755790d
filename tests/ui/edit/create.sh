#!/bin/bash
# create.sh: a new tenant (c on tenants): one create for Enter Enter (the second Enter lands
# while the form says "Creating the tenant..."); the row is added and selected; the sandbox has it;
# the secret panel (its keys, Esc, Enter twice, 60x15 wrapping); the secret in no later dump and
# not in the --log file; Esc while the create is in flight hides the form, the secret still shows.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
edit_main

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

# The panel's keys come from the keymap: with copy = "C-y", its hint says "C-y copy", y copies
# nothing and C-y copies; j (move-down) chooses the other line as Up/Down do.
EXTRA='keys = { copy = "C-y"; };' write_config "$TMP/keys.conf"
run_script panel-keymap -c "$CONFIG" <<'EOF'
wait
keys c
type remapped
keys Tab
type remapped
keys Enter
wait
dump open
keys y
dump y
keys C-y
dump copy
keys j
dump j
keys Enter Enter
EOF
expect_screen_has open "C-y copy   Up/Down choose" "the panel's hint names the copy key bound (C-y)"
expect_screen_lacks y "copy it by hand" "y (no longer copy) copies nothing"
expect_screen_has copy "This terminal cannot take the clipboard: copy it by hand" \
    "C-y copies (no clipboard headless: it says so)"
expect_screen_has j "> Client ID" "j (move-down) chooses the other line"
