#!/bin/bash
# prefetch.sh: the console keeps at least a page and a screen of rows loaded beyond the
# selection once the operator pages down (before: one screen, so PgDn held on a slow link sat
# on the last loaded row while the next page came; and PgDn from the first row, which lands on
# the first screen's last row, asked for nothing, so holding it at 10 a second on a 150 ms link
# stalled at row 100), headless, pages of 100, a pane of 25 rows: after the first page, and
# after each of a run of PgDn (each followed by `wait`, the loads it started done), the rows
# loaded reach at least a page (100) and a screen past the selected row; the status line says
# both ("N loaded, more available  row R"). Within the first screen j asks for nothing more.
# A pane narrowed to one environment (about one tenant in 30) counts a page as the rows it
# brings to the view: PgDn there keeps a screen of its rows loaded beyond the selection, and not
# a hundred of them (which took the whole list, 31 pages, at the second PgDn).
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 2000 --clients 0
PAGE_SIZE=100 write_config

# ahead DUMP: the rows loaded beyond the selected row in that dump's status line, or -1.
ahead() {
    dump_text "$1" | tail -n 1 | py 'import re,sys
m=re.search(r"([\d,]+) loaded, more available\s+row ([\d,]+)", sys.stdin.read())
print(int(m.group(1).replace(",",""))-int(m.group(2).replace(",","")) if m else -1)'
}

run_script pgdn -c "$CONFIG" <<'EOF'
wait
dump start
keys j j j
wait
dump j
keys PgDn
wait
dump pg1
keys PgDn PgDn
wait
dump pg3
keys PgDn PgDn PgDn
wait
dump pg6
keys PgDn PgDn PgDn PgDn
wait
dump pg10
EOF
status_has start "100 loaded, more available  row 1" "on the first row: the first page alone"
status_has j "100 loaded, more available  row 4" "within the first screen: the first page alone"
for d in pg1 pg3 pg6 pg10; do
    n=$(ahead "$d")
    check "$d: at least a page and a screen (125 rows) loaded beyond the selection (got $n)" \
        [ "$n" -ge 125 ]
done

# PgDn from the first row lands on row 25, the first screen's last row: page 2 is asked for
# then (one key pressed, so while the selection was on row 25 of 100 loaded), not at the next
# PgDn, when the one after it would sit on row 100 while page 2 came.
: >"$EVENTS"
run_script pgdn-top -c "$CONFIG" <<'EOF'
wait
keys PgDn
wait
dump pg1
EOF
status_has pg1 "more available  row 25" "PgDn from the first row: row 25"
n=$(ahead pg1)
check "PgDn from the first row: a page and a screen (125 rows) loaded beyond the selection (got $n)" \
    [ "$n" -ge 125 ]
check "PgDn from the first row: 2 tenant pages asked for (got $(count_events TENANT_RETRIEVE_LIST_START))" \
    [ "$(count_events TENANT_RETRIEVE_LIST_START)" = 2 ]
check "... the second with the first page's cursor" \
    grep -q "^TENANT_RETRIEVE_LIST_START .*query=.*cursor=" "$EVENTS"
stop_sandbox

# A view narrowed to ca02 (about 103 of 3,000 tenants, 3 or 4 a page): each PgDn keeps a
# screen (25) of ca02 rows beyond the selection, and no more than the last page's few over it.
start_sandbox --tenants 3000 --environments 30 --seed 7 --clients 0
PAGE_SIZE=100 write_config
run_script narrowed -c "$CONFIG" <<EOF
wait
keys Backspace
wait
# ca02, the 13th row (after "All environments")
keys $(rep j 12) Enter
wait
dump narrowed
keys PgDn
wait
dump npg1
keys PgDn
wait
dump npg2
EOF
expect_line_has narrowed 2 "ca02 › Tenants" "Enter on ca02 narrows the tenants pane"
# below DUMP: the rows the view shows below the selection ("Tenants (N+)", "row R"), or -1.
below() {
    dump_text "$1" | py 'import re,sys
t=sys.stdin.read()
n=re.search(r"Tenants \((\d+)\+?\)", t); r=re.search(r"row ([\d,]+)\s*$", t)
print(int(n.group(1))-int(r.group(1).replace(",","")) if n and r else -1)'
}
for d in npg1 npg2; do
    n=$(below "$d")
    check "$d: a screen (25) of ca02 rows loaded beyond the selection (got $n)" [ "$n" -ge 25 ]
    check "$d: not a page of ca02 rows loaded beyond it, only a few over a screen (got $n)" \
        [ "$n" -le 40 ]
    status_has "$d" "loaded, more available" "$d: the list not loaded to its end"
done
pages=$(count_events TENANT_RETRIEVE_LIST_START)
check "the narrowed view did not read the whole list (31 pages; got $pages)" [ "$pages" -lt 30 ]
stop_sandbox
