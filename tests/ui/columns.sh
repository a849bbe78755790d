#!/bin/bash
# columns.sh: columns that serve the reader, headless at 80, 120, 160 and 220 columns.
# - --demo: every tenant row shows its whole name and its whole subdomain label (the first
#   label of the host: the environment column names the rest); no two different rows look the
#   same; the environments and clients panes still show their names. The ID shrinks first,
#   cut in its middle (7a46dfb1…85b53b33), and the status line then shows the selected ID whole.
# - The focused pane takes the width it needs, the others narrow to their first column (Tab to
#   the clients: the tenants pane shows names only); z zooms the focused pane to the full width
#   and back.
# - A system profile: the tenants' data as columns (by default its first scalar keys: NAME,
#   PLAN; data_columns = "plan" shows that one), / matches the data too, and the delete dialog
#   names the tenant by its data. Sorting: ID (a number) 1, 2, ... 9, 10 (not 1, 10, 11), CREATED
#   by date, a key of the data (PLAN) as text; S reverses the order exactly.
# - Choosing columns: columns = { tenants = "..."; } in the profiles file and in a profile (the
#   profile's wins); :columns a,b,c at once (an unknown path is named, nothing changes);
#   :columns alone opens the chooser (Space shows or hides, - and + move, Enter applies; at
#   least one column stays); a profile's columns that is not a group is refused.
. "$(dirname "$0")/lib.sh"
need_utf8

# The demo's data: a sandbox started as --demo starts its own.
start_sandbox --tenants 250 --environments 4 --clients 5
write_config
run tenants list --all -o json
[ "$rc" = 0 ] || fail "tenants list --all -o json"
cp "$TMP/out" "$TMP/tenants.json"
run environments list -o json
cp "$TMP/out" "$TMP/envs.json"
FIRST=$(json_field "$TMP/tenants.json" 'j[0]["id"]')
run clients list "$FIRST" -o json
cp "$TMP/out" "$TMP/clients.json"
stop_sandbox

# check_rows DUMP WHAT: on the panes' rows (line 5 to the line above the status), the tenants
# pane shows for every row the tenant's whole name and subdomain label (the tenant found by its
# ID, whole or cut in the middle), no two rows alike; the environments pane names each
# environment; the clients pane names the first tenant's clients.
check_rows() {
    local f
    f=$(_dump "$1")
    if py '
import json, re, sys
rows = open(sys.argv[1], encoding="utf-8").read().split("\n")
tenants = json.load(open(sys.argv[2]))
envs = [e["name"] for e in json.load(open(sys.argv[3]))]
clients = [c["name"] for c in json.load(open(sys.argv[4]))]
wide = "|" in rows[2]
body = [r for r in rows[4:-2] if r.strip(" |")]
idre = re.compile(r"([0-9a-f]{8})(?:-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}([0-9a-f]{8})|[-0-9a-f]*\u2026[-0-9a-f]*([0-9a-f]{8}))")
bad, seen, env_rows, client_rows = [], {}, [], []
for n, row in enumerate(body, 5):
    parts = row.split("|") if wide else [row]
    seg = parts[1] if wide else parts[0]
    if wide:
        env_rows.append(parts[0].strip())
        client_rows.append(parts[2].strip())
    if not seg.strip():
        continue
    m = idre.search(seg)
    if not m:
        bad.append("line %d: no tenant ID: %r" % (n, seg)); continue
    head, tail = m.group(1), m.group(2) or m.group(3)
    found = [t for t in tenants if t["id"].startswith(head) and t["id"].endswith(tail)]
    if len(found) != 1:
        bad.append("line %d: no one tenant with ID %s…%s" % (n, head, tail)); continue
    t = found[0]
    label = t["subdomain"].split(".")[0]
    if not re.search(r"(^| )" + re.escape(t["name"]) + r" ", seg):
        bad.append("line %d: not the whole name %r: %r" % (n, t["name"], seg))
    if not re.search(r" " + re.escape(label) + r" ", seg):
        bad.append("line %d: not the whole label %r: %r" % (n, label, seg))
    if seg.strip() in seen:
        bad.append("lines %d and %d look the same: %r" % (seen[seg.strip()], n, seg))
    seen[seg.strip()] = n
if len(seen) < 15:
    bad.append("only %d tenant rows" % len(seen))
if wide:
    def named(name, rows):
        return any(r == name or r.startswith(name + " ") for r in rows)
    for e in envs:
        if not named(e, env_rows):
            bad.append("the environments pane lacks %r: %r" % (e, env_rows[:6]))
    for c in clients:
        if not named(c, client_rows):
            bad.append("the clients pane lacks %r: %r" % (c, client_rows[:6]))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
' "$f" "$TMP/tenants.json" "$TMP/envs.json" "$TMP/clients.json" >"$TMP/rows" 2>&1; then
        ok "$2"
    else
        sed 's/^/  /' "$TMP/rows" | head -20
        _show "$1"
        fail "$2"
    fi
}

for size in 160x50 120x40 220x60 80x24; do
    UI_COLS=${size%x*} UI_LINES=${size#*x} run_script "demo$size" --demo <<'EOF'
wait
dump first
EOF
    check_rows first "--demo at $size: whole names and labels, every row different, env and client names"
    expect_clean_screen first "${size%x*}" "${size#*x}" "--demo at $size: a clean screen"
done

# 120x40: the ID is cut in its middle; the status line shows the selection's ID whole.
UI_COLS=120 UI_LINES=40 run_script id120 --demo <<'EOF'
wait
dump first
keys j
dump second
EOF
ID0=$(json_field "$TMP/tenants.json" 'j[0]["id"]')
ID1=$(json_field "$TMP/tenants.json" 'j[1]["id"]')
expect_line_has first 5 "${ID0:0:8}…${ID0: -8}" "120x40: the ID column keeps both ends of the ID"
status_has first "ID $ID0  " "120x40: the status line shows the selected ID whole"
status_has second "ID $ID1  " "120x40, j: the status line follows the selection"
UI_COLS=160 UI_LINES=50 run_script id160 --demo <<'EOF'
wait
dump first
EOF
expect_screen_has first " $ID0 " "160x50: the ID whole in its column"
expect_line_has first -1 "? help" "160x50: the status line shows the key hints"
expect_screen_lacks first "ID $ID0  " "160x50: the ID is not repeated in the status line"

# The focus takes the width: Tab to the clients narrows the tenants to their names; z zooms.
UI_COLS=160 UI_LINES=50 run_script focus --demo <<'EOF'
wait
keys Tab
wait
dump clients
keys z
dump zoomed
keys z
dump back
keys h z
dump tenants-zoomed
EOF
N0=$(json_field "$TMP/tenants.json" 'j[0]["name"]')
C0=$(json_field "$TMP/clients.json" 'j[0]["clientId"]')
expect_line_has clients 5 "| $N0 " "Tab: the tenants pane still shows the names"
expect_line_has clients 4 "| NAME " "Tab: the tenants pane shows its first column"
check "Tab: the tenants pane shows no SUBDOMAIN (its first column only)" \
    bash -c "! sed -n 4p '$S_DIR/clients' | grep -q SUBDOMAIN"
expect_line_has clients 4 "CLIENT ID" "Tab: the clients pane takes the width: every column"
expect_screen_has clients "$C0" "Tab: the client ID is whole"
expect_line zoomed 3 " Clients (5+)" "z: the clients pane alone, full width"
status_has zoomed "Clients: zoomed to the full width" "z: the status line says so"
expect_line_has back 3 "| Tenants (100+)" "z again: the panes side by side"
status_has back "Panes side by side again" "z again: the status line says so"
expect_line tenants-zoomed 3 " Tenants (100+)" "h z: the tenants pane alone"
expect_line_has tenants-zoomed 5 " $ID0" "h z: the zoomed tenants pane shows the whole ID"

# ------------------------------------------------------------------ a system profile
SYS_USER=ops SYS_PASSWORD=open-sesame
start_sandbox --system-tenants 30 --system-user "$SYS_USER" --system-password "$SYS_PASSWORD"
sys_conf() {
    write_config_text "$TMP/sys.conf" "default_profile = \"sys\";
profiles = (
  {
    name = \"sys\";
    api = \"system\";
    url = \"$URL\";
    user = \"$SYS_USER\";
    password = \"$SYS_PASSWORD\";
    $1
  }
);"
}
sys_conf ""
run tenants list --all -o json
cp "$TMP/out" "$TMP/sys.json"
NAME0=$(json_field "$TMP/sys.json" 'j[0]["data"]["name"]')
PLAN0=$(json_field "$TMP/sys.json" 'j[0]["data"]["plan"]')
UUID0=$(json_field "$TMP/sys.json" 'j[0]["uuid"]')
PREMIUM=$(json_field "$TMP/sys.json" 'sum(1 for t in j if t["data"]["plan"] == "premium")')

UI_COLS=120 UI_LINES=40 run_script sysdata -c "$CONFIG" <<'EOF'
wait
dump first
keys /
type premium
keys Enter
dump premium
keys / Backspace Backspace Backspace Backspace Backspace Backspace Backspace Enter g d
dump delete
EOF
expect_line_has first 4 " NAME " "system: the data's first key is a column (NAME)"
expect_line_has first 4 " PLAN " "system: and the next (PLAN)"
expect_line_has first 5 " $NAME0 " "system: the first tenant's data.name"
expect_line_has first 5 " $PLAN0 " "system: the first tenant's data.plan"
expect_line_has premium 3 "Tenants ($PREMIUM)" "/premium: the $PREMIUM tenants whose data says premium"
check "/premium: every row shown is a premium one" \
    [ "$(dump_text premium | sed -n '5,39p' | grep -c ' premium ')" = "$PREMIUM" ]
# the dialog's text, its lines joined
dialog_text() { dump_text "$1" | awk -F'|' 'NF == 3 { print $2 }' | tr -s ' \n' '  '; }
case $(dialog_text delete) in
*"This deletes tenant $UUID0 (name: $NAME0, plan: $PLAN0; number 1)"*)
    ok "the delete dialog names the tenant by its data" ;;
*) _show delete; fail "the delete dialog does not name the tenant by its data ($NAME0, $PLAN0)" ;;
esac

sys_conf 'data_columns = "plan";'
UI_COLS=80 UI_LINES=24 run_script sysplan -c "$CONFIG" <<'EOF'
wait
dump first
EOF
expect_line_has first 4 " PLAN " "data_columns = \"plan\": the PLAN column"
check "data_columns = \"plan\": no NAME column" \
    bash -c "! sed -n 4p '$S_DIR/first' | grep -q ' NAME '"
expect_line_has first 5 " $PLAN0 " "data_columns = \"plan\": PLAN comes first"

# Sorting numbers as numbers, dates as dates; S reverses exactly.
UUID_RE='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
UI_COLS=160 UI_LINES=40 run_script syssort -c "$CONFIG" <<'EOF'
wait
keys s
dump by-plan
keys S
dump by-plan-desc
keys s s
dump by-id
keys S
dump by-id-desc
keys s
dump by-created
keys S
dump by-created-desc
EOF
# ids FILE: the IDs (the column after the UUID) from top to bottom; dates FILE: the CREATED
# dates (the first date of each row)
ids() { dump_text "$1" | sed -n '5,39p' | grep -oE "$UUID_RE +[0-9]+ " | awk '{print $2}' | tr '\n' ' '; }
dates() { dump_text "$1" | sed -n '5,39p' | grep -oE '^.*' | grep -oE '20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}' | awk 'NR % 2 == 1' | tr '\n' ' '; }
# plans FILE: the PLAN column (data.plan, the first); uuids FILE: the UUIDs, top to bottom
plans() { dump_text "$1" | sed -n '5,34p' | awk '{print $1}' | tr '\n' ' '; }
uuids() { dump_text "$1" | sed -n '5,34p' | grep -oE "$UUID_RE" | tr '\n' ' '; }
check "s: by PLAN (a key of the data), in order" \
    [ "$(plans by-plan)" = "$(plans by-plan | tr ' ' '\n' | sed '/^$/d' | LC_ALL=C sort | tr '\n' ' ')" ]
check "s: by PLAN, 30 rows" [ "$(plans by-plan | wc -w)" = 30 ]
expect_line_has by-plan 4 "PLAN ▲" "s: the PLAN heading is marked"
check "S: by PLAN, the exact reverse (equal plans too)" \
    [ "$(uuids by-plan-desc)" = "$(uuids by-plan | tr ' ' '\n' | sed '/^$/d' | tac | tr '\n' ' ')" ]
check "s s: by ID as numbers: 1 2 ... 9 10 11 (not 1 10 11)" \
    [ "$(ids by-id)" = "$(seq 1 30 | tr '\n' ' ')" ]
check "S: by ID descending: 30 29 ... 1" [ "$(ids by-id-desc)" = "$(seq 30 -1 1 | tr '\n' ' ')" ]
expect_line_has by-id 4 "ID ▲" "s s: the ID heading is marked"
check "s: by CREATED, oldest first" \
    [ "$(dates by-created)" = "$(dates by-created | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ')" ]
check "s: by CREATED, 30 rows" [ "$(dates by-created | wc -w)" = 30 ]
check "S: by CREATED, the exact reverse" \
    [ "$(dates by-created-desc)" = "$(dates by-created | tr ' ' '\n' | sed '/^$/d' | tac | tr '\n' ' ')" ]

# ------------------------------------------------------------------ choosing columns
# columns = { tenants = "..."; } in the profiles file, and per profile (the profile's wins);
# :columns a,b,c at once; :columns alone opens the chooser (Space, -, +, Enter)
start_sandbox --tenants 20 --environments 2 --clients 2 --seed 1
EXTRA='columns = { tenants = "name,id"; };' write_config "$TMP/cols.conf"
UI_COLS=120 UI_LINES=20 run_script colsfile -c "$TMP/cols.conf" <<'EOF'
wait
dump first
keys :
type columns subdomain,name
keys Enter
dump typed
keys :
type columns name,nosuch
keys Enter
dump bad
EOF
check "columns = { tenants = \"name,id\"; }: the tenants pane shows NAME and ID only" \
    bash -c "sed -n 4p '$S_DIR/first' | grep -qE '\\| NAME +ID +\\|'"
expect_line_has typed 4 "| SUBDOMAIN " ":columns subdomain,name: SUBDOMAIN first"
check ":columns subdomain,name: then NAME, no ID" \
    bash -c "sed -n 4p '$S_DIR/typed' | grep -qE '\\| SUBDOMAIN +NAME +\\|'"
status_has typed "columns = { tenants = \"subdomain,name\"; }" ":columns says how to keep them"
status_has bad "tenants has no column nosuch" ":columns with an unknown path names it"
expect_line_has bad 4 "| SUBDOMAIN " ":columns with an unknown path changes nothing"
EXTRA='columns = { tenants = "name,id"; };' \
    PROFILE_EXTRA='columns = { tenants = "subdomain,environment.name"; };' write_config "$TMP/cols2.conf"
UI_COLS=120 UI_LINES=20 run_script colsprofile -c "$TMP/cols2.conf" <<'EOF'
wait
dump first
keys :
type columns
keys Enter
dump chooser
keys Space Down Space + Enter
dump chosen
EOF
check "the profile's columns win over the file's: SUBDOMAIN ENVIRONMENT" \
    bash -c "sed -n 4p '$S_DIR/first' | grep -qE '\\| SUBDOMAIN +ENVIRONMENT +\\|'"
expect_screen_has chooser "[x] subdomain" "the chooser: subdomain shown"
expect_screen_has chooser "[x] environment.name" "the chooser: environment.name shown"
expect_screen_has chooser "[ ] name" "the chooser: name offered, not shown"
expect_screen_has chooser "[ ] id" "the chooser: id offered, not shown"
# Space hides subdomain; Down Space hides environment.name; + moves it below name (hidden);
# so only... nothing would be left: the chooser refuses an empty choice
status_has chosen "At least one column must be shown" "the chooser refuses to hide every column"
UI_COLS=120 UI_LINES=20 run_script colschoose -c "$TMP/cols2.conf" <<'EOF'
wait
keys :
type columns
keys Enter Down Down Space - Enter
dump chosen
EOF
check "chooser: Down Down Space - Enter shows name before environment.name" \
    bash -c "sed -n 4p '$S_DIR/chosen' | grep -qE '\\| SUBDOMAIN +NAME +ENVIRONMENT +\\|'"
write_config_text "$TMP/bad-cols.conf" "profiles = ( { name = \"x\"; url = \"$URL\"; auth_url = \"$URL/oauth/token\"; audience = \"a\"; client_id = \"c\"; client_secret_env = \"X\"; columns = \"name\"; } );"
CONFIG=$TMP/bad-cols.conf run tenants list
expect_rc 2 "a profile's columns that is not a group: refused"
expect_in_err "must be a group" "the message says columns must be a group"
stop_sandbox

# A pane that empties while it loads (the clients following the tenant) moves no column of the
# others: the tenants' headings and rows stay where they were (a repaint of the whole screen
# per key over SSH otherwise; tests/bench/tui-bytes measures it). The sandbox answers slowly so
# that the screen is dumped while the clients load (the pane says "Loading...").
start_sandbox --tenants 40 --environments 4 --clients 5 --seed 1 --latency-ms 1500
write_config "$TMP/stable.conf"
UI_COLS=200 UI_LINES=30 run_script stable -c "$TMP/stable.conf" <<'EOF'
wait
dump before
keys j
waitfor Loading...
dump loading
wait
dump after
EOF
clients_x=$(screen_line before 3 | grep -bo '| Clients' | cut -d: -f1)
check "j: the clients pane is found on the titles line" [ -n "$clients_x" ]
check "j: the screen was dumped while the clients loaded (Loading... in their pane)" \
    bash -c "sed -n 5p '$S_DIR/loading' | cut -c$((clients_x + 1))- | grep -q 'Loading\\.\\.\\.'"
check "j: while the clients load, the panes' titles stay where they were" \
    [ "$(screen_line before 3 | cut -c1-"$clients_x")" = "$(screen_line loading 3 | cut -c1-"$clients_x")" ]
check "j: while the clients load, the headings line is unchanged up to the clients pane" \
    [ "$(screen_line before 4 | cut -c1-"$clients_x")" = "$(screen_line loading 4 | cut -c1-"$clients_x")" ]
check "j: the first tenant row keeps its columns" \
    [ "$(screen_line before 5 | cut -c20-"$clients_x")" = "$(screen_line loading 5 | cut -c20-"$clients_x")" ]
check "j: and after the clients came" \
    [ "$(screen_line before 4 | cut -c1-"$clients_x")" = "$(screen_line after 4 | cut -c1-"$clients_x")" ]
stop_sandbox
