#!/bin/bash
# help.sh: the verbs' help with a system profile lists its options; a MATTR profile has no
# tenants update or edit.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
run tenants update --help
expect_rc 0 "tenants update --help (system profile)"
expect_in_out "--data" "tenants update --help lists --data"
expect_in_out "--version" "tenants update --help lists --version"
run tenants list --help
expect_rc 0 "tenants list --help (system profile)"
for o in --id --uuid --created-before --created-after --updated-before --updated-after; do
    expect_in_out "$o" "tenants list --help lists $o"
done
run tenants --help
expect_rc 0 "tenants --help (system profile)"
expect_in_out "edit" "tenants --help lists edit"
write_config "$TMP/mattr" "http://127.0.0.1:9"
n0=$(event_lines)
run tenants update "$E" --data "$TMP/acme.json" --version 1
expect_rc 2 "tenants update with a MATTR profile"
expect_in_err "no verb 'update'" "the MATTR profile has no tenants update"
run tenants edit "$E"
expect_rc 2 "tenants edit with a MATTR profile"
run tenants update --help
expect_rc 2 "tenants update --help with a MATTR profile"
expect_in_err "no verb 'update'" "tenants update --help with a MATTR profile: no such verb"
expect_not_in_out "--version" "tenants update --help with a MATTR profile shows no system options"
