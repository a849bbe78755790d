#!/bin/bash
# delete.sh: tenants delete: refused without --yes and no terminal (nothing sent), then 204,
# gone, and not found again.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
sys_new_tenant
n0=$(event_lines)
run tenants delete "$C"
expect_rc 2 "delete without --yes and no terminal"
expect_in_err "--yes" "the refusal mentions --yes"
no_new_events "$n0" "the unconfirmed delete sent nothing"
run tenants delete "$C" --yes
expect_rc 0 "delete --yes"
expect_in_out "Deleted tenant $C." "delete says what it deleted"
check "the sandbox answered 204" grep -q "^SYSTEM_TENANT_DELETE_SUCCESS .*/system/tenants/$C status=204" "$EVENTS"
run tenants get "$C"
expect_rc 4 "the deleted tenant is gone"
run tenants delete "$C" --yes
expect_rc 4 "deleting it again: not found"
