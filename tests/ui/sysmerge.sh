#!/bin/bash
# sysmerge.sh: the console's e on a system tenant where an edit could lose data, headless
# against real sandboxes (the events file says what reached the API).
# - A server that does not return data (--write-only-data): e reads the tenant and asks, naming
#   the risk (all the data is replaced), before any editor runs; any key but y cancels with
#   nothing sent; y runs the editor on an empty object and saves once.
# - A conflict, then e (merge by hand): the editor gets the server's version with our changes
#   applied key by key and the keys both changed listed first in "_conflicts"; a save keeping it
#   is refused (nothing sent, the file kept); e again opens that file, and once settled one PUT
#   on the server's version keeps the colleague's change and ours.
. "$(dirname "$0")/lib.sh"

SYS_USER=ops SYS_PASSWORD=open-sesame
export TMPDIR=$TMP/t ED_DIR=$TMP/ed
mkdir -p "$TMPDIR" "$ED_DIR" || fail "mkdir"

# The editor: run 1 of mode race saves the tenant itself (data.name = "Theirs",
# data.plan = "gold") and sets data.name = "Mine", data.region = "eu"; run 2 saves the file
# as given; run 3 settles (data.name = "Settled", no _conflicts). Mode set: data.k = "v".
cat >"$TMP/editor.py" <<'PY'
import base64, json, os, shutil, sys, urllib.request
path, mode, d = sys.argv[1], os.environ["ED_MODE"], os.environ["ED_DIR"]
n = len([f for f in os.listdir(d) if f.startswith("given.")]) + 1
shutil.copy(path, os.path.join(d, "given.%d" % n))
j = json.load(open(path))
if mode == "set":
    j["data"]["k"] = "v"
elif n == 1:
    data = dict(j["data"], name="Theirs", plan="gold")
    req = urllib.request.Request(
        "%s/system/tenants/%s" % (os.environ["ED_URL"], j["uuid"]),
        data=json.dumps({"data": data, "version": j["version"]}).encode(), method="PUT",
        headers={"Content-Type": "application/json", "Authorization": "Basic " +
                 base64.b64encode(os.environ["ED_AUTH"].encode()).decode()})
    urllib.request.urlopen(req).read()
    j["data"]["name"] = "Mine"
    j["data"]["region"] = "eu"
elif n >= 3:
    j.pop("_conflicts", None)
    j["data"]["name"] = "Settled"
json.dump(j, open(path, "w"), indent=2)
PY
export EDITOR="$PYTHON $TMP/editor.py"
unset VISUAL
editor_runs() { find "$ED_DIR" -name 'given.*' | wc -l | tr -d ' '; }

# sys_setup FLAGS...: a sandbox with FLAGS, a profile for it (CONFIG), T: its second tenant.
sys_setup() {
    start_sandbox --system-tenants 3 --system-user "$SYS_USER" --system-password "$SYS_PASSWORD" "$@"
    export ED_URL=$URL ED_AUTH="$SYS_USER:$SYS_PASSWORD"
    write_config_text "$TMP/sys.conf" "default_profile = \"sys\";
profiles = ( { name = \"sys\"; api = \"system\"; url = \"$URL\"; user = \"$SYS_USER\";
  password = \"$SYS_PASSWORD\"; } );"
    run tenants list -o json
    T=$(json_field "$TMP/out" 'j[1]["uuid"]')
}

# ================================================================== write-only data
sys_setup --write-only-data
export ED_MODE=set
rm -f "$ED_DIR"/given.*
run_script confirm -c "$CONFIG" <<'EOF'
wait
keys j e
wait
dump asked
keys n
dump cancelled
keys e
wait
keys y
wait
dump saved
EOF
expect_screen_has asked "Replace all data?" "write-only: e asks first"
expect_screen_has asked "REPLACES ALL of the tenant's data" "write-only: the question names the risk"
status_has cancelled "Not edited: tenant $T's data stays as it is; nothing was sent" "write-only: n cancels"
check "write-only: the editor ran once (after y only)" [ "$(editor_runs)" = 1 ]
check "write-only: the editor got an empty data object" \
    py 'import json,sys; assert json.load(open(sys.argv[1]))["data"] == {}' "$ED_DIR/given.1"
check "write-only: one PUT (after y)" [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 1 ]
status_has saved "Saved tenant $T" "write-only, y: saved"
stop_sandbox

# ================================================================== merge by hand
sys_setup
export ED_MODE=race
rm -f "$ED_DIR"/given.*
run tenants get "$T" -o json
V0=$(json_field "$TMP/out" 'j["version"]') NAME0=$(json_field "$TMP/out" 'j["data"]["name"]')
: >"$EVENTS"
UI_COLS=$((160 + ${#TMP})) # the status line names the kept file (in $TMP: as wide as its path needs)
run_script merge -c "$CONFIG" <<'EOF'
wait
keys j e
wait
dump conflict
keys e
wait
dump refused
keys e
wait
dump saved
EOF
UI_COLS=100
expect_line_has conflict 3 "Conflict: tenant $T" "the conflict view opens"
check "e: the editor ran 3 times (edit, merge, merge again)" [ "$(editor_runs)" = 3 ]
check "e: the merge file is the server's version $((V0 + 1)) with our changes applied, the conflict listed first" \
    py 'import json,sys
j=json.load(open(sys.argv[1]))
assert list(j)[0]=="_conflicts", list(j)
assert j["version"]==int(sys.argv[2]), j["version"]
assert j["_conflicts"]=={"name":{"yours":"Mine","server":"Theirs","base":sys.argv[3]}}, j["_conflicts"]
assert (j["data"]["name"], j["data"]["plan"], j["data"]["region"])==("Theirs","gold","eu"), j["data"]
' "$ED_DIR/given.2" "$((V0 + 1))" "$NAME0"
status_has refused 'still holds "_conflicts" (changed on both sides: name)' "a save keeping _conflicts is refused"
check "e again: the same file, as saved" \
    py 'import json,sys; assert json.load(open(sys.argv[1]))==json.load(open(sys.argv[2]))' \
    "$ED_DIR/given.2" "$ED_DIR/given.3"
check "three PUTs: the colleague's, ours refused (409), the merge on version $((V0 + 1))" \
    [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 3 ] &&
    grep -q "^SYSTEM_TENANT_UPDATE_SUCCESS .*id=$T version=$((V0 + 2))" "$EVENTS"
status_has saved "Saved tenant $T: now version $((V0 + 2))" "the merge is saved"
run tenants get "$T" -o json
check "the server keeps the colleague's plan, our region and the settled name" \
    py 'import json,sys; d=json.load(open(sys.argv[1]))["data"]
assert (d["plan"], d["region"], d["name"]) == ("gold", "eu", "Settled"), d' "$TMP/out"
check "no temp file left" [ -z "$(find "$TMPDIR" -name 'tenantry-*')" ]
