#!/bin/bash
# prefetch.sh: the console keeps at least a page and a screen of rows loaded beyond the
# selection (before: one screen, so PgDn held on a slow link sat on the last loaded row while
# the next page came), headless, pages of 100: after the first page, and after each of a run of
# PgDn (each followed by `wait`, the loads it started done), the rows loaded reach at least a
# page (100) and a screen (the pane's 24 rows) past the selected row; the status line says both
# ("N loaded, more available  row R").
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
    check "$d: at least a page and a screen (124 rows) loaded beyond the selection (got $n)" \
        [ "$n" -ge 124 ]
done
stop_sandbox
