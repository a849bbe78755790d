#!/bin/bash
# edit-sigint.sh: Ctrl-C while the editor runs is the editor's: tenantry stays, keeps the file
# and says where; nothing is sent.
. "$(dirname "$0")/../lib.sh"
sys_init
sys_main
# Ctrl-C while the editor runs is the editor's: tenantry stays to keep the file and say where.
n0=$(event_lines)
cat >"$TMP/ed-int" <<'EOS'
#!/bin/sh
# Find tenantry among this editor's ancestors (/proc: comm is field 2, the parent field 4).
p=$PPID
while [ "$p" -gt 1 ] && [ "$(cut -d' ' -f2 /proc/$p/stat)" != "(tenantry)" ]; do
    p=$(cut -d' ' -f4 /proc/$p/stat)
done
[ "$p" -gt 1 ] && kill -INT "$p" && : >"$TMPDIR/sent-int"
exit 1
EOS
chmod +x "$TMP/ed-int"
run_cmd env -u VISUAL TMPDIR="$EDITS" EDITOR="$TMP/ed-int" "$TENANTRY_BIN" -c "$CONFIG" tenants edit "$FIRST"
expect_rc 1 "tenants edit: SIGINT during the editor, then the editor fails: exit 1 (not killed)"
expect_in_err "Your edit is kept in" "SIGINT during the editor: the kept file is named"
check "SIGINT during the editor: the editor signalled tenantry" [ -e "$EDITS/sent-int" ]
check "SIGINT during the editor: no update sent" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 0 ]
