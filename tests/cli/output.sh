#!/bin/bash
# output.sh: the output formats of tenantry against a real sandbox: -o json (one valid JSON
# list), -o jsonl (one valid object a line), -o csv (a header of field paths), the table
# fitted to COLUMNS=60 on a terminal; hostile names (escape sequences, BEL, C1 controls, invalid UTF-8, wide
# and combining characters) never reach the output raw in table or csv, in the C and the UTF-8
# locale, while json keeps them (escaped); --all streams every page; --limit N gives N rows and
# a "Next page: --cursor C" hint, and --cursor C continues where the page ended; an empty page
# is well-formed in every format; output that cannot be written is exit 1.
. "$(dirname "$0")/lib.sh"

# fits FILE WIDTH: every line of FILE (UTF-8 or ASCII) takes at most WIDTH terminal cells.
fits() {
    py '
import sys, unicodedata
def cells(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w
width = int(sys.argv[2])
for n, line in enumerate(open(sys.argv[1], encoding="utf-8", errors="strict"), 1):
    line = line.rstrip("\n")
    if cells(line) > width:
        sys.exit("line %d takes %d cells: %r" % (n, cells(line), line))
' "$1" "$2"
}

# ------------------------------------------------------------------ plain data: the formats
start_sandbox --tenants 57 --clients 3 --seed 3
write_config

run tenants list --all --limit 10 -o json
expect_rc 0 "tenants list --all -o json"
py '
import json, sys
j = json.load(open(sys.argv[1]))
assert isinstance(j, list) and len(j) == 57, "not a list of 57"
assert all(isinstance(t, dict) and t.get("id") and t.get("name") for t in j)
assert len({t["id"] for t in j}) == 57
' "$TMP/out" || fail "-o json over 6 pages is not one JSON list of the 57 tenants"
ok "-o json over 6 pages is one valid JSON list of 57 distinct tenants"
cp "$TMP/out" "$TMP/all.json"

run tenants list --all --limit 10 -o jsonl
expect_rc 0 "tenants list --all -o jsonl"
py '
import json, sys
lines = open(sys.argv[1]).read().split("\n")
assert lines[-1] == "", "no newline at the end"
rows = [json.loads(l) for l in lines[:-1]]
assert len(rows) == 57 and all(isinstance(r, dict) for r in rows)
assert [r["id"] for r in rows] == [t["id"] for t in json.load(open(sys.argv[2]))]
' "$TMP/out" "$TMP/all.json" || fail "-o jsonl is not 57 JSON objects, one a line, as in -o json"
ok "-o jsonl: 57 lines, each a valid JSON object, same order as -o json"

run tenants list --all --limit 10 -o csv
expect_rc 0 "tenants list --all -o csv"
header=$(head -n 1 "$TMP/out")
case ",$header," in
*,name,*,id,*) ok "-o csv starts with a header of field names ($header)" ;;
*) fail "-o csv header has no name and id columns: $header" ;;
esac
case ",$header," in
*,environment.name,*) ok "-o csv header uses field paths (environment.name)" ;;
*) fail "-o csv header has no field path like environment.name: $header" ;;
esac
py '
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
head, body = rows[0], rows[1:]
assert len(body) == 57, "%d records" % len(body)
assert all(len(r) == len(head) for r in body), "ragged records"
ids = [r[head.index("id")] for r in body]
assert ids == [t["id"] for t in json.load(open(sys.argv[2]))]
names = [r[head.index("name")] for r in body]
assert names == [t["name"] for t in json.load(open(sys.argv[2]))]
' "$TMP/out" "$TMP/all.json" || fail "-o csv does not hold the same 57 tenants as -o json"
ok "-o csv: one header, 57 records of the same width, same ids and names as -o json"

run tenants list --all --limit 10
expect_rc 0 "tenants list --all (table)"
check "the table has a header and 57 rows" [ "$(wc -l <"$TMP/out")" = 58 ]
expect_in_out "NAME" "the table has a NAME header"
py '
import json, sys
out = open(sys.argv[1]).read()
missing = [t["id"] for t in json.load(open(sys.argv[2])) if t["id"] not in out]
assert not missing, missing
' "$TMP/out" "$TMP/all.json" || fail "without a width the table cuts IDs"
ok "without a terminal width the table shows every ID whole"

# a terminal of 60 columns (a pipe gets every value whole: tables.sh)
run_tty env COLUMNS=60 "$TENANTRY_BIN" -c "$CONFIG" tenants list --all --limit 10
expect_rc 0 "tenants list with COLUMNS=60"
fits "$TMP/out" 60 || fail "the table does not fit COLUMNS=60"
ok "the table fits COLUMNS=60"
check "COLUMNS=60 still gives a header and 57 rows" [ "$(wc -l <"$TMP/out")" = 58 ]
run_tty env COLUMNS=60 "$TENANTRY_BIN" -c "$CONFIG" environments list
expect_rc 0 "environments list with COLUMNS=60"
fits "$TMP/out" 60 || fail "environments list does not fit COLUMNS=60"
ok "environments list fits COLUMNS=60"
T0=$(json_field "$TMP/all.json" 'j[0]["id"]')
run_tty env COLUMNS=60 "$TENANTRY_BIN" -c "$CONFIG" clients list "$T0"
expect_rc 0 "clients list with COLUMNS=60"
fits "$TMP/out" 60 || fail "clients list does not fit COLUMNS=60"
ok "clients list fits COLUMNS=60"
check "clients list shows the 3 seeded clients" [ "$(wc -l <"$TMP/out")" = 4 ]

run clients list "$T0" -o json
expect_rc 0 "clients list -o json"
check "clients list -o json is a list of 3" [ "$(json_field "$TMP/out" 'len(j)')" = 3 ]
run environments list -o csv
expect_rc 0 "environments list -o csv"
check "environments list -o csv: a header and 3 records" [ "$(wc -l <"$TMP/out")" = 4 ]

# Output that cannot be written is an error (exit 1), not a silent success.
if [ -w /dev/full ]; then
    # shellcheck disable=SC2016  # expanded by that sh
    run_cmd sh -c '"$0" -c "$1" tenants list --all >/dev/full' "$TENANTRY_BIN" "$CONFIG"
    expect_rc 1 "tenants list to a full disk (/dev/full)"
    expect_in_err "cannot write" "the message says the output cannot be written"
fi

# ------------------------------------------------------------------ --limit and --cursor
run tenants list --limit 7 -o jsonl
expect_rc 0 "tenants list --limit 7"
check "--limit 7 gives 7 rows" [ "$(wc -l <"$TMP/out")" = 7 ]
expect_in_err "Next page: --cursor " "--limit 7 prints a 'Next page: --cursor' hint on stderr"
expect_not_in_out "Next page" "the hint is not on stdout"
cursor=$(sed -n 's/^Next page: --cursor \([^ ]*\).*/\1/p' "$TMP/err")
check "the hint holds a cursor" [ -n "$cursor" ]
cp "$TMP/out" "$TMP/page1"
run tenants list --limit 7 --cursor "$cursor" -o jsonl
expect_rc 0 "tenants list --limit 7 --cursor C"
check "the second page has 7 rows" [ "$(wc -l <"$TMP/out")" = 7 ]
py '
import json, sys
p1 = [json.loads(l)["id"] for l in open(sys.argv[1])]
p2 = [json.loads(l)["id"] for l in open(sys.argv[2])]
every = [t["id"] for t in json.load(open(sys.argv[3]))]
assert not set(p1) & set(p2), "the pages overlap"
assert p1 == every[0:7], "page 1 is not rows 1-7"
assert p2 == every[7:14], "page 2 is not rows 8-14"
' "$TMP/page1" "$TMP/out" "$TMP/all.json" || fail "--cursor does not continue where the page ended"
ok "--cursor continues where the previous page ended (rows 8-14, no overlap)"
cursor2=$(sed -n 's/^Next page: --cursor \([^ ]*\).*/\1/p' "$TMP/err")
check "the second page points further on" [ -n "$cursor2" -a "$cursor2" != "$cursor" ]
run tenants list --limit 7 --cursor "$cursor" -o table
expect_rc 0 "a page as a table"
check "a page as a table: header and 7 rows" [ "$(wc -l <"$TMP/out")" = 8 ]

run tenants list --limit 1 -o json
expect_rc 0 "tenants list --limit 1 -o json"
check "--limit 1 -o json is a list of one" [ "$(json_field "$TMP/out" 'len(j)')" = 1 ]
run tenants list --limit 1000 -o jsonl
expect_rc 0 "tenants list --limit 1000"
check "--limit 1000 gives all 57 rows" [ "$(wc -l <"$TMP/out")" = 57 ]

# Past the end: a full last page still points on (the API ends a list with an empty page), and
# that empty page is well-formed output.
run tenants list --limit 57 -o jsonl
expect_rc 0 "tenants list --limit 57 (every row in one full page)"
check "--limit 57 gives the 57 rows" [ "$(wc -l <"$TMP/out")" = 57 ]
last=$(sed -n 's/^Next page: --cursor \([^ ]*\).*/\1/p' "$TMP/err")
check "a full last page still gives a cursor" [ -n "$last" ]
run tenants list --cursor "$last" -o json
expect_rc 0 "the page past the end -o json"
check "the page past the end is an empty JSON list" [ "$(json_field "$TMP/out" 'j')" = "[]" ]
expect_not_in_err "Next page" "the empty page points nowhere"
run tenants list --cursor "$last" -o csv
expect_rc 0 "the page past the end -o csv"
check "the page past the end -o csv is the header alone" [ "$(wc -l <"$TMP/out")" = 1 ]
run tenants list --cursor "$last" -o jsonl
expect_rc 0 "the page past the end -o jsonl"
expect_empty_out "the page past the end -o jsonl prints nothing"
run tenants list --cursor "$last"
expect_rc 0 "the page past the end as a table"
expect_empty_out "the empty table prints nothing on stdout"
expect_in_err "No tenants." "the empty table says 'No tenants.' on stderr"
stop_sandbox

# ------------------------------------------------------------------ --all streams
# 5 pages of 100 rows and an empty one, each answered after 400 ms: rows reach stdout while
# the walk still runs, at least a second before it ends (a walk that printed at the end only
# would show its first row a moment before it exits).
start_sandbox --tenants 450 --latency-ms 400
write_config
now_ms() { date +%s%3N; }
"$TENANTRY_BIN" -c "$CONFIG" tenants list --all --limit 100 -o jsonl >"$TMP/stream" \
    2>"$TMP/stream.err" </dev/null &
walker=$!
i=0 seen_at=""
while [ $i -lt $((WAIT_S * 100)) ] && kill -0 "$walker" 2>/dev/null; do
    if [ -s "$TMP/stream" ]; then
        seen_at=$(now_ms)
        break
    fi
    sleep 0.01
    i=$((i + 1))
done
wait "$walker"
walker_rc=$?
ended_at=$(now_ms)
check "the --all walk exits 0" [ "$walker_rc" = 0 ]
check "--all streamed all 450 rows" [ "$(wc -l <"$TMP/stream")" = 450 ]
check "rows were on stdout while the walk was running" [ -n "$seen_at" ]
check "the first rows came $((ended_at - seen_at)) ms (>= 1000) before the end of the walk" \
    [ $((ended_at - seen_at)) -ge 1000 ]
stop_sandbox

# ------------------------------------------------------------------ hostile names
start_sandbox --hostile-names --tenants 20 --clients 3
write_config
set_env_id
# Add a C1 CSI (U+009B), an ESC, a BEL and a raw 0x9b byte through tenantry itself.
run tenants create --subdomain c1-test --environment "$ENV_ID" \
    --name "$(printf 'C1 \302\233[31mred\033[0m bel\007 raw\233x del\177')" -o json
expect_rc 0 "tenants create with control characters in the name"
C1_ID=$(json_field "$TMP/out" 'j["id"]')

run tenants list --all -o json
expect_rc 0 "hostile tenants list -o json"
cp "$TMP/out" "$TMP/hostile.json"
py '
import json, sys
j = json.load(open(sys.argv[1]))
names = [t["name"] for t in j]
assert "\x1b[31mRed Alert\x1b[0m Corp" in names, "the escape sequence did not survive in json"
assert "Bell\x07\x07 and Backspace\x08\x08" in names
assert any("\u009b[31mred" in n for n in names), "the C1 CSI did not survive in json"
assert any("Right-to-left \u202edesrever" in n for n in names), "the bidi override did not survive"
assert any("\x7f" in n for n in names), "DEL did not survive"
assert len(j) == 21
' "$TMP/out" || fail "-o json of hostile names does not parse or lost the names"
ok "-o json of hostile names parses and keeps the names (escaped)"
py 'import sys; d = open(sys.argv[1], "rb").read(); sys.exit(b"\x1b" in d or b"\x07" in d)' "$TMP/out" ||
    fail "-o json holds a raw ESC or BEL"
ok "-o json holds no raw ESC or BEL (escaped as \\u001b, \\u0007)"
grep -qF '\u001b[31mRed Alert' "$TMP/out" || fail "-o json does not keep the escape as \\u001b"
ok "-o json keeps the escape character as \\u001b"
clean "$TMP/out" utf-8 || fail "-o json is not safe to cat"
ok "-o json is safe to cat: no C0, DEL, C1 or bidi control raw (written as \\uXXXX)"
grep -qF '\u009b[31mred' "$TMP/out" && grep -qF '\u202e' "$TMP/out" && grep -qF '\u007f' "$TMP/out" ||
    fail "-o json does not write C1, bidi and DEL as \\uXXXX escapes"
ok "-o json writes C1, bidi overrides and DEL as \\uXXXX escapes"
run tenants list --all -o jsonl
expect_rc 0 "hostile tenants list -o jsonl"
py '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 21
assert sorted(json.dumps(r, sort_keys=True) for r in rows) == \
    sorted(json.dumps(r, sort_keys=True) for r in json.load(open(sys.argv[2])))
' "$TMP/out" "$TMP/hostile.json" || fail "-o jsonl of hostile names does not parse"
ok "-o jsonl of hostile names parses, 21 lines, the same data as -o json"
clean "$TMP/out" utf-8 || fail "-o jsonl is not safe to cat"
ok "-o jsonl is safe to cat"
HOSTILE_T0=$(json_field "$TMP/hostile.json" 'j[0]["id"]')

for loc in C ${UTF8_LOCALE:+"$UTF8_LOCALE"}; do
    enc=ascii
    [ "$loc" = C ] || enc=utf-8
    for cmd in "tenants list --all" "tenants list --all -o csv" "tenants get $HOSTILE_T0" \
        "tenants get $C1_ID" "tenants get $C1_ID -o csv" "clients list $HOSTILE_T0" \
        "clients list $HOSTILE_T0 -o csv"; do
        # shellcheck disable=SC2086  # cmd is words
        run_cmd env LC_ALL="$loc" COLUMNS=60 "$TENANTRY_BIN" -c "$CONFIG" $cmd
        expect_rc 0 "$cmd (LC_ALL=$loc)"
        check "$cmd (LC_ALL=$loc) prints something" [ -s "$TMP/out" ]
        case $cmd in
        *csv*) # UTF-8 in every locale, tabs and line breaks kept (in quoted fields)
            clean "$TMP/out" utf-8 "$(printf '\t\r')" ||
                fail "$cmd (LC_ALL=$loc): a control character reached stdout"
            ;;
        *) clean "$TMP/out" "$enc" || fail "$cmd (LC_ALL=$loc): a control character reached stdout" ;;
        esac
        ok "$cmd (LC_ALL=$loc): no ESC, BEL, 0x9b/C1 or other control on stdout"
        clean "$TMP/err" "$enc" || fail "$cmd (LC_ALL=$loc): a control character reached stderr"
        case $cmd in
        *csv*)
            py '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len({len(r) for r in rows}) == 1, "ragged csv"
' "$TMP/out" || fail "$cmd (LC_ALL=$loc): not a well-formed csv"
            ok "$cmd (LC_ALL=$loc): well-formed csv"
            ;;
        "tenants get"*) ;; # "Header: value" lines, not a table: values are shown whole
        *) # in a pipe nothing is cut: on a terminal of 60 columns the table fits
            # shellcheck disable=SC2086  # cmd is words
            run_tty env LC_ALL="$loc" COLUMNS=60 "$TENANTRY_BIN" -c "$CONFIG" $cmd
            clean "$TMP/out" "$enc" || fail "$cmd (LC_ALL=$loc): a control character reached the terminal"
            fits "$TMP/out" 60 || fail "$cmd (LC_ALL=$loc): does not fit a terminal of COLUMNS=60"
            ok "$cmd (LC_ALL=$loc): fits a terminal of COLUMNS=60"
            ;;
        esac
    done
    run_cmd env LC_ALL="$loc" COLUMNS=60 "$TENANTRY_BIN" -c "$CONFIG" tenants list --all
    check "hostile table (LC_ALL=$loc): header and 21 rows, a newline in a name splits no row" \
        [ "$(wc -l <"$TMP/out")" = 22 ]
done
[ -n "$UTF8_LOCALE" ] || echo "note: no UTF-8 locale installed; checked LC_ALL=C only"

# csv keeps the data whatever the locale (a cron job runs in C): UTF-8, tabs and line breaks
# inside quoted fields (RFC 4180); only controls that would drive a terminal become "?"
for loc in C ${UTF8_LOCALE:+"$UTF8_LOCALE"}; do
    run_cmd env LC_ALL="$loc" "$TENANTRY_BIN" -c "$CONFIG" tenants list --all -o csv
    expect_rc 0 "tenants list -o csv (LC_ALL=$loc)"
    py '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
names = {r["name"] for r in rows}
want = ["\u682a\u5f0f\u4f1a\u793e\u30c6\u30b9\u30c8\u30fb\u30db\u30fc\u30eb\u30c7\u30a3\u30f3\u30b0\u30b9",
        "Line one\nLine two\tTabbed\rCarriage",
        "Emoji \U0001f680 Rocket \U0001f469\u200d\U0001f4bb Coder",
        "?[31mRed Alert?[0m Corp", "Bad \ufffd\ufffd UTF-8 \ufffd( Ltd"]
for w in want:
    assert w in names, "%r not among %r" % (w, sorted(names))
' "$TMP/out" || fail "csv (LC_ALL=$loc) lost non-ASCII text, a tab or a line break"
    ok "csv (LC_ALL=$loc): UTF-8 names, tabs and line breaks kept; ESC as ?, invalid UTF-8 as U+FFFD"
done

# a cell a spreadsheet would run as a formula gets a ' in front, unless --csv-raw
n_formula=0
for f in '=HYPERLINK("http://x")' '+1+2' '-3-4' '@SUM(A1)'; do
    run tenants create --subdomain "f$((++n_formula))" --environment "$ENV_ID" --name "$f" -o json
    expect_rc 0 "tenants create --name '$f'"
done
run tenants list --all -o csv
py '
import csv, sys
names = {r["name"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
for f in ("=HYPERLINK(\"http://x\")", "+1+2", "-3-4", "@SUM(A1)"):
    assert "\x27" + f in names and f not in names, (f, sorted(names))
' "$TMP/out" || fail "csv does not put a ' before formula cells"
ok "csv puts a ' before cells starting with =, +, - and @"
run --csv-raw tenants list --all -o csv
py '
import csv, sys
names = {r["name"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
for f in ("=HYPERLINK(\"http://x\")", "+1+2", "-3-4", "@SUM(A1)"):
    assert f in names, (f, sorted(names))
' "$TMP/out" || fail "--csv-raw changed formula cells"
ok "--csv-raw keeps cells starting with =, +, - and @ as they are"

stop_sandbox
