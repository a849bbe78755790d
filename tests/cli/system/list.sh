#!/bin/bash
# list.sh: tenants list of the 30 seeded tenants: --all -o json, the table's columns, --limit
# and --cursor with its "Next page" hint, -o jsonl and -o csv with the data, --all in pages.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
write_system_config "$TMP/sys"
SYS=$CONFIG
run tenants list --all -o json
expect_rc 0 "tenants list --all -o json"
cp "$TMP/out" "$TMP/full.json"
check "the full list has the 30 seeded tenants, each with a data object" \
    py 'import json,sys
r=json.load(open(sys.argv[1])); assert len(r)==30, len(r)
assert len({x["uuid"] for x in r})==30
assert all(isinstance(x.get("data"),dict) and x["data"] for x in r)
assert [x["id"] for x in r]==sorted(x["id"] for x in r)' "$TMP/full.json"

run tenants list --limit 5
expect_rc 0 "tenants list --limit 5 (table)"
check "the table's columns are UUID ID CREATED UPDATED VERSION" \
    [ "$(head -n 1 "$TMP/out" | tr -s ' ')" = "UUID ID CREATED UPDATED VERSION" ]
check "the table has 5 rows" [ "$(tail -n +2 "$TMP/out" | grep -c .)" = 5 ]
FIRST=$(json_field "$TMP/full.json" 'j[0]["uuid"]')
check "the first row is the first tenant, with its version" \
    [ "$(sed -n 2p "$TMP/out" | awk '{print $1, $2, $5}')" = \
        "$(json_field "$TMP/full.json" '"%s %s %s" % (j[0]["uuid"], j[0]["id"], j[0]["version"])')" ]
expect_in_err "Next page: --cursor 2" "a full page hints 'Next page: --cursor 2' on stderr"
expect_not_in_out "Next page" "the hint is not on stdout"

run tenants list --limit 5 --cursor 2 -o json
expect_rc 0 "tenants list --cursor 2"
check "--cursor 2 gives tenants 6 to 10" \
    [ "$(uuids "$TMP/out")" = "$(json_field "$TMP/full.json" '"\n".join(x["uuid"] for x in j[5:10])')" ]
expect_in_err "Next page: --cursor 3" "page 2 hints --cursor 3"
run tenants list --limit 5 --cursor 6 -o json
expect_rc 0 "tenants list --cursor 6 (the last page)"
check "the last page holds tenants 26 to 30" \
    [ "$(uuids "$TMP/out")" = "$(json_field "$TMP/full.json" '"\n".join(x["uuid"] for x in j[25:30])')" ]
expect_not_in_err "Next page" "the last page (full) has no next-page hint"

run tenants list --limit 4 -o jsonl
expect_rc 0 "tenants list -o jsonl"
check "-o jsonl: 4 lines, each a tenant equal to the full list's, data included" \
    py 'import json,sys
full={x["uuid"]:x for x in json.load(open(sys.argv[2]))}
lines=open(sys.argv[1]).read().splitlines(); assert len(lines)==4, lines
for l in lines:
    x=json.loads(l); assert x==full[x["uuid"]], x' "$TMP/out" "$TMP/full.json"
run tenants list --limit 4 -o csv
expect_rc 0 "tenants list -o csv"
check "-o csv: uuid,id,createdAt,updatedAt,version,data; data is the JSON object" \
    py 'import csv,json,sys
full={x["uuid"]:x for x in json.load(open(sys.argv[2]))}
r=list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(r)==4, r
assert list(r[0].keys())==["uuid","id","createdAt","updatedAt","version","data"], r[0].keys()
for x in r:
    f=full[x["uuid"]]
    assert json.loads(x["data"])==f["data"] and x["version"]==str(f["version"]) and x["id"]==str(f["id"]), x' \
    "$TMP/out" "$TMP/full.json"

n0=$(event_lines)
run tenants list --all --limit 7 -o jsonl
expect_rc 0 "tenants list --all --limit 7"
check "--all --limit 7: the 30 tenants, each once, in order" \
    [ "$(uuids "$TMP/out")" = "$(uuids "$TMP/full.json")" ]
check "--all --limit 7: 5 list requests (7+7+7+7+2, no empty page)" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS)" = 5 ]
expect_not_in_err "Next page" "--all prints no next-page hint"
