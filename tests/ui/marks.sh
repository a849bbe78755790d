#!/bin/bash
# marks.sh: marks in the console. Space marks the selected row (a * in the left margin, seen
# without colours; "N marked" in the pane's title) and moves down; marks are kept by ID, so
# they survive pages arriving (G), sorting (s) and filtering (/); d then deletes exactly the
# marked rows (the sandbox's events), after the count is typed. * marks every row the filter
# shows and says how many; :mark none clears; :mark with another word says what it takes. In
# the profiles list (P), * still makes the selected profile the default. The clients pane's
# marks stay through r, and go when it lists another tenant's clients.
. "$(dirname "$0")/lib.sh"

# marked_ids FILE: the IDs of the rows drawn marked (* or ! in the first cell: a zoomed pane).
marked_ids() {
    dump_text "$1" | grep -E '^[*!]' | grep -oE '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' | sort
}
# title FILE: the pane's title line (the third).
title() { screen_line "$1" 3; }

start_sandbox --tenants 250 --clients 0 --seed 8
PAGE_SIZE=100 write_config
run tenants list --all -o json
cp "$TMP/out" "$TMP/all.json"
T0=$(json_field "$TMP/all.json" 'j[0]["id"]')
T2=$(json_field "$TMP/all.json" 'j[2]["id"]')
T249=$(json_field "$TMP/all.json" 'j[249]["id"]')
N0=$(json_field "$TMP/all.json" 'j[0]["name"]')

# ------------------------------------------------------------------ marks survive, d deletes them
: >"$EVENTS"
UI_COLS=140 run_script survive -c "$CONFIG" <<EOF
wait
keys z
keys Space j Space
dump first
keys G
wait
keys Space
keys g
dump loaded
keys s
dump sorted
keys /
type $N0
keys Enter
dump filtered
keys /
$(for ((i = 0; i < ${#N0}; i++)); do echo "keys Backspace"; done)
keys Enter
dump unfiltered
keys d
dump dialog
type 3
keys Enter
wait
dump deleted
EOF
check "Space marks the row and moves down: rows 1 and 3 marked" \
    [ "$(marked_ids first | tr '\n' ' ')" = "$(printf '%s\n' "$T0" "$T2" | sort | tr '\n' ' ')" ]
expect_line_has first 3 "2 marked" "the title says 2 marked"
expect_line_has first -1 "row 4" "the selection moved on past the last row marked"
expect_line_has loaded 3 "3 marked" "after the other pages arrived (G) and a mark at the end: 3 marked"
check "the marks of the first page survived the pages arriving" \
    [ "$(marked_ids loaded | tr '\n' ' ')" = "$(printf '%s\n' "$T0" "$T2" | sort | tr '\n' ' ')" ]
expect_line_has sorted 3 "3 marked" "sorted: still 3 marked"
expect_line_has filtered 3 "3 marked" "filtered to one name: still 3 marked (two hidden)"
check "filtered: the row shown is marked" [ "$(marked_ids filtered | head -n 1)" = "$T0" ]
expect_line_has unfiltered 3 "3 marked" "the filter cleared: 3 marked"
expect_screen_has dialog "Delete 3 marked tenants" "d with marks: the bulk dialog names the count"
expect_screen_has dialog "Type the count, 3, to confirm." "it wants the count typed"
check "d deleted exactly the three marked tenants, each once" py 'import re,sys
got = sorted(re.search(r"path=/v1/tenants/(\S+)", l).group(1)
             for l in open(sys.argv[1]) if l.startswith("TENANT_DELETE_SUCCESS "))
starts = [l for l in open(sys.argv[1]) if l.startswith("TENANT_DELETE_START ")]
assert got == sorted(sys.argv[2:]), got
assert len(starts) == 3, len(starts)' "$EVENTS" "$T0" "$T2" "$T249"
status_has deleted "Deleted 3 tenants" "the status line says so"
expect_line_has deleted 3 "Tenants (247)" "the three rows are gone from the list"
title deleted | grep -q marked && fail "marks left after the delete: $(title deleted)" ||
    ok "no marks left"
check "three delete lines in the journal, done" \
    [ "$(grep -c '"operation":"delete".*"outcome":"done"' "$XDG_STATE_HOME/tenantry/journal.jsonl")" = 3 ]

# ------------------------------------------------------------------ * marks what the filter shows
UI_COLS=140 run_script all -c "$CONFIG" <<'EOF'
wait
keys z
keys /
type us01
keys Enter
keys *
dump all
keys :
type mark none
keys Enter
dump none
keys :
type mark all
keys Enter
dump again
keys :
type mark some
keys Enter
dump bad
EOF
shown=$(title all | sed -nE 's/.*Tenants \(([0-9]+)\+?\).*/\1/p')
check "/us01 shows some tenants ($shown)" [ -n "$shown" ] && [ "$shown" -gt 0 ]
expect_line_has all 3 "$shown marked" "* marks every row shown: $shown marked"
status_has all "Marked the $shown tenants shown" "and says how many"
check "every row on screen is marked" [ "$(dump_text all | sed -n '5,28p' | grep -c '^ ')" = 0 ]
title none | grep -q marked && fail ":mark none left marks: $(title none)" || ok ":mark none clears the marks"
status_has none "Unmarked $shown rows" ":mark none says how many"
expect_line_has again 3 "$shown marked" ":mark all marks them again"
status_has bad ":mark takes all or none" ":mark some: it says what it takes"

# ------------------------------------------------------------------ * in the profiles list
cat >"$TMP/two.conf" <<EOF
default_profile = "local";
profiles = (
  { name = "local"; url = "$URL"; auth_url = "$URL/oauth/token"; audience = "$AUDIENCE";
    client_id = "$CLIENT_ID"; client_secret = "$SECRET"; },
  { name = "other"; url = "$URL"; auth_url = "$URL/oauth/token"; audience = "$AUDIENCE";
    client_id = "$CLIENT_ID"; client_secret = "$SECRET"; }
);
EOF
chmod 600 "$TMP/two.conf"
run_script profiles -c "$TMP/two.conf" <<'EOF'
wait
keys P j *
dump list
EOF
check "* in the profiles list makes the selected one the default (not mark-all)" \
    grep -q 'default_profile *= *"other"' "$TMP/two.conf"

# ------------------------------------------------------------------ clients: r keeps, another tenant clears
start_sandbox --tenants 3 --clients 4 --seed 9
write_config
UI_COLS=140 run_script clients -c "$CONFIG" <<'EOF2'
wait
keys Tab
wait
keys Space Space
dump marked
keys r
wait
dump refreshed
keys BTab j
wait
keys Tab
wait
dump other
EOF2
# the clients pane's title: after the second "|" of line 3
clients_title() { screen_line "$1" 3 | awk -F'|' '{print $3}'; }
case $(clients_title marked) in *"2 marked"*) ok "clients: 2 marked" ;; *) _show marked; fail "clients: not 2 marked" ;; esac
case $(clients_title refreshed) in *"2 marked"*) ok "r lists the clients again: still 2 marked" ;; *) _show refreshed; fail "r dropped the clients' marks" ;; esac
case $(clients_title other) in *marked*) _show other; fail "another tenant's clients kept the marks" ;; *) ok "another tenant's clients: no marks" ;; esac
