#!/bin/bash
# readonly.sh: --readonly and a readonly profile refuse create, update, delete and edit and
# send nothing; reads still work.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
n0=$(event_lines)
for cmd in "create --data $TMP/acme.json" "update $E --data $TMP/acme.json --version 1" \
    "delete $E --yes" "edit $E"; do
    # shellcheck disable=SC2086  # a verb and its arguments
    run --readonly tenants $cmd
    expect_rc 2 "--readonly tenants ${cmd%% *}"
    expect_in_err "refused" "--readonly tenants ${cmd%% *} says it is refused"
done
no_new_events "$n0" "--readonly sent nothing"
write_system_config "$TMP/ro" "$MAIN_URL" "readonly = true;"
n0=$(event_lines)
for cmd in "create --data $TMP/acme.json" "update $E --data $TMP/acme.json --version 1" \
    "delete $E --yes" "edit $E"; do
    # shellcheck disable=SC2086
    run_cmd env EDITOR=true "$TENANTRY_BIN" -c "$CONFIG" tenants $cmd
    expect_rc 2 "readonly profile: tenants ${cmd%% *}"
done
no_new_events "$n0" "the readonly profile sent nothing"
run tenants list --limit 2
expect_rc 0 "a readonly profile still lists"
run tenants get "$E"
expect_rc 0 "a readonly profile still gets"
