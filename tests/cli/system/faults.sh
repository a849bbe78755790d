#!/bin/bash
# faults.sh: creates and updates answered 503 or 500 are sent once; a 500 whose re-read shows
# the version unchanged is a failure, not a conflict (seeded flaky server).
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
sys_sandbox --fail-rate 1 --fail-status 503
write_system_config "$TMP/f503"
run tenants create --data "$TMP/acme.json"
expect_rc 6 "create answered 503"
check "the create was sent exactly once" [ "$(count_events SYSTEM_TENANT_CREATE_START)" = 1 ]
n0=$(event_lines)
run tenants update "$FIRST" --data "$TMP/acme.json" --version 2
expect_rc 6 "update answered 503"
check "the update was sent exactly once, and nothing else" \
    [ "$(events_after "$n0" | grep -c _START)" = 1 ]
stop_sandbox

# a 500 that is no conflict: the update failed (injected) and the version did not move
sys_sandbox --fail-rate 1 --fail-status 500
write_system_config "$TMP/f500"
run tenants update "$FIRST" --data "$TMP/acme.json" --version 2
expect_rc 6 "update answered 500, the re-read fails too: not a conflict"
expect_not_in_err "changed since" "no conflict is claimed"
check "PUT once (500), then one re-read (a GET: tried 5 times on 500)" \
    [ "$(cut -d' ' -f1 "$EVENTS" | tr '\n' ' ')" = \
        "SYSTEM_TENANT_UPDATE_START SYSTEM_TENANT_UPDATE_FAIL$(printf ' SYSTEM_TENANT_RETRIEVE_START SYSTEM_TENANT_RETRIEVE_FAIL%.0s' 1 2 3 4 5) " ]
stop_sandbox

# half the requests fail with 500, and stale versions are 500 too: find (seeded, so always the
# same run) a fresh update whose PUT failed while the re-read worked: exit 6, no conflict
sys_sandbox --system-tenants 3 --conflict-status 500 --fail-rate 0.5 --fail-status 500 --seed 7
write_system_config "$TMP/flaky"
VERSION=""
for _ in $(seq 20); do
    run tenants list --limit 1 -o json
    if [ "$rc" = 0 ]; then
        F=$(json_field "$TMP/out" 'j[0]["uuid"]')
        VERSION=$(json_field "$TMP/out" 'j[0]["version"]')
        break
    fi
done
[ -n "$VERSION" ] || fail "no tenants list got through in 20 tries"
found=""
for _ in $(seq 40); do
    n0=$(event_lines)
    run tenants update "$F" --data "$TMP/acme.json" --version "$VERSION"
    seen=$(events_after "$n0" | sed 's/ time=[^ ]*//; s/ req=[0-9]*//' | cut -d' ' -f1 | tr '\n' ' ')
    case $seen in
    "SYSTEM_TENANT_UPDATE_START SYSTEM_TENANT_UPDATE_SUCCESS ")
        [ "$rc" = 0 ] || fail "an update that succeeded exited $rc"
        VERSION=$((VERSION + 1))
        ;;
    "SYSTEM_TENANT_UPDATE_START SYSTEM_TENANT_UPDATE_FAIL SYSTEM_TENANT_RETRIEVE_START SYSTEM_TENANT_RETRIEVE_SUCCESS ")
        found=yes
        break
        ;;
    "SYSTEM_TENANT_UPDATE_START SYSTEM_TENANT_UPDATE_FAIL SYSTEM_TENANT_RETRIEVE_START SYSTEM_TENANT_RETRIEVE_FAIL ")
        [ "$rc" = 6 ] || fail "an update whose PUT and re-read failed exited $rc"
        ;;
    *) fail "unexpected events of an update: $seen" ;;
    esac
done
[ -n "$found" ] || fail "no update failed with its re-read working in 40 tries"
expect_rc 6 "update answered 500 while its version is current: not a conflict"
expect_not_in_err "changed since" "the non-conflict 500 claims no conflict"
expect_in_err "500" "the non-conflict 500 is reported"
stop_sandbox
