# common.sh: what the scenarios of tests/ui/system/ share (the console on a system profile,
# headless, against real sandboxes whose events file says what reached the API, with EDITOR set
# to a small python program, editor.py below, that edits the file it is given as ED_MODE says and
# records the files it was given). Sourced by each scenario after tests/ui/lib.sh.

UUID_RE='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
if [ -n "$UTF8_LOCALE" ]; then SEP='›'; else SEP='>'; fi
SYS_USER=ops SYS_PASSWORD=open-sesame
# The console's temp files (the edits) go to a folder of ours, short enough for a screen line.
export TMPDIR=$TMP/t
mkdir -p "$TMPDIR" || fail "mkdir $TMPDIR"

# ------------------------------------------------------------------ helpers

# sys_config FILE [LINES]: a profiles file with one default system profile "sys" for URL (pages
# of 20, _page/_limit), LINES inside the profile; mode 600; CONFIG becomes FILE.
sys_config() {
    write_config_text "$1" "default_profile = \"sys\";
profiles = (
  {
    name = \"sys\";
    api = \"system\";
    url = \"$URL\";
    user = \"$SYS_USER\";
    password = \"$SYS_PASSWORD\";
    page_params = \"_page,_limit\";
    page_size = 20;
    ${2:-}
  }
);"
}

# sys_all: every tenant the sandbox has (plain JSON, pages of 100), in id order, in
# $TMP/all.json.
sys_all() {
    py '
import base64, json, sys, urllib.request
url, auth, out = sys.argv[1], sys.argv[2], sys.argv[3]
head = {"Accept": "application/json",
        "Authorization": "Basic " + base64.b64encode(auth.encode()).decode()}
rows, page = [], 1
while True:
    req = urllib.request.Request("%s/system/tenants?_page=%d&_limit=100" % (url, page), headers=head)
    got = json.load(urllib.request.urlopen(req))
    rows += got
    if len(got) < 100:
        break
    page += 1
rows.sort(key=lambda t: t["id"])
json.dump(rows, open(out, "w"))
' "$URL" "$SYS_USER:$SYS_PASSWORD" "$TMP/all.json" || fail "listing the sandbox's tenants"
}
# tenant EXPR: python over j (the tenants of sys_all), e.g. tenant 'j[0]["uuid"]'.
tenant() { json_field "$TMP/all.json" "$1"; }
# tenant_of UUID EXPR: python over t, the tenant UUID as the sandbox has it now.
tenant_of() {
    sys_all
    py 'import json,sys
found = [x for x in json.load(open(sys.argv[1])) if x["uuid"] == sys.argv[2]]
t = found[0] if found else None
print(eval(sys.argv[3]) if t else "(gone)")' "$TMP/all.json" "$1" "$2"
}

# The editor: EDITOR runs this with the file; ED_MODE says what it does (see the top).
ED_DIR=$TMP/ed
mkdir -p "$ED_DIR"
cat >"$TMP/editor.py" <<'PY'
import base64, json, os, stat, sys, time, urllib.request
path, mode, d = sys.argv[1], os.environ["ED_MODE"], os.environ["ED_DIR"]
calls = open(os.path.join(d, "calls"), "a")
calls.write("%s %o\n" % (path, stat.S_IMODE(os.stat(path).st_mode)))
calls.close()
n = len(open(os.path.join(d, "calls")).read().splitlines())
text = open(path).read()
open(os.path.join(d, "given.%d" % n), "w").write(text)
def save(obj):
    open(path, "w").write(json.dumps(obj, indent=2) + "\n")
if mode == "fail":
    sys.exit(3)
if mode == "bad":
    open(os.path.join(d, "orig.json"), "w").write(text)
    open(path, "w").write("{ this is not JSON\n")
    sys.exit(0)
if mode == "fix":
    j = json.load(open(os.path.join(d, "orig.json")))
    j["data"]["name"] = "Fixed by the test"
    save(j)
    sys.exit(0)
if mode == "create":
    save({"uuid": "", "data": {"name": "Created by the test", "plan": "trial"}})
    sys.exit(0)
if mode == "create_uuid":
    save({"uuid": os.environ["ED_UUID"], "data": {"name": "Named by the test"}})
    sys.exit(0)
j = json.loads(text)
if mode == "set":
    j["data"]["name"] = "Edited by the test"
elif mode == "conflict":
    flag = os.path.join(d, "raced")
    if not os.path.exists(flag):
        # someone else saves the tenant between the console's read and its write
        body = json.dumps({"data": dict(j["data"], plan="gold"), "version": j["version"]})
        req = urllib.request.Request(
            "%s/system/tenants/%s" % (os.environ["ED_URL"], j["uuid"]), data=body.encode(),
            method="PUT", headers={"Content-Type": "application/json",
                                   "Authorization": "Basic " + base64.b64encode(
                                       os.environ["ED_AUTH"].encode()).decode()})
        urllib.request.urlopen(req).read()
        open(flag, "w").close()
        j["data"]["name"] = "Mine"
        j["data"]["region"] = "eu"
    else:
        j["data"]["name"] = "Mine again"
elif mode == "tty":
    sys.stdout.write("EDITING IN THE EDITOR\n")
    sys.stdout.flush()
    for _ in range(600):  # until the test says go (at most 60 s)
        if os.path.exists(os.path.join(d, "go")):
            break
        time.sleep(0.1)
    j["data"]["name"] = "Edited in tmux"
# mode "same": the file as it was
save(j)
PY
export EDITOR="$PYTHON $TMP/editor.py" ED_DIR ED_MODE=same ED_UUID="" ED_URL="" ED_AUTH=""
unset VISUAL

# editor_calls: how many times the editor ran so far.
editor_calls() { cat "$ED_DIR/calls" 2>/dev/null | wc -l | tr -d ' '; }
# editor_file N: the path the editor got at its N-th run.
editor_file() { sed -n "${1}p" "$ED_DIR/calls" | cut -d' ' -f1; }
# editor_mode N: the permission bits of that file then.
editor_mode() { sed -n "${1}p" "$ED_DIR/calls" | cut -d' ' -f2; }
# temp_files: the console's temp files left in TMPDIR.
temp_files() { find "$TMPDIR" -name 'tenantry-*' | sort; }

# expect_count NAME N WHAT: the events file holds N events NAME.
expect_count() {
    local got
    got=$(count_events "$1")
    [ "$got" = "$2" ] || { sed 's/^/  | /' "$EVENTS"; fail "$3: $got $1 events, not $2"; return; }
    ok "$3 ($2 $1)"
}
# changes: POST, PUT and DELETE requests that reached the sandbox.
changes() { grep -cE '^SYSTEM_TENANT_(CREATE|UPDATE|DELETE)_START ' "$EVENTS"; }
# uuids FILE: the UUIDs on the screen's table rows (line 5 on), sorted.
uuids() { dump_text "$1" | sed -n '5,$p' | grep -oE " $UUID_RE " | tr -d ' ' | sort; }
# kept_path FILE: the path the conflict view says the edit is kept in.
# A long path wraps onto more lines: they are joined (a path here has no spaces).
kept_path() {
    dump_text "$1" | awk '/your edit is kept in this file:/ { on = 1; next }
        on { sub(/^ +/, ""); sub(/ +$/, ""); if ($0 == "" || index($0, " ")) exit; printf "%s", $0 }'
}

# run_script_err NAME ARGS...: run_script, but stderr is allowed (kept in $TMP/err).
run_script_err() { UI_STDERR_OK=1 run_script "$@"; }

# sys_main: the main sandbox (120 system tenants, creates answered 201, _page/_limit), its
# profile ($TMP/sys.conf, also CONFIG), MAIN_URL, MAIN_EVENTS, ED_URL and ED_AUTH for the
# editor, $TMP/all.json (sys_all) and T0..T5, T119 (uuids in id order).
sys_main() {
    start_sandbox --system-tenants 120 --system-user "$SYS_USER" --system-password "$SYS_PASSWORD" \
        --post-status 201 --page-params _page,_limit
    MAIN_URL=$URL MAIN_EVENTS=$EVENTS
    export ED_URL=$URL ED_AUTH="$SYS_USER:$SYS_PASSWORD"
    sys_config "$TMP/sys.conf"
    sys_all
    T0=$(tenant 'j[0]["uuid"]') T1=$(tenant 'j[1]["uuid"]') T2=$(tenant 'j[2]["uuid"]')
    T3=$(tenant 'j[3]["uuid"]') T4=$(tenant 'j[4]["uuid"]') T5=$(tenant 'j[5]["uuid"]')
    T119=$(tenant 'j[119]["uuid"]')
}
