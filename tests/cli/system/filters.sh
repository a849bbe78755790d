#!/bin/bash
# filters.sh: the list filters (--id, --uuid, --created-*, --updated-*, repeated, together)
# list exactly the tenants python keeps; the query sent (--log); bad values send nothing.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
eval "$(py 'import json,sys
r=json.load(open(sys.argv[1]))
u=sorted(x["updatedAt"] for x in r)
print("C10=%s C20=%s U9=%s U22=%s ID4=%s ID7=%s ID12=%s UU3=%s UU8=%s UU9=%s UU17=%s UU20=%s CYEAR=%s UYEAR=%s" % (
 r[9]["createdAt"], r[19]["createdAt"], u[8], u[21], r[3]["id"], r[6]["id"], r[11]["id"],
 r[2]["uuid"], r[7]["uuid"], r[9]["uuid"], r[16]["uuid"], r[19]["uuid"],
 r[15]["createdAt"][:4], u[12][:4]))' "$TMP/full.json")"

filter_check "--id (one)" --id "$ID4"
check "--id N: one tenant" [ "$(uuids "$TMP/out" | wc -l | tr -d ' ')" = 1 ]
filter_check "--id (repeated)" --id "$ID4" --id "$ID7" --id "$ID12"
filter_check "--uuid (one)" --uuid "$UU3"
filter_check "--uuid (repeated)" --uuid "$UU3" --uuid "$UU8" --uuid "$UU17"
filter_check "--created-after and --created-before (exact times)" \
    --created-after "$C10" --created-before "$C20"
uuids "$TMP/out" >"$TMP/ids"
check "--created-after/before are inclusive: both bound tenants listed" \
    sh -c "grep -qx '$UU9' '$TMP/ids' && grep -qx '$UU20' '$TMP/ids'"
filter_check "--updated-after and --updated-before (exact times)" \
    --updated-after "$U9" --updated-before "$U22"
check "--updated-after/before: 14 tenants (both bounds inclusive)" \
    [ "$(uuids "$TMP/out" | wc -l | tr -d ' ')" -ge 14 ]
filter_check "--created-before DATE (a day)" --created-before "$CYEAR-01-01"
filter_check "--updated-after DATE (a day)" --updated-after "$UYEAR-01-01"
filter_check "--created-after with a +02:00 offset" --created-after "${C10%+00:00}+02:00"
filter_check "filters together" --created-after "$C10" --id "$ID4" --id "$ID12"

# the query the CLI sends (the events hold the path without the query: the log has it)
rm -f "$TMP/filters.log"
run --log "$TMP/filters.log" tenants list --limit 50 --id "$ID4" --uuid "$UU3" \
    --created-before "$C20" --created-after "$C10" --updated-before "$U22" --updated-after "$U9"
expect_rc 0 "tenants list with every filter and --log"
for q in "page=1" "limit=50" "id=$ID4" "uuid=$UU3" "createdAt%5Bbefore%5D=" "createdAt%5Bafter%5D=" \
    "updatedAt%5Bbefore%5D=" "updatedAt%5Bafter%5D="; do
    check "the request's query has $q" grep -qE "GET [^ ]*/system/tenants\?([^ ]*&)?$q" "$TMP/filters.log"
done
rm -f "$TMP/filters.log"
run --log "$TMP/filters.log" tenants list --id "$ID4" --id "$ID7" --uuid "$UU3" --uuid "$UU8"
expect_rc 0 "tenants list with repeated filters and --log"
for q in "id%5B%5D=$ID4" "id%5B%5D=$ID7" "uuid%5B%5D=$UU3" "uuid%5B%5D=$UU8"; do
    check "the request's query has $q" grep -qE "GET [^ ]*/system/tenants\?([^ ]*&)?$q" "$TMP/filters.log"
done

n0=$(event_lines)
for bad in "--created-after 2024-13-01" "--created-before yesterday" "--updated-after 2024-01-01T25:00:00Z" \
    "--updated-before 01/02/2024" "--id x" "--id 1.5"; do
    # shellcheck disable=SC2086  # an option and its value
    run tenants list $bad
    expect_rc 2 "tenants list $bad is refused"
    expect_in_err "'${bad#* }'" "the refusal quotes the value of $bad"
done
no_new_events "$n0" "the refused filters sent nothing"
