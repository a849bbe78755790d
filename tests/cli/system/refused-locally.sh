#!/bin/bash
# refused-locally.sh: refused before anything is sent: an impossible date (2024-02-30), an empty UUID
# (tenants get '' and delete ''), an empty --uuid.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
# A date that is not one (February 30th) is refused before anything is sent.
CONFIG=$SYS
EVENTS=$MAIN_EVENTS
n0=$(event_lines)
run tenants list --created-after 2024-02-30
expect_rc 2 "tenants list --created-after 2024-02-30 is refused"
no_new_events "$n0" "--created-after 2024-02-30 sends nothing"

# An empty UUID is refused before anything is sent (it would name the collection).
n0=$(event_lines)
run tenants get ""
expect_rc 2 "tenants get '' is refused"
expect_in_err "UUID is empty" "tenants get '': the message says the UUID is empty"
run tenants delete "" --yes
expect_rc 2 "tenants delete '' is refused"
no_new_events "$n0" "an empty UUID sends nothing"

# An empty --uuid is refused before anything is sent.
n0=$(event_lines)
run tenants create --data "$TMP/acme.json" --uuid ""
expect_rc 2 "tenants create --uuid '' is refused"
no_new_events "$n0" "an empty --uuid sends nothing"
