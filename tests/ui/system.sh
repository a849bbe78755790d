#!/bin/bash
# system.sh: the console on a system profile (/system/tenants), headless (scripted keys, screen
# dumps) against real sandboxes whose events file says what reached the API, with EDITOR set to
# a small python program that edits the file it is given as each case needs (and records the
# files it was given).
# - The pane: uuid, id, created, updated, version; the header says api system and basic auth;
#   paging with "N of M loaded" progress (the server's hydra:totalItems), also while G loads to
#   the end; the local / filter still works.
# - :filter created>DATE sends createdAt[after]=DATE (the --log file) and shows exactly the rows
#   the server has for it, each created on or after DATE; id=N id=N and uuid=U combine; a bad
#   term (a bad date, an unknown name, a repeated bound) says what is wrong and what is accepted
#   and sends nothing; :filter alone clears. On a MATTR profile :filter says the API cannot.
# - e: one GET, the editor on a 0600 file holding the tenant, one PUT whose success carries
#   version=old+1; the sandbox has the new data; the file is gone. Nothing changed: nothing sent.
# - A conflict: the editor itself saves the tenant (a PUT with Basic auth) before the console
#   does. The conflict view shows both versions field by field, marked; the kept file's path is
#   on screen and the file holds the edit (mode 600). r: exactly one more PUT, carrying the
#   server's version (its success says version=server+1), the file gone. d: no PUT, the file
#   gone, the server's data stays. e: the editor again on the server's version, one PUT.
#   Quitting in the conflict view keeps the file and says where on stderr. Under
#   --conflict-status 500 the conflict is recognised all the same.
# - A file that is not JSON after the editor: nothing sent, the error names the kept file, e
#   opens the same file again, and the fixed edit is saved once. An editor failing: kept too.
# - c: the editor on a template; one POST (201) creates the tenant, listed and selected; a UUID
#   given in the file is used; the template unchanged creates nothing.
# - d: the type-to-confirm dialog wants the first 8 characters of the UUID; a wrong word sends
#   nothing; the right one deletes once.
# - Read-only (profile and --readonly): c, e, d run no editor and send nothing.
# - In tmux (a real terminal; skipped without tmux): the editor gets the terminal, the console
#   comes back whole after it, a key typed while the editor ran does not reach the console, and
#   the terminal is restored at the end.
. "$(dirname "$0")/lib.sh"

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
uuids() { dump_text "$1" | sed -n '5,$p' | grep -oE "^ $UUID_RE" | tr -d ' ' | sort; }
# kept_path FILE: the path the conflict view says the edit is kept in.
# A long path wraps onto more lines: they are joined (a path here has no spaces).
kept_path() {
    dump_text "$1" | awk '/your edit is kept in this file:/ { on = 1; next }
        on { sub(/^ +/, ""); sub(/ +$/, ""); if ($0 == "" || index($0, " ")) exit; printf "%s", $0 }'
}

# run_script_err NAME ARGS...: run_script, but stderr is allowed (kept in $TMP/err).
run_script_err() { UI_STDERR_OK=1 run_script "$@"; }

# ================================================================== the sandbox
start_sandbox --system-tenants 120 --system-user "$SYS_USER" --system-password "$SYS_PASSWORD" \
    --post-status 201 --page-params _page,_limit
MAIN_URL=$URL MAIN_EVENTS=$EVENTS
export ED_URL=$URL ED_AUTH="$SYS_USER:$SYS_PASSWORD"
sys_config "$TMP/sys.conf"
sys_all
T0=$(tenant 'j[0]["uuid"]') T1=$(tenant 'j[1]["uuid"]') T2=$(tenant 'j[2]["uuid"]')
T3=$(tenant 'j[3]["uuid"]') T4=$(tenant 'j[4]["uuid"]') T5=$(tenant 'j[5]["uuid"]')
T119=$(tenant 'j[119]["uuid"]')

# ------------------------------------------------------------------ 1. the pane and paging
: >"$EVENTS"
run_script pane -c "$CONFIG" <<'EOF'
wait
dump first
keys G
dump loading
wait
dump all
EOF
expect_line_has first 1 "api system" "the header names the system API"
expect_line_has first 1 "basic auth" "the header says basic auth (no token)"
expect_line_has first 2 "sys $SEP Tenants" "a system profile opens on the tenants pane"
expect_screen_lacks first "Environments" "no environments pane"
expect_screen_lacks first "Clients" "no clients pane"
for h in UUID ID CREATED UPDATED VERSION; do
    expect_line_has first 4 "$h" "the column $h"
done
expect_line_has first 5 " $T0 1 " "the first row: the first tenant, its UUID and number"
expect_line_has first 5 "$(tenant 'j[0]["createdAt"][:19]')" "the first row: its creation date"
status_ends first "40 of 120 loaded, more available  row 1" \
    "N of M: the status line counts against the server's total"
expect_line_has first 3 "Tenants (40 of 120)" "the title counts what is loaded, of what the server holds"
status_has loading "40 of 120 loaded, loading to the end (Esc stops)" "G: progress as it loads"
status_ends all "120 of 120 loaded  row 120" "G: all 120 loaded, the last selected"
expect_screen_has all " $T119 120 " "G: the last tenant is listed"
expect_count SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS 6 "pages of 20: six list requests"

# the local / filter on what is loaded
run_script local -c "$CONFIG" <<EOF
wait
keys /
type ${T3:0:13}
keys Enter
dump local
EOF
expect_line_has local 3 "/${T3:0:13}" "/ filters the loaded rows (title)"
status_has local "1 matching of 40 loaded, 120 in all" "/: the status counts matches and the total"
check "/: only the matching tenant is shown" [ "$(uuids local)" = "$T3" ]

# ------------------------------------------------------------------ 2. :filter
DATE=$(tenant 'j[110]["createdAt"][:10]')
py '
import json, sys
j = json.load(open(sys.argv[1]))
for t in j:
    if t["createdAt"][:10] >= sys.argv[2]:
        print(t["uuid"])' "$TMP/all.json" "$DATE" | sort >"$TMP/expected-created"
N_EXPECTED=$(wc -l <"$TMP/expected-created" | tr -d ' ')
: >"$EVENTS"
run_script filter -c "$CONFIG" --log "$TMP/filter.log" <<EOF
wait
keys :
type filter created>$DATE
keys Enter
wait
dump created
keys :
type filter id=3 id=5
keys Enter
wait
dump ids
keys :
type filter uuid=$T4 updated<2999-01-01
keys Enter
wait
dump uuid
keys :
type filter
keys Enter
wait
dump cleared
EOF
expect_line_has created 3 ":filter created>$DATE" "the title shows the server filter"
status_has created "The server lists only the tenants where created>$DATE" "the status says so"
check "created>$DATE: the screen shows the $N_EXPECTED tenants the sandbox has from $DATE on" \
    [ "$(uuids created)" = "$(cat "$TMP/expected-created")" ]
check "created>$DATE: some tenants are shown, not all ($N_EXPECTED)" \
    [ "$N_EXPECTED" -gt 0 ] && [ "$N_EXPECTED" -lt 120 ]
py '
import json, sys
j = {t["uuid"]: t for t in json.load(open(sys.argv[1]))}
bad = [u for u in open(sys.argv[2]).read().split() if j[u]["createdAt"][:10] < sys.argv[3]]
sys.exit(1 if bad else 0)' "$TMP/all.json" <(uuids created) "$DATE" &&
    ok "every row shown was created on or after $DATE" ||
    fail "rows created before $DATE are shown"
if grep -qE "GET [^ ]*/system/tenants\?[^ ]*createdAt(%5B|\[)after(%5D|\])=$DATE" "$TMP/filter.log"; then
    ok "created>DATE went to the server as createdAt[after]=$DATE (--log)"
else
    grep ' GET ' "$TMP/filter.log" | sed 's/^/  | /'
    fail "no list request with createdAt[after]=$DATE in the log"
fi
status_ends created "$N_EXPECTED of $N_EXPECTED loaded  row 1" "the total is the filtered list's"
check "id=3 id=5: tenants 3 and 5" [ "$(uuids ids)" = "$(printf '%s\n' "$T2" "$T4" | sort)" ]
grep -qE 'GET [^ ]*id(%5B%5D|\[\])=3&id(%5B%5D|\[\])=5' "$TMP/filter.log" &&
    ok "id=3 id=5 went to the server as id[]=3&id[]=5" || fail "no id[]=3&id[]=5 request"
check "uuid=U updated<2999-01-01: that tenant only" [ "$(uuids uuid)" = "$T4" ]
grep -qE "GET [^ ]*uuid=$T4&updatedAt(%5B|\[)before(%5D|\])=2999-01-01" "$TMP/filter.log" &&
    ok "uuid= and updated< went to the server" || fail "no uuid=...&updatedAt[before]= request"
expect_screen_lacks cleared ":filter" ":filter alone clears the server filter"
status_has cleared "No server filter" ":filter alone: the status says so"
status_ends cleared "40 of 120 loaded, more available  row 1" ":filter alone: the whole list again"

# bad terms: nothing is sent (the list requests are those of the first load only)
: >"$EVENTS"
run_script filter-bad -c "$CONFIG" <<EOF
wait
keys :
type filter created>2024-13-01
keys Enter
dump bad-date
keys :
type filter size>3
keys Enter
dump unknown
keys :
type filter created>2024-01-01 created>2024-02-01
keys Enter
dump repeated
keys :
type filter id=x
keys Enter
dump not-number
keys :
type filter created=2024-01-01
keys Enter
dump equals
EOF
status_has bad-date "'created>2024-13-01': '2024-13-01' is not a date" "a bad date: said"
status_has bad-date "Use created>DATE" "a bad date: the accepted terms are said"
status_has unknown "'size>3' is not a filter term" "an unknown term: said"
status_has repeated "'created>2024-02-01' repeats a bound given already" "a repeated bound: said"
status_has not-number "'id=x': 'x' is not a whole number" "id=x: said"
status_has equals "'created=2024-01-01' is not a filter term" "created=DATE: refused (< or >)"
expect_count SYSTEM_TENANT_RETRIEVE_LIST_START 2 "bad terms: no list was sent for them"
expect_line equals 3 " Tenants (40 of 120)" "bad terms: no filter was set (the title)"

# a MATTR profile cannot filter on the server
start_sandbox --tenants 3 --seed 2
write_config "$TMP/mattr.conf"
run_script mattr -c "$CONFIG" <<'EOF'
wait
keys :
type filter created>2024-01-01
keys Enter
dump mattr
EOF
status_has mattr "This API cannot filter tenants on the server: press / to filter the rows" \
    ":filter on a MATTR profile: the API cannot (use /)"
stop_sandbox
URL=$MAIN_URL EVENTS=$MAIN_EVENTS CONFIG=$TMP/sys.conf

# ------------------------------------------------------------------ 3. e: edit in $EDITOR
V0=$(tenant 'j[0]["version"]')
: >"$EVENTS"
export ED_MODE=set
run_script edit -c "$CONFIG" <<'EOF'
wait
keys e
wait
dump saved
EOF
expect_count SYSTEM_TENANT_RETRIEVE_START 1 "e: the tenant was read afresh (one GET)"
expect_count SYSTEM_TENANT_UPDATE_START 1 "e: one PUT"
expect_count SYSTEM_TENANT_UPDATE_SUCCESS 1 "e: it succeeded"
check "e: the PUT's success carries version=$((V0 + 1)) (read at $V0)" \
    grep -qE "^SYSTEM_TENANT_UPDATE_SUCCESS .*id=$T0 version=$((V0 + 1))( |$)" "$EVENTS"
check "e: the editor ran once" [ "$(editor_calls)" = 1 ]
check "e: the file it got was mode 600 ($(editor_mode 1))" [ "$(editor_mode 1)" = 600 ]
check "e: the file held the tenant as JSON with its data" \
    py 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j["uuid"]==sys.argv[2] and isinstance(j["data"], dict) else 1)' \
    "$ED_DIR/given.1" "$T0"
check "e: the sandbox has the new name" \
    [ "$(tenant_of "$T0" 't["data"]["name"]')" = "Edited by the test" ]
check "e: the other keys of data are kept" \
    [ "$(tenant_of "$T0" 't["data"].get("plan")')" = "$(tenant 'j[0]["data"].get("plan")')" ]
status_has saved "Saved tenant $T0: now version $((V0 + 1))" "e: the status line says so"
expect_line_has saved 5 " $((V0 + 1))" "e: the row shows the new version"
check "e: the file is gone" [ ! -e "$(editor_file 1)" ]
check "e: no temp file left" [ -z "$(temp_files)" ]

: >"$EVENTS"
export ED_MODE=same
run_script same -c "$CONFIG" <<'EOF'
wait
keys e
wait
dump same
EOF
status_has same "Nothing changed; nothing was sent." "e, nothing changed: said"
expect_count SYSTEM_TENANT_UPDATE_START 0 "e, nothing changed: no PUT"
check "e, nothing changed: the file is gone" [ -z "$(temp_files)" ]

# ------------------------------------------------------------------ 4. a conflict
# r: the edit on the server's version
V1=$(tenant 'j[1]["version"]') NAME1=$(tenant 'j[1]["data"]["name"]')
: >"$EVENTS"
rm -f "$ED_DIR/raced" "$ED_DIR/calls"
export ED_MODE=conflict
run_script conflict-r -c "$CONFIG" <<'EOF'
wait
keys j e
wait
dump conflict
keys r
wait
dump saved
EOF
expect_line_has conflict 3 "Conflict: tenant $T1" "the conflict view opens"
expect_screen_has conflict "You edited version $V1; the server now has version $((V1 + 1))." \
    "it says which versions"
expect_screen_has conflict "SERVER NOW, version $((V1 + 1))" "the server's column"
expect_screen_has conflict "YOURS, from version $V1" "the operator's column"
expect_screen_has conflict "* version     $((V1 + 1))" "version: marked, the server's"
expect_screen_has conflict "* data.name   \"$NAME1\"" "data.name: the server's value, marked"
expect_screen_has conflict "\"Mine\"" "data.name: theirs beside it"
expect_screen_has conflict "* data.plan   \"gold\"" "data.plan: the server's change, marked"
expect_screen_has conflict "* data.region (absent)" "data.region: absent on the server, marked"
expect_screen_has conflict "\"eu\"" "data.region: theirs"
expect_screen_has conflict "r re-apply yours on version $((V1 + 1))   e edit again   d discard yours" \
    "the choices"
KEPT=$(kept_path conflict)
check "the view shows the kept file's path ('$KEPT')" [ "$KEPT" = "$(editor_file 1)" ]
check "r: exactly one more PUT after the conflict (the editor's, the refused, the re-applied)" \
    [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 3 ]
check "the refused PUT was a 409" grep -qE '^SYSTEM_TENANT_UPDATE_FAIL .*status=409' "$EVENTS"
check "r: the re-applied PUT succeeded with version=$((V1 + 2)) (the server's + 1)" \
    [ "$(grep '^SYSTEM_TENANT_UPDATE_SUCCESS ' "$EVENTS" | tail -n 1 | grep -oE 'version=[0-9]+')" = "version=$((V1 + 2))" ]
check "r: the sandbox has the edit" [ "$(tenant_of "$T1" 't["data"]["name"]+"/"+t["data"]["region"]')" = "Mine/eu" ]
status_has saved "Saved tenant $T1: now version $((V1 + 2))" "r: saved"
check "r: the file is gone" [ ! -e "$KEPT" ]

# quitting in the conflict view: the file stays, stderr says where, it holds the edit
V2=$(tenant 'j[2]["version"]')
: >"$EVENTS"
rm -f "$ED_DIR/raced" "$ED_DIR/calls"
run_script_err conflict-quit -c "$CONFIG" <<'EOF'
wait
keys j j e
wait
dump conflict
keys q
dump q
EOF
KEPT=$(kept_path conflict)
check "the kept file exists while the view is up ($KEPT)" [ -f "$KEPT" ]
check "the kept file is mode 600" [ "$(file_mode "$KEPT")" = 600 ]
check "the kept file holds the edit" \
    py 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j["data"]["name"]=="Mine" and j["data"]["region"]=="eu" else 1)' "$KEPT"
status_has q "Choose: r re-applies" "q in the conflict view: it asks for a choice"
expect_in_err "your unsaved edit is kept in $KEPT" "at the end, stderr says where the edit is"
check "no PUT after the refused one" [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 2 ]
rm -f "$KEPT"

# d: discard
: >"$EVENTS"
rm -f "$ED_DIR/raced" "$ED_DIR/calls"
run_script conflict-d -c "$CONFIG" <<'EOF'
wait
keys j j e
wait
dump conflict
keys d
wait
dump discarded
EOF
KEPT=$(kept_path conflict)
check "d: the view showed a kept file ($KEPT)" [ -n "$KEPT" ]
status_has discarded "Discarded your edit: tenant $T2 stays at version $((V2 + 2))" "d: said"
check "d: no PUT after the refused one" [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 2 ]
check "d: the server's data stays" [ "$(tenant_of "$T2" 't["data"]["plan"]')" = gold ]
check "d: the file is gone" [ ! -e "$KEPT" ]
check "d: no temp file left" [ -z "$(temp_files)" ]

# e: edit again, on the server's version
V3=$(tenant 'j[3]["version"]')
: >"$EVENTS"
rm -f "$ED_DIR/raced" "$ED_DIR/calls"
run_script conflict-e -c "$CONFIG" <<'EOF'
wait
keys j j j e
wait
keys e
wait
dump saved
EOF
check "e again: the editor ran twice" [ "$(editor_calls)" = 2 ]
check "e again: the second file is based on the server's version $((V3 + 1)) and holds the edit" \
    py 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j["version"]==int(sys.argv[2]) and j["data"]["name"]=="Mine" else 1)' \
    "$ED_DIR/given.2" "$((V3 + 1))"
check "e again: one more PUT, version=$((V3 + 2))" \
    [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 3 ] &&
    grep -q "^SYSTEM_TENANT_UPDATE_SUCCESS .*id=$T3 version=$((V3 + 2))" "$EVENTS"
check "e again: the sandbox has the second edit" [ "$(tenant_of "$T3" 't["data"]["name"]')" = "Mine again" ]
check "e again: no temp file left" [ -z "$(temp_files)" ]

# ------------------------------------------------------------------ 5. failures keep the file
V4=$(tenant 'j[4]["version"]')
: >"$EVENTS"
rm -f "$ED_DIR/calls"
export ED_MODE=bad
# the status line names the kept file: room for its whole path, however deep $TMP is (a build
# folder 120 characters deep cut it at 200 columns)
UI_COLS=$((140 + ${#TMP}))
run_script_err bad-json -c "$CONFIG" <<'EOF'
wait
keys j j j j e
wait
dump bad
EOF
UI_COLS=100
expect_in_err "your unsaved edit is kept in $(editor_file 1)" "not JSON: at the end stderr says where"
status_has bad "not saved (your edit is kept in $(editor_file 1)): the edited file is not valid JSON" \
    "not JSON: the error names the kept file"
UI_COLS=100
check "not JSON: the file is kept, as edited" grep -q "this is not JSON" "$(editor_file 1)"
expect_count SYSTEM_TENANT_UPDATE_START 0 "not JSON: nothing sent"
# e again opens the same file; fixed, it is saved once (the editor switches modes itself: the
# file is the console's to carry from one run of the editor to the next)
rm -f "$(editor_file 1)"
: >"$EVENTS"
rm -f "$ED_DIR/calls"
cat >"$TMP/editor-switch.sh" <<EOF
#!/bin/sh
# the first run writes garbage, later ones fix it
if [ -e "$ED_DIR/calls" ]; then ED_MODE=fix; else ED_MODE=bad; fi
export ED_MODE
exec "$PYTHON" "$TMP/editor.py" "\$1"
EOF
chmod +x "$TMP/editor-switch.sh"
EDITOR=$TMP/editor-switch.sh run_script bad-fix -c "$CONFIG" <<'EOF'
wait
keys j j j j e
wait
dump bad
keys e
wait
dump fixed
EOF
check "e after a bad file: the editor got the same file again" \
    [ "$(editor_file 1)" = "$(editor_file 2)" ] && [ -n "$(editor_file 1)" ]
expect_count SYSTEM_TENANT_UPDATE_SUCCESS 1 "fixed: saved once"
check "fixed: version=$((V4 + 1))" grep -q "^SYSTEM_TENANT_UPDATE_SUCCESS .*version=$((V4 + 1))" "$EVENTS"
check "fixed: the sandbox has it" [ "$(tenant_of "$T4" 't["data"]["name"]')" = "Fixed by the test" ]
check "fixed: no temp file left" [ -z "$(temp_files)" ]

: >"$EVENTS"
rm -f "$ED_DIR/calls"
export ED_MODE=fail
UI_COLS=$((140 + ${#TMP})) run_script_err editor-fails -c "$CONFIG" <<'EOF'
wait
keys e
wait
dump failed
EOF
expect_in_err "your unsaved edit is kept in $(editor_file 1)" "an editor failing: stderr says where"
status_has failed "not saved (your edit is kept in $(editor_file 1)): the editor" "an editor failing: said"
check "an editor failing: the file is kept" [ -e "$(editor_file 1)" ]
expect_count SYSTEM_TENANT_UPDATE_START 0 "an editor failing: nothing sent"
rm -f "$(editor_file 1)"

# ------------------------------------------------------------------ 6. c: create
: >"$EVENTS"
rm -f "$ED_DIR/calls"
export ED_MODE=create
run_script create -c "$CONFIG" <<'EOF'
wait
keys c
wait
dump created
keys y
dump copied
EOF
check "c: the editor got the template" \
    py 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))=={"uuid":"","data":{}} else 1)' "$ED_DIR/given.1"
expect_count SYSTEM_TENANT_CREATE_START 1 "c: one POST"
check "c: answered 201" grep -qE '^SYSTEM_TENANT_CREATE_SUCCESS .*status=201' "$EVENTS"
NEW=$(grep '^SYSTEM_TENANT_CREATE_SUCCESS ' "$EVENTS" | grep -oE "id=$UUID_RE" | cut -d= -f2)
check "c: the event names the new tenant ($NEW)" [ -n "$NEW" ]
status_has created "Created tenant $NEW" "c: the status line says so"
status_has copied "$NEW" "c: the new tenant is selected (y copies its UUID)"
check "c: the sandbox has its data" [ "$(tenant_of "$NEW" 't["data"]["plan"]')" = trial ]
check "c: no temp file left" [ -z "$(temp_files)" ]

: >"$EVENTS"
export ED_MODE=create_uuid ED_UUID=0a1b2c3d-0000-4000-8000-00000000c0de
run_script create-uuid -c "$CONFIG" <<'EOF'
wait
keys c
wait
dump created
EOF
check "c with a UUID: the tenant has it" grep -q "^SYSTEM_TENANT_CREATE_SUCCESS .*id=$ED_UUID" "$EVENTS"
status_has created "Created tenant $ED_UUID" "c with a UUID: said"

# Under a :filter the server decides what is listed: a new tenant is not added to the view.
: >"$EVENTS"
export ED_MODE=create
run_script create-filtered -c "$CONFIG" <<'EOF'
wait
keys :
type filter id=3
keys Enter
wait
dump filtered
keys c
wait
dump created
EOF
expect_count SYSTEM_TENANT_CREATE_START 1 "c under :filter: one POST"
expect_line_has filtered 3 "Tenants (1)" "c under :filter: one tenant listed before"
expect_line_has created 3 "Tenants (1)" "c under :filter: still one after (not the new one)"
status_has created "not listed under the :filter; r reloads" "c under :filter: said why it is not listed"

: >"$EVENTS"
export ED_MODE=same
run_script create-same -c "$CONFIG" <<'EOF'
wait
keys c
wait
dump same
EOF
status_has same "Nothing changed; no tenant was created." "c, template unchanged: said"
expect_count SYSTEM_TENANT_CREATE_START 0 "c, template unchanged: no POST"
check "c, template unchanged: no temp file left" [ -z "$(temp_files)" ]

# ------------------------------------------------------------------ 7. d: delete
: >"$EVENTS"
run_script delete -c "$CONFIG" <<EOF
wait
keys j j j j j d
dump dialog
type ${T0:0:8}
keys Enter
dump wrong
keys C-u
type ${T5:0:8}
keys Enter
wait
dump deleted
EOF
expect_screen_has dialog "Delete tenant" "d: the Delete tenant dialog"
expect_screen_has dialog "This deletes tenant $T5" "d: it names the tenant by its UUID"
expect_screen_has dialog "Type the first 8 characters of its UUID, ${T5:0:8}, to confirm." \
    "d: it asks for the UUID's first 8 characters"
expect_screen_has wrong "that is not \"${T5:0:8}\": nothing was deleted" "d: a wrong word is refused"
expect_count SYSTEM_TENANT_DELETE_START 1 "d: one DELETE (none for the wrong word)"
check "d: it deleted $T5" grep -q "^SYSTEM_TENANT_DELETE_SUCCESS .*path=/system/tenants/$T5" "$EVENTS"
check "d: the row is gone" [ -z "$(uuids deleted | grep -x "$T5")" ]
status_has deleted "39 of 122 loaded" "d: the total follows (123 after the creates, one deleted)"
status_has deleted "Deleted tenant" "d: the status line says so"

# ------------------------------------------------------------------ 8. read-only
: >"$EVENTS"
rm -f "$ED_DIR/calls"
export ED_MODE=set
sys_config "$TMP/ro.conf" "readonly = true;"
run_script readonly -c "$CONFIG" <<'EOF'
wait
keys e
dump e
keys c
dump c
keys d
dump d
wait
EOF
status_has e "Read-only profile: creating, editing and deleting are off" "read-only: e refused"
status_has c "Read-only profile" "read-only: c refused"
status_has d "Read-only profile" "read-only: d refused"
sys_config "$TMP/sys.conf"
run_script readonly-flag -c "$CONFIG" --readonly <<'EOF'
wait
keys e c d
wait
dump flag
EOF
status_has flag "Read-only (--readonly)" "--readonly: refused"
check "read-only: no change reached the sandbox" [ "$(changes)" = 0 ]
check "read-only: the editor never ran" [ "$(editor_calls)" = 0 ]

# ------------------------------------------------------------------ 9. a stale version as 500
start_sandbox --system-tenants 5 --system-user "$SYS_USER" --system-password "$SYS_PASSWORD" \
    --conflict-status 500 --page-params _page,_limit
export ED_URL=$URL
sys_config "$TMP/old.conf"
sys_all
O0=$(tenant 'j[0]["uuid"]') OV0=$(tenant 'j[0]["version"]')
rm -f "$ED_DIR/raced" "$ED_DIR/calls"
export ED_MODE=conflict
run_script conflict-500 -c "$CONFIG" <<'EOF'
wait
keys e
wait
dump conflict
keys r
wait
dump saved
EOF
check "500: the refused PUT was a 500" grep -qE '^SYSTEM_TENANT_UPDATE_FAIL .*status=500' "$EVENTS"
expect_line_has conflict 3 "Conflict: tenant $O0" "500: recognised as a conflict (the view opens)"
expect_screen_has conflict "the server now has version $((OV0 + 1))." "500: the server's version shown"
check "500: r saved it once more with version=$((OV0 + 2))" \
    [ "$(count_events SYSTEM_TENANT_UPDATE_START)" = 3 ] &&
    grep -q "^SYSTEM_TENANT_UPDATE_SUCCESS .*version=$((OV0 + 2))" "$EVENTS"
check "500: no temp file left" [ -z "$(temp_files)" ]
stop_sandbox
URL=$MAIN_URL EVENTS=$MAIN_EVENTS ED_URL=$MAIN_URL CONFIG=$TMP/sys.conf

# ------------------------------------------------------------------ 10. in a real terminal
if ! command -v tmux >/dev/null 2>&1 || [ -z "$UTF8_LOCALE" ]; then
    ok "# SKIP the tmux run: no tmux or no UTF-8 locale"
    exit 0
fi
SOCK=tenantry-sys-$$
if [ ${#TMP} -lt 70 ]; then export TMUX_TMPDIR=$TMP; fi
T() { LC_ALL=$UTF8_LOCALE tmux -u -L "$SOCK" -f /dev/null "$@"; }
trap 'st=$?; T kill-server >/dev/null 2>&1; (exit $st); cleanup' EXIT
# tmux_wait TEXT WHAT: poll the pane every 0.1 s until it shows TEXT (at most WAIT_S s).
tmux_wait() {
    local i=0
    while ! T capture-pane -p -t sys | grep -qF -e "$1"; do
        i=$((i + 1))
        if [ $i -ge $((WAIT_S * 10)) ]; then
            T capture-pane -p -t sys | sed 's/^/  |/'
            fail "$2: '$1' not on the screen within $WAIT_S s"
            return 1
        fi
        sleep 0.1
    done
    ok "$2"
}
rm -f "$ED_DIR/calls" "$ED_DIR/go"
: >"$EVENTS"
T new-session -d -s sys -x 100 -y 30 "LC_ALL=$UTF8_LOCALE ED_MODE=tty \"$TENANTRY_BIN\" -c \"$CONFIG\"; \
echo \"tenantry exited \$?\"; stty -a >\"$TMP/stty\"; echo done; exec sleep 3600" ||
    fail "tmux new-session"
tmux_wait "loaded, more available" "tmux: the pane is listed"
T send-keys -t sys e
tmux_wait "EDITING IN THE EDITOR" "tmux: e gives the terminal to the editor"
if T capture-pane -p -t sys | grep -qF "loaded"; then
    fail "tmux: the console's screen is still there while the editor runs"
else
    ok "tmux: the console's screen is gone while the editor runs"
fi
T send-keys -t sys q Enter # typed while the editor runs: must not quit the console afterwards
touch "$ED_DIR/go"
tmux_wait "Saved tenant $T0" "tmux: the console is back and saved the edit"
tmux_wait "sys › Tenants" "tmux: the whole screen is drawn again"
T send-keys -t sys '?'
tmux_wait "Move the selection down" "tmux: the q typed meanwhile did not reach the console (? works)"
T send-keys -t sys Escape
T send-keys -t sys q
tmux_wait "tenantry exited 0" "tmux: q quits with status 0"
tmux_wait "done" "tmux: the shell goes on"
if grep -qE '(^| )icanon( |$)' "$TMP/stty" && grep -qE '(^| )echo( |$)' "$TMP/stty"; then
    ok "tmux: the terminal is restored (icanon, echo)"
else
    fail "tmux: the terminal is not restored"
fi
expect_count SYSTEM_TENANT_UPDATE_SUCCESS 1 "tmux: one PUT"
