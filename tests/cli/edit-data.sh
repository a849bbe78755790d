#!/bin/bash
# edit-data.sh: tenants edit where an edit could lose data, against real sandboxes.
# - A server that does not return data (--write-only-data): edit refuses (exit 2) with the
#   message naming `tenants update --data FILE`, runs no editor and sends nothing; with
#   --replace-data the editor gets an empty object, stderr says all the data is replaced, and
#   one PUT carries what was written.
# - A conflict (someone saves between the read and the write) with --merge: the editor gets a
#   second file holding the server's version with our changes applied key by key; the keys both
#   changed are listed first in "_conflicts" with yours/server/base; a save that keeps it is
#   refused (exit 2, nothing sent, the file kept); a save that settles it sends one PUT on the
#   server's version, and the server keeps the colleague's change and ours. Without --merge and
#   without a terminal: exit 5, the hint names --merge, the edit is kept.
. "$(dirname "$0")/lib.sh"

export SYS_USER=operator SYS_PW='Edit-Pw-3Xq9'
unset VISUAL EDITOR
EDITS=$TMP/edits

# ed.py MODE FILE: the editor. MODE: set (data.k = "v"); race (the first run saves the tenant
# itself with data.name = "Theirs-VERSION" and data.plan = "gold", then sets data.name = "Mine" and
# data.region = "eu"; later runs: keep (save as given), settle (data.name = "Settled", remove
# _conflicts) as ED_LATER says). Every file given is copied to $ED_DIR/given.N.
cat >"$TMP/ed.py" <<'EOF'
import base64, json, os, shutil, sys, urllib.request
mode, path, d = sys.argv[1], sys.argv[2], os.environ["ED_DIR"]
n = len([f for f in os.listdir(d) if f.startswith("given.")]) + 1
shutil.copy(path, os.path.join(d, "given.%d" % n))
j = json.load(open(path))
if mode == "set":
    j["data"]["k"] = "v"
elif mode == "race" and n == 1:
    data = dict(j["data"], name="Theirs-%d" % j["version"], plan="gold")
    req = urllib.request.Request(
        "%s/system/tenants/%s" % (os.environ["ED_URL"], j["uuid"]),
        data=json.dumps({"data": data, "version": j["version"]}).encode(), method="PUT",
        headers={"Content-Type": "application/json", "Authorization": "Basic " +
                 base64.b64encode(os.environ["ED_AUTH"].encode()).decode()})
    urllib.request.urlopen(req).read()
    j["data"]["name"] = "Mine"
    j["data"]["region"] = "eu"
elif os.environ.get("ED_LATER") == "settle":
    j.pop("_conflicts", None)
    j["data"]["name"] = "Settled"
json.dump(j, open(path, "w"), indent=2)
EOF

# edit_with MODE UUID [ARGS...]: tenants edit UUID ARGS with ed.py MODE, files in $EDITS.
edit_with() {
    local mode=$1
    shift
    rm -rf "$EDITS" "$TMP/ed"
    mkdir -p "$EDITS" "$TMP/ed"
    run_cmd env TMPDIR="$EDITS" EDITOR="'$PYTHON' '$TMP/ed.py' $mode" ED_DIR="$TMP/ed" \
        ED_URL="$URL" ED_AUTH="$SYS_USER:$SYS_PW" "$TENANTRY_BIN" -c "$CONFIG" tenants edit "$@"
}
given() { echo "$TMP/ed/given.$1"; }
editor_runs() { find "$TMP/ed" -name 'given.*' | wc -l | tr -d ' '; }
# tenant_json UUID: the tenant as the server has it, in $TMP/tenant.json.
tenant_json() {
    run tenants get "$1" -o json
    [ "$rc" = 0 ] || fail "tenants get $1"
    cp "$TMP/out" "$TMP/tenant.json"
}

# ================================================================== write-only data
start_sandbox --system-tenants 3 --system-user "$SYS_USER" --system-password "$SYS_PW" \
    --write-only-data
write_system_config
run tenants list -o json
T=$(json_field "$TMP/out" 'j[0]["uuid"]')
n0=$(event_lines)
edit_with set "$T"
expect_rc 2 "write-only data: edit is refused"
expect_in_err "this server does not return data; an edit would replace all of it: use tenants update --data FILE" \
    "write-only data: the message says why and what to use"
expect_in_err "--replace-data" "write-only data: the hint names --replace-data"
check "write-only data: no editor ran" [ "$(editor_runs)" = 0 ]
check "write-only data: nothing sent" [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 0 ]
check "write-only data: no file left" [ -z "$(find "$EDITS" -type f)" ]

n0=$(event_lines)
edit_with set "$T" --replace-data
expect_rc 0 "write-only data, --replace-data: saved"
expect_in_err "what you save replaces all of it (--replace-data)" "--replace-data: stderr says all is replaced"
check "--replace-data: the editor got an empty data object" \
    py 'import json,sys; assert json.load(open(sys.argv[1]))["data"] == {}' "$(given 1)"
check "--replace-data: one PUT" [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_SUCCESS)" = 1 ]
stop_sandbox

# ================================================================== merge after a conflict
start_sandbox --system-tenants 3 --system-user "$SYS_USER" --system-password "$SYS_PW"
write_system_config
run tenants list -o json
T=$(json_field "$TMP/out" 'j[1]["uuid"]')
tenant_json "$T"
V0=$(json_field "$TMP/tenant.json" 'j["version"]')

# no --merge, no terminal: the conflict as before, the hint offers --merge
n0=$(event_lines)
edit_with race "$T"
expect_rc 5 "conflict without --merge: exit 5"
expect_in_err "add --merge" "conflict without --merge: the hint names --merge"
expect_in_err "Your edit is kept in $EDITS/" "conflict without --merge: the edit is kept"
check "conflict without --merge: the editor ran once" [ "$(editor_runs)" = 1 ]

# --merge, the merge saved with "_conflicts" still in it: refused, kept
tenant_json "$T"
V1=$(json_field "$TMP/tenant.json" 'j["version"]')
NAME1=$(json_field "$TMP/tenant.json" 'j["data"]["name"]')
n0=$(event_lines)
ED_LATER=keep edit_with race "$T" --merge
expect_rc 2 "merge kept with _conflicts: refused"
expect_in_err 'still holds "_conflicts" (changed on both sides: name)' "the refusal names the key"
check "merge: the editor ran twice" [ "$(editor_runs)" = 2 ]
check "merge: the second file is the server's version $((V1 + 1)) with our changes applied and the conflict listed first" \
    py 'import json,sys
t=open(sys.argv[1]).read(); j=json.loads(t)
assert list(j)[0]=="_conflicts", list(j)
assert j["version"]==int(sys.argv[2]), j["version"]
theirs="Theirs-%d" % (int(sys.argv[2]) - 1)
assert j["_conflicts"]=={"name":{"yours":"Mine","server":theirs,"base":sys.argv[3]}}, j["_conflicts"]
assert j["data"]["plan"]=="gold" and j["data"]["region"]=="eu" and j["data"]["name"]==theirs, j["data"]
' "$(given 2)" "$((V1 + 1))" "$NAME1"
check "merge refused: only the colleague's PUT and our refused one" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 2 ]
expect_in_err "Your edit is kept in $EDITS/" "merge refused: the file is kept"
KEPT=$(tail -n 1 "$TMP/err" | sed -n 's/.*kept in //p')
check "merge refused: the kept file is the merge" grep -q '"_conflicts"' "$KEPT"

# --merge, settled: one PUT on the server's version; both changes kept
tenant_json "$T"
V2=$(json_field "$TMP/tenant.json" 'j["version"]')
n0=$(event_lines)
ED_LATER=settle edit_with race "$T" --merge
expect_rc 0 "merge settled: saved"
check "merge settled: three PUTs (the colleague's, the refused, the merge) and the last on version $((V2 + 1))" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 3 \
    -a "$(events_after "$n0" | grep '^SYSTEM_TENANT_UPDATE_SUCCESS ' | tail -n 1 | grep -oE 'version=[0-9]+')" = "version=$((V2 + 2))" ]
tenant_json "$T"
check "merge settled: the server has the colleague's plan, our region, the settled name" \
    py 'import json,sys; d=json.load(open(sys.argv[1]))["data"]
assert (d["plan"], d["region"], d["name"]) == ("gold", "eu", "Settled"), d' "$TMP/tenant.json"
check "merge settled: no file left" [ -z "$(find "$EDITS" -type f)" ]
