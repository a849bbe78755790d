#!/bin/bash
# readonly.sh: read-only (`readonly = true;` in the profile, and --readonly): c, e, d, Enter and
# typing in each pane open nothing and send no POST/PUT/DELETE; the help lists no Changing keys.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.sh"
edit_main

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
