#!/bin/bash
# export.sh: `:export FILE` writes the focused pane's rows as shown: every tenant loaded (G)
# to .csv is byte for byte `tenants list --all -o csv`; .jsonl and .json hold the same tenants
# in the same order, each field as the CLI's JSON has it; a client list (kept whole) to .json is
# byte for byte `clients list -o json`; a filter and a sort are honoured (the rows and their
# order are the screen's); a client created in the console is exported without its secret; an
# existing file is refused and left as it was; an unknown extension is refused; the progress is
# shown and Esc stops an export, leaving no file (not even its temporary one).
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 250 --clients 3 --seed 3
PAGE_SIZE=100 write_config
run tenants list --all -o csv
cp "$TMP/out" "$TMP/cli.csv"
run tenants list --all -o json
cp "$TMP/out" "$TMP/cli.json"
T0=$(json_field "$TMP/cli.json" 'j[0]["id"]')
run clients list "$T0" -o json
cp "$TMP/out" "$TMP/clients-cli.json"

run_script export -c "$CONFIG" <<'EOF2'
wait
keys G
wait
keys :
type export all.csv
keys Enter
dump progress
wait
dump done
keys :
type export all.jsonl
keys Enter
wait
keys :
type export all.json
keys Enter
wait
keys :
type export all.csv
keys Enter
wait
dump exists
keys :
type export all.txt
keys Enter
wait
dump badext
keys /
type security
keys Enter s
wait
dump filtered
keys :
type export filtered.csv
keys Enter
wait
EOF2
D=$S_DIR
status_has progress "Exporting to all.csv: 0 of 250 rows (Esc stops)" "the export says how far it is"
status_has done "Wrote 250 tenants to all.csv" "the export says what it wrote"
check "all.csv is byte for byte tenants list --all -o csv" cmp -s "$TMP/cli.csv" "$D/all.csv"
check "all.csv is 0644 less the umask, like any new file" \
    [ "$(file_mode "$D/all.csv")" = "$(printf '%o' $((0666 & ~$(umask))))" ]
# every field an export holds is what the CLI's JSON holds there; the same tenants in order
check_json() {
    py '
import json, sys
cli = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
rows = json.loads(text) if sys.argv[3] == "json" else [json.loads(l) for l in text.splitlines()]
assert [r["id"] for r in rows] == [r["id"] for r in cli], "not the same tenants in order"
def leaves(o, path=()):
    if isinstance(o, dict):
        for k, v in o.items():
            yield from leaves(v, path + (k,))
    else:
        yield path, o
for mine, theirs in zip(rows, cli):
    n = 0
    for path, v in leaves(mine):
        t = theirs
        for k in path:
            t = t[k]
        assert t == v, "%s: %r, the CLI has %r" % (".".join(path), v, t)
        n += 1
    assert n >= 6, "only %d fields" % n
' "$TMP/cli.json" "$D/$1" "$2"
}
check "all.jsonl: the tenants of the CLI in order, each field as the CLI has it" check_json all.jsonl jsonl
check "all.json: the same, as one array" check_json all.json json
check "nothing was overwritten: all.csv is still the first export" cmp -s "$TMP/cli.csv" "$D/all.csv"
status_has exists ":export: all.csv exists: it is not overwritten" "an existing file is refused"
status_has badext ":export all.txt: no format of that name" "an unknown extension is refused"
check "... and nothing written" [ ! -e "$D/all.txt" ]
check "no temporary file left" [ -z "$(find "$D" -name '.all*')" ]
names filtered 5 29 >"$TMP/screen-names"
check "filtered.csv: the rows and order the screen shows (filter security, sorted by name)" py '
import csv, sys
rows = [r["name"] for r in csv.DictReader(open(sys.argv[1], newline=""))]
screen = [l for l in open(sys.argv[2]).read().split("\n") if l]
want = [r["name"] for r in csv.DictReader(open(sys.argv[3], newline=""))
        if any("security" in v.lower() for v in r.values())]
assert rows == screen[:len(rows)] and len(rows) == len(want), (rows, screen, len(want))
assert rows == sorted(want) and len(rows) > 3, rows
' "$D/filtered.csv" "$TMP/screen-names" "$TMP/cli.csv"

# a list kept whole (clients): the JSON the CLI prints, byte for byte; a new client's secret
# is not in an export
run_script clients -c "$CONFIG" <<'EOF2'
wait
keys Enter
wait
keys :
type export clients.json
keys Enter
wait
keys c
type ci-bot
keys Tab Space Enter Enter
wait
dump secret
keys Enter Enter
keys :
type export clients.jsonl
keys Enter
wait
dump done
EOF2
check "clients.json is byte for byte clients list -o json" cmp -s "$TMP/clients-cli.json" "$S_DIR/clients.json"
NEW_SECRET=$(grep -oE 'Secret +[A-Za-z0-9_-]{20,}' "$S_DIR/secret" | awk '{print $2}')
check "the secret panel showed the new client's secret" [ -n "$NEW_SECRET" ]
check "the new client is exported" grep -q '"name":"ci-bot"' "$S_DIR/clients.jsonl"
check "... without its secret" [ "$(grep -c -e "$NEW_SECRET" -e clientSecret "$S_DIR/clients.jsonl")" = 0 ]

# a long export shows its progress; Esc stops it and leaves nothing behind
start_sandbox --tenants 3000 --seed 4
write_config
run_script stop -c "$CONFIG" <<'EOF2'
wait
keys G
wait
keys :
type export big.csv
keys Enter
dump started
keys Esc
dump stopped
wait
EOF2
status_has started "Exporting to big.csv: 0 of 3,000 rows (Esc stops)" "a long export says how far it is"
status_has stopped "Stopped the export: nothing written to big.csv" "Esc stops the export"
check "... and leaves no file" [ ! -e "$S_DIR/big.csv" ]
check "... not even the temporary one" [ -z "$(find "$S_DIR" -name '.big*')" ]


# marks: only the marked rows are written (Space marks and moves down: the first, third and
# fourth rows here), in the order shown
run tenants list --limit 10 -o csv
cp "$TMP/out" "$TMP/first.csv"
run_script marked -c "$CONFIG" <<'EOF2'
wait
keys Space j Space Space
keys :
type export marked.csv
keys Enter
wait
dump marked
EOF2
status_has marked "Wrote 3 " "with marks, the export counts only the marked rows"
check "... and writes the header and the first, third and fourth tenants, nothing else" py '
import csv, sys
got = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
first = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
sys.exit(0 if got == [first[0], first[1], first[3], first[4]] else 1)' "$S_DIR/marked.csv" "$TMP/first.csv"
