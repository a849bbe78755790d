#!/bin/bash
# system.sh: the /system/tenants API (profiles with api = "system") end to end, against real
# sandboxes: system profiles (add, list, test, the password from the environment, the file or a
# command, a client_id refused, a wrong password); tenants list (columns, formats, pages,
# --cursor, --all over 10,000 tenants with page,limit and with _page,_limit, the filters
# compared with python's view of the full list); get; create (file, stdin, --uuid, bad input,
# 200 and 201, never retried); update (version locking with 409 and with 500); edit (with
# scripted editors: saved, unchanged, failing, invalid, conflicting, version changed);
# delete; read-only; --demo=system; the verbs' help. Every effect is checked on the output,
# the exit status and the sandbox's events file.
. "$(dirname "$0")/lib.sh"

SYS_USER=operator
SYS_PASSWORD='Sys-Pw-7Hq2-never-shown'
WRONG_PASSWORD='Wrong-Pw-9Zk4-never-shown'
export SYS_PW=$SYS_PASSWORD
unset VISUAL EDITOR TMPDIR
NOBODY=00000000-0000-4000-8000-000000000000 # a UUID no sandbox has

# sys_sandbox FLAGS...: start_sandbox accepting SYS_USER and SYS_PASSWORD (not the defaults,
# so that a profile falling back to them would fail).
sys_sandbox() {
    start_sandbox --system-user "$SYS_USER" --system-password "$SYS_PASSWORD" "$@"
}

# uuids FILE: the uuid of each tenant of a JSON array or JSON-lines file, one a line.
uuids() {
    py 'import json,sys
t=open(sys.argv[1]).read().strip()
rows=[] if not t else json.loads(t) if t.startswith("[") else [json.loads(l) for l in t.splitlines()]
for r in rows: print(r["uuid"])' "$1"
}

# expected FILTER...: the uuids of $TMP/full.json that the list filters FILTER keep (--id N,
# --uuid U, --created-before D, ...; the dates' bounds inclusive), as python sees it.
expected() {
    py 'import json,sys,datetime as dt
def when(s):
    s=s.replace("Z","+00:00")
    return dt.datetime.fromisoformat(s+"T00:00:00+00:00" if len(s)==10 else s)
rows=json.load(open(sys.argv[1])); a=sys.argv[2:]
ids=[int(v) for k,v in zip(a[::2],a[1::2]) if k=="--id"]
uu=[v for k,v in zip(a[::2],a[1::2]) if k=="--uuid"]
b={k:when(v) for k,v in zip(a[::2],a[1::2]) if k not in ("--id","--uuid")}
def keep(r):
    c,u=when(r["createdAt"]),when(r["updatedAt"])
    return ((not ids or r["id"] in ids) and (not uu or r["uuid"] in uu)
        and ("--created-before" not in b or c<=b["--created-before"])
        and ("--created-after" not in b or c>=b["--created-after"])
        and ("--updated-before" not in b or u<=b["--updated-before"])
        and ("--updated-after" not in b or u>=b["--updated-after"]))
for r in rows:
    if keep(r): print(r["uuid"])' "$TMP/full.json" "$@"
}

# filter_check WHAT FILTER...: tenants list --all -o json FILTER lists exactly the tenants
# python keeps, and the filter keeps some of the 30 but not all (else it proves nothing).
filter_check() {
    local what=$1 want got n
    shift
    run tenants list --all -o json "$@"
    [ "$rc" = 0 ] || { fail "$what: exit status $rc"; return; }
    want=$(expected "$@" | sort)
    got=$(uuids "$TMP/out" | sort)
    n=$(printf '%s' "$want" | grep -c .)
    if [ "$n" -lt 1 ] || [ "$n" -ge 30 ]; then
        fail "$what: python keeps $n of the 30 tenants: not a useful filter"
        return
    fi
    [ "$got" = "$want" ] || {
        fail "$what: listed [$(printf '%s' "$got" | tr '\n' ' ')], python keeps [$(printf '%s' "$want" | tr '\n' ' ')]"
        return
    }
    ok "$what: the $n tenants python keeps"
}

# version_of UUID: VERSION becomes the tenant's version (tenants get -o json).
version_of() {
    run tenants get "$1" -o json
    [ "$rc" = 0 ] || fail "tenants get $1 -o json (to read its version)"
    VERSION=$(json_field "$TMP/out" 'j["version"]')
}

# ------------------------------------------------------------------ editors for tenants edit
EDITS=$TMP/edits
cat >"$TMP/ed.py" <<'EOF'
# ed.py MODE FILE: an editor for tenants edit. add: data.edited = by-the-test-vVERSION (new at
# each version); none: no change; fail: add, then exit 1; invalid: leave invalid JSON;
# version: add, and set version to 999; bump: someone else updates the tenant (tenantry
# tenants update, with the version read), then add.
import json, os, subprocess, sys
mode, path = sys.argv[1], sys.argv[2]
with open(path) as f:
    j = json.load(f)
if mode == "none":
    sys.exit(0)
if mode == "invalid":
    with open(path, "w") as f:
        f.write('{"data": {"unfinished": ')
    sys.exit(0)
if mode == "bump":
    subprocess.run([os.environ["ED_TENANTRY"], "-c", os.environ["ED_CONFIG"], "tenants", "update",
                    j["uuid"], "--data", os.environ["ED_BUMP"], "--version", str(j["version"])],
                   check=True, stdout=subprocess.DEVNULL)
j["data"]["edited"] = "by-the-test-v%d" % j["version"]  # a new value at each version
if mode == "version":
    j["version"] = 999
with open(path, "w") as f:
    json.dump(j, f, indent=2)
sys.exit(1 if mode == "fail" else 0)
EOF
printf '{"bumped": true}\n' >"$TMP/bump.json"

# edit_with MODE UUID [ARGS...]: tenants edit UUID with ed.py MODE as $EDITOR and the files in
# $EDITS (emptied first).
edit_with() {
    local mode=$1
    shift
    rm -rf "$EDITS"
    mkdir -p "$EDITS"
    run_cmd env -u VISUAL TMPDIR="$EDITS" EDITOR="'$PYTHON' '$TMP/ed.py' $mode" \
        ED_TENANTRY="$TENANTRY_BIN" ED_CONFIG="$CONFIG" ED_BUMP="$TMP/bump.json" \
        "$TENANTRY_BIN" -c "$CONFIG" tenants edit "$@"
}

# kept_file WHAT: KEPT becomes the file named by the last line of stderr ("... kept in PATH"),
# which must be in $EDITS, mode 600.
kept_file() {
    KEPT=$(tail -n 1 "$TMP/err" | sed -n 's/.*kept in //p')
    [ -n "$KEPT" ] || { fail "$1: the last line of stderr names no kept file"; return; }
    case $KEPT in "$EDITS"/*) ;; *) fail "$1: the kept file $KEPT is not in TMPDIR"; return ;; esac
    [ -f "$KEPT" ] || { fail "$1: the kept file $KEPT does not exist"; return; }
    [ "$(file_mode "$KEPT")" = 600 ] || { fail "$1: the kept file is mode $(file_mode "$KEPT")"; return; }
    ok "$1: the file is kept (mode 600) and its path is the message's last line"
}
edits_left() { find "$EDITS" -type f | wc -l | tr -d ' '; }

# ================================================================== profiles
sys_sandbox --system-tenants 30
MAIN_URL=$URL
MAIN_EVENTS=$EVENTS
P=$TMP/profiles
CONFIG=$P

run profile add s-env --api system --url "$URL" --user "$SYS_USER" --secret-env SYS_PW
expect_rc 0 "profile add --api system --secret-env"
check "the profile is stored with api system" grep -q 'api = "system";' "$P"
check "the profile stores password_env, no password" \
    sh -c "grep -q 'password_env = \"SYS_PW\";' '$P' && ! grep -q 'password = ' '$P'"
check "the profile stores the user" grep -q "user = \"$SYS_USER\";" "$P"
check "the profiles file is mode 600" [ "$(file_mode "$P")" = 600 ]

run_input "$SYS_PASSWORD" profile add s-in --api system --url "$URL" --user "$SYS_USER" --secret-stdin
expect_rc 0 "profile add --api system --secret-stdin"
check "--secret-stdin stores the password inline" grep -qF "password = \"$SYS_PASSWORD\";" "$P"
check "the file holding a password is mode 600" [ "$(file_mode "$P")" = 600 ]
expect_not_in_out "$SYS_PASSWORD" "profile add does not print the password (stdout)"
expect_not_in_err "$SYS_PASSWORD" "profile add does not print the password (stderr)"

run profile add s-pp --api system --url "$URL" --user "$SYS_USER" --secret-env SYS_PW \
    --page-params _page,_limit
expect_rc 0 "profile add --api system --page-params _page,_limit"
check "the profile stores page_params" grep -q 'page_params = "_page,_limit";' "$P"

run profile list
expect_rc 0 "profile list"
check "profile list: s-env has api system" grep -Eq '(^| )s-env +system +http' "$TMP/out"
check "profile list: s-in has api system" grep -Eq '(^| )s-in +system +http' "$TMP/out"
expect_not_in_out "$SYS_PASSWORD" "profile list (table) does not show the password"
run profile list -o json
expect_rc 0 "profile list -o json"
check "profile list -o json: both system profiles with their user" \
    py 'import json,sys
p={x["name"]:x for x in json.load(open(sys.argv[1]))}
assert p["s-env"]["api"]=="system" and p["s-in"]["api"]=="system", p
assert p["s-env"]["user"]==sys.argv[2] and p["s-in"]["user"]==sys.argv[2], p
assert p["s-env"]["secret_from"]=="env:SYS_PW" and p["s-in"]["secret_from"]=="inline", p' \
    "$TMP/out" "$SYS_USER"
expect_not_in_out "$SYS_PASSWORD" "profile list -o json does not show the password"
run profile list -o csv
expect_rc 0 "profile list -o csv"
expect_not_in_out "$SYS_PASSWORD" "profile list -o csv does not show the password"

n0=$(event_lines)
run profile test s-env
expect_rc 0 "profile test (password from the environment)"
expect_in_out "works" "profile test says the profile works"
run profile test s-in
expect_rc 0 "profile test (inline password)"
check "each profile test made one successful list request" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS)" = 2 ]

cp "$P" "$TMP/profiles.before"
run profile add s-bad --api system --url "$URL" --user "$SYS_USER" --client-id abc \
    --secret-env SYS_PW
expect_rc 2 "profile add --api system --client-id is refused"
expect_in_err "client_id" "the refusal names client_id"
check "the refused profile add left the file alone" cmp -s "$P" "$TMP/profiles.before"

write_config_text "$TMP/with-client-id" "profiles = ( { name = \"sys\"; api = \"system\";
  url = \"$URL\"; user = \"$SYS_USER\"; password_env = \"SYS_PW\"; client_id = \"abc\"; } );"
n0=$(event_lines)
run tenants list
expect_rc 2 "a system profile with client_id in the file is refused"
expect_in_err "client_id" "the refusal names the field client_id"
no_new_events "$n0" "nothing is sent with a refused profile"

CONFIG=$P
n0=$(event_lines)
run_cmd env SYS_PW="$WRONG_PASSWORD" "$TENANTRY_BIN" -c "$P" -p s-env tenants list
expect_rc 3 "a wrong password: tenants list"
expect_in_err "user" "the 401 message names the user setting"
expect_in_err "password" "the 401 message names the password setting"
expect_not_in_err "$WRONG_PASSWORD" "the 401 message does not show the password"
expect_not_in_out "$WRONG_PASSWORD" "the wrong password is not on stdout"
check "the wrong password got a 401 from the sandbox" \
    grep -q '^SYSTEM_TENANT_RETRIEVE_LIST_FAIL .* status=401' <(events_after "$n0")
run_cmd env SYS_PW="$WRONG_PASSWORD" "$TENANTRY_BIN" -c "$P" profile test s-env
expect_rc 3 "a wrong password: profile test"
expect_not_in_err "$WRONG_PASSWORD" "profile test does not show the password"
run_cmd env -u SYS_PW "$TENANTRY_BIN" -c "$P" -p s-env tenants list
expect_rc 3 "password_env naming an unset variable"
expect_in_err "SYS_PW" "the message names the variable"

write_config_text "$TMP/cmd" "profiles = ( { name = \"sys\"; api = \"system\"; url = \"$URL\";
  user = \"$SYS_USER\"; password_command = \"printf %s '$SYS_PASSWORD'\"; } );"
run tenants list --limit 3 -o json
expect_rc 0 "password_command: tenants list"
check "password_command: 3 tenants listed" [ "$(json_field "$TMP/out" 'len(j)')" = 3 ]
run profile test
expect_rc 0 "password_command: profile test"
write_config_text "$TMP/cmd-wrong" "profiles = ( { name = \"sys\"; api = \"system\"; url = \"$URL\";
  user = \"$SYS_USER\"; password_command = \"printf %s '$WRONG_PASSWORD'\"; } );"
run tenants list
expect_rc 3 "password_command printing a wrong password"
expect_not_in_err "$WRONG_PASSWORD" "its message does not show the password"
write_config_text "$TMP/cmd-fails" "profiles = ( { name = \"sys\"; api = \"system\"; url = \"$URL\";
  user = \"$SYS_USER\"; password_command = \"exit 3\"; } );"
run tenants list
expect_rc 3 "a failing password_command"
SYS_USER=somebody-else write_system_config "$TMP/wrong-user"
run tenants list
expect_rc 3 "a wrong user"

# ================================================================== tenants list
write_system_config "$TMP/sys"
SYS=$CONFIG
run tenants list --all -o json
expect_rc 0 "tenants list --all -o json"
cp "$TMP/out" "$TMP/full.json"
check "the full list has the 30 seeded tenants, each with a data object" \
    py 'import json,sys
r=json.load(open(sys.argv[1])); assert len(r)==30, len(r)
assert len({x["uuid"] for x in r})==30
assert all(isinstance(x.get("data"),dict) and x["data"] for x in r)
assert [x["id"] for x in r]==sorted(x["id"] for x in r)' "$TMP/full.json"

run tenants list --limit 5
expect_rc 0 "tenants list --limit 5 (table)"
check "the table's columns are UUID ID CREATED UPDATED VERSION" \
    [ "$(head -n 1 "$TMP/out" | tr -s ' ')" = "UUID ID CREATED UPDATED VERSION" ]
check "the table has 5 rows" [ "$(tail -n +2 "$TMP/out" | grep -c .)" = 5 ]
FIRST=$(json_field "$TMP/full.json" 'j[0]["uuid"]')
check "the first row is the first tenant, with its version" \
    [ "$(sed -n 2p "$TMP/out" | awk '{print $1, $2, $5}')" = \
        "$(json_field "$TMP/full.json" '"%s %s %s" % (j[0]["uuid"], j[0]["id"], j[0]["version"])')" ]
expect_in_err "Next page: --cursor 2" "a full page hints 'Next page: --cursor 2' on stderr"
expect_not_in_out "Next page" "the hint is not on stdout"

run tenants list --limit 5 --cursor 2 -o json
expect_rc 0 "tenants list --cursor 2"
check "--cursor 2 gives tenants 6 to 10" \
    [ "$(uuids "$TMP/out")" = "$(json_field "$TMP/full.json" '"\n".join(x["uuid"] for x in j[5:10])')" ]
expect_in_err "Next page: --cursor 3" "page 2 hints --cursor 3"
run tenants list --limit 5 --cursor 6 -o json
expect_rc 0 "tenants list --cursor 6 (the last page)"
check "the last page holds tenants 26 to 30" \
    [ "$(uuids "$TMP/out")" = "$(json_field "$TMP/full.json" '"\n".join(x["uuid"] for x in j[25:30])')" ]
expect_not_in_err "Next page" "the last page (full) has no next-page hint"

run tenants list --limit 4 -o jsonl
expect_rc 0 "tenants list -o jsonl"
check "-o jsonl: 4 lines, each a tenant equal to the full list's, data included" \
    py 'import json,sys
full={x["uuid"]:x for x in json.load(open(sys.argv[2]))}
lines=open(sys.argv[1]).read().splitlines(); assert len(lines)==4, lines
for l in lines:
    x=json.loads(l); assert x==full[x["uuid"]], x' "$TMP/out" "$TMP/full.json"
run tenants list --limit 4 -o csv
expect_rc 0 "tenants list -o csv"
check "-o csv: uuid,id,createdAt,updatedAt,version,data; data is the JSON object" \
    py 'import csv,json,sys
full={x["uuid"]:x for x in json.load(open(sys.argv[2]))}
r=list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(r)==4, r
assert list(r[0].keys())==["uuid","id","createdAt","updatedAt","version","data"], r[0].keys()
for x in r:
    f=full[x["uuid"]]
    assert json.loads(x["data"])==f["data"] and x["version"]==str(f["version"]) and x["id"]==str(f["id"]), x' \
    "$TMP/out" "$TMP/full.json"

n0=$(event_lines)
run tenants list --all --limit 7 -o jsonl
expect_rc 0 "tenants list --all --limit 7"
check "--all --limit 7: the 30 tenants, each once, in order" \
    [ "$(uuids "$TMP/out")" = "$(uuids "$TMP/full.json")" ]
check "--all --limit 7: 5 list requests (7+7+7+7+2, no empty page)" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS)" = 5 ]
expect_not_in_err "Next page" "--all prints no next-page hint"

# ------------------------------------------------------------------ 10,000 tenants
sys_sandbox --system-tenants 10000
write_system_config "$TMP/big"
run tenants list --all --limit 1000 -o jsonl
expect_rc 0 "10,000 tenants: tenants list --all --limit 1000 -o jsonl"
check "10,000 tenants: 10000 lines" [ "$(wc -l <"$TMP/out" | tr -d ' ')" = 10000 ]
check "10,000 tenants: 10000 different uuids" [ "$(uuids "$TMP/out" | sort -u | wc -l | tr -d ' ')" = 10000 ]
check "10,000 tenants: exactly 10 list requests (hydra:next: no extra empty page)" \
    [ "$(count_events SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS)" = 10 ]
check "10,000 tenants: no list request failed" [ "$(count_events SYSTEM_TENANT_RETRIEVE_LIST_FAIL)" = 0 ]
stop_sandbox

# ------------------------------------------------------------------ page_params = "_page,_limit"
sys_sandbox --system-tenants 10000 --page-params _page,_limit
write_system_config "$TMP/renamed" "$URL" 'page_params = "_page,_limit";'
run tenants list --all --limit 1000 -o jsonl
expect_rc 0 "_page,_limit: tenants list --all --limit 1000 -o jsonl"
check "_page,_limit: 10000 lines" [ "$(wc -l <"$TMP/out" | tr -d ' ')" = 10000 ]
uuids "$TMP/out" >"$TMP/renamed-all.txt"
check "_page,_limit: 10000 different uuids" [ "$(sort -u "$TMP/renamed-all.txt" | wc -l | tr -d ' ')" = 10000 ]
check "_page,_limit: 100 list requests (the server caps a page at 100)" \
    [ "$(count_events SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS)" = 100 ]
run tenants list --limit 500 -o jsonl --cursor 2
expect_rc 0 "_page,_limit: --cursor 2 --limit 500"
check "_page,_limit: page 2 is tenants 101 to 200 (100 a page)" \
    [ "$(uuids "$TMP/out")" = "$(sed -n 101,200p "$TMP/renamed-all.txt")" ]
expect_in_err "Next page: --cursor 3" "_page,_limit: page 2 hints --cursor 3"

# A profile without page_params against this server: the list fails clearly (naming
# page_params) instead of repeating page 1 forever (the output is cut short in case it does).
write_system_config "$TMP/renamed-unset" "$URL"
n0=$(event_lines)
# shellcheck disable=SC2016  # expanded by that bash
_run_with /dev/null bash -c '"$1" -c "$2" tenants list --all --limit 100 -o jsonl | head -n 3000
exit "${PIPESTATUS[0]}"' bash "$TENANTRY_BIN" "$CONFIG"
check "page_params unset, server uses _page: list --all fails (exit $rc)" [ "$rc" -ge 1 -a "$rc" -le 6 ]
expect_in_err "page_params" "page_params unset: the message suggests page_params"
check "page_params unset: no tenant printed twice" [ -z "$(uuids "$TMP/out" | sort | uniq -d | head -n 1)" ]
check "page_params unset: it stopped after a few requests" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_RETRIEVE_LIST_START)" -le 3 ]
run tenants list --limit 5 --cursor 2
check "page_params unset: --cursor 2 fails instead of showing page 1 (exit $rc)" [ "$rc" -ge 1 -a "$rc" -le 6 ]
expect_in_err "page_params" "page_params unset: --cursor 2 suggests page_params"
stop_sandbox

# ================================================================== filters
CONFIG=$SYS
EVENTS=$MAIN_EVENTS
eval "$(py 'import json,sys
r=json.load(open(sys.argv[1]))
u=sorted(x["updatedAt"] for x in r)
print("C10=%s C20=%s U9=%s U22=%s ID4=%s ID7=%s ID12=%s UU3=%s UU8=%s UU9=%s UU17=%s UU20=%s CYEAR=%s UYEAR=%s" % (
 r[9]["createdAt"], r[19]["createdAt"], u[8], u[21], r[3]["id"], r[6]["id"], r[11]["id"],
 r[2]["uuid"], r[7]["uuid"], r[9]["uuid"], r[16]["uuid"], r[19]["uuid"],
 r[15]["createdAt"][:4], u[12][:4]))' "$TMP/full.json")"

filter_check "--id (one)" --id "$ID4"
check "--id N: one tenant" [ "$(uuids "$TMP/out" | wc -l | tr -d ' ')" = 1 ]
filter_check "--id (repeated)" --id "$ID4" --id "$ID7" --id "$ID12"
filter_check "--uuid (one)" --uuid "$UU3"
filter_check "--uuid (repeated)" --uuid "$UU3" --uuid "$UU8" --uuid "$UU17"
filter_check "--created-after and --created-before (exact times)" \
    --created-after "$C10" --created-before "$C20"
uuids "$TMP/out" >"$TMP/ids"
check "--created-after/before are inclusive: both bound tenants listed" \
    sh -c "grep -qx '$UU9' '$TMP/ids' && grep -qx '$UU20' '$TMP/ids'"
filter_check "--updated-after and --updated-before (exact times)" \
    --updated-after "$U9" --updated-before "$U22"
check "--updated-after/before: 14 tenants (both bounds inclusive)" \
    [ "$(uuids "$TMP/out" | wc -l | tr -d ' ')" -ge 14 ]
filter_check "--created-before DATE (a day)" --created-before "$CYEAR-01-01"
filter_check "--updated-after DATE (a day)" --updated-after "$UYEAR-01-01"
filter_check "--created-after with a +02:00 offset" --created-after "${C10%+00:00}+02:00"
filter_check "filters together" --created-after "$C10" --id "$ID4" --id "$ID12"

# the query the CLI sends (the events hold the path without the query: the log has it)
rm -f "$TMP/filters.log"
run --log "$TMP/filters.log" tenants list --limit 50 --id "$ID4" --uuid "$UU3" \
    --created-before "$C20" --created-after "$C10" --updated-before "$U22" --updated-after "$U9"
expect_rc 0 "tenants list with every filter and --log"
for q in "page=1" "limit=50" "id=$ID4" "uuid=$UU3" "createdAt%5Bbefore%5D=" "createdAt%5Bafter%5D=" \
    "updatedAt%5Bbefore%5D=" "updatedAt%5Bafter%5D="; do
    check "the request's query has $q" grep -qE "GET [^ ]*/system/tenants\?([^ ]*&)?$q" "$TMP/filters.log"
done
rm -f "$TMP/filters.log"
run --log "$TMP/filters.log" tenants list --id "$ID4" --id "$ID7" --uuid "$UU3" --uuid "$UU8"
expect_rc 0 "tenants list with repeated filters and --log"
for q in "id%5B%5D=$ID4" "id%5B%5D=$ID7" "uuid%5B%5D=$UU3" "uuid%5B%5D=$UU8"; do
    check "the request's query has $q" grep -qE "GET [^ ]*/system/tenants\?([^ ]*&)?$q" "$TMP/filters.log"
done

n0=$(event_lines)
for bad in "--created-after 2024-13-01" "--created-before yesterday" "--updated-after 2024-01-01T25:00:00Z" \
    "--updated-before 01/02/2024" "--id x" "--id 1.5"; do
    # shellcheck disable=SC2086  # an option and its value
    run tenants list $bad
    expect_rc 2 "tenants list $bad is refused"
    expect_in_err "'${bad#* }'" "the refusal quotes the value of $bad"
done
no_new_events "$n0" "the refused filters sent nothing"

# ================================================================== get
run tenants get "$FIRST"
expect_rc 0 "tenants get UUID (table)"
expect_in_out "UUID:    $FIRST" "tenants get shows the UUID"
expect_in_out "VERSION: $(json_field "$TMP/full.json" 'j[0]["version"]')" "tenants get shows the version"
check "tenants get shows the data" \
    grep -qF "DATA:    $(json_field "$TMP/full.json" 'json.dumps(j[0]["data"],separators=(",",":"))')" "$TMP/out"
run tenants get "$FIRST" -o json
expect_rc 0 "tenants get UUID -o json"
check "tenants get -o json is the tenant, data included" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))[0]; assert a==b, (a,b)' \
    "$TMP/out" "$TMP/full.json"
n0=$(event_lines)
run tenants get "$NOBODY"
expect_rc 4 "tenants get of an unknown UUID"
expect_in_err "$NOBODY" "the not-found message names the UUID"
check "the sandbox answered 404" grep -q '^SYSTEM_TENANT_RETRIEVE_FAIL .* status=404' <(events_after "$n0")

# ================================================================== create
printf '%s\n' '{"name": "Acme \u00fcml", "plan": "gold", "limits": {"users": 5}, "tags": ["a", "b"]}' \
    >"$TMP/acme.json"
n0=$(event_lines)
run tenants create --data "$TMP/acme.json"
expect_rc 0 "tenants create --data FILE (table)"
expect_in_out "UUID:" "tenants create prints the new tenant"
expect_in_out '"plan":"gold"' "tenants create prints its data"
expect_in_out "VERSION: 1" "a new tenant is at version 1"
check "one CREATE_SUCCESS status=200 version=1" \
    [ "$(events_after "$n0" | grep -c '^SYSTEM_TENANT_CREATE_SUCCESS .* status=200 id=.* version=1$')" = 1 ]

run tenants create --data "$TMP/acme.json" -o json
expect_rc 0 "tenants create -o json"
check "the created tenant holds the data sent" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); assert a["data"]==json.load(open(sys.argv[2])) and a["version"]==1, a' \
    "$TMP/out" "$TMP/acme.json"
C=$(json_field "$TMP/out" 'j["uuid"]')
check "the create event names the new uuid" grep -q "^SYSTEM_TENANT_CREATE_SUCCESS .* id=$C " "$EVENTS"

run_input '{"from": "stdin"}' tenants create --data - -o json
expect_rc 0 "tenants create --data - (stdin)"
check "the data came from stdin" [ "$(json_field "$TMP/out" 'j["data"]')" = "{'from': 'stdin'}" ]

NEW=0b1e7d2c-3f4a-4b5c-8d6e-7f8091a2b3c4
run tenants create --data "$TMP/acme.json" --uuid "$NEW" --version 3 -o json
expect_rc 0 "tenants create --uuid U --version 3"
check "the created uuid is the one given" [ "$(json_field "$TMP/out" 'j["uuid"]')" = "$NEW" ]
check "the created version is the one given" [ "$(json_field "$TMP/out" 'j["version"]')" = 3 ]
run tenants get "$NEW" -o json
expect_rc 0 "the tenant of the given uuid can be read"
n0=$(event_lines)
run tenants create --data "$TMP/acme.json" --uuid "$NEW"
expect_rc 5 "tenants create with a taken uuid"
expect_in_err "This value is already used." "the server's violation message is shown"
expect_in_err "uuid" "the message names the uuid field"
check "one CREATE_FAIL status=400" [ "$(count_events_after "$n0" SYSTEM_TENANT_CREATE_FAIL)" = 1 ]

printf '[1, 2]\n' >"$TMP/array.json"
printf '{"name": "unfinished"\n' >"$TMP/invalid.json"
printf '' >"$TMP/empty.json"
n0=$(event_lines)
run tenants create --data "$TMP/invalid.json"
expect_rc 2 "create: --data with invalid JSON"
expect_in_err "valid JSON" "the message says it is not valid JSON"
run tenants create --data "$TMP/array.json"
expect_rc 2 "create: --data with a JSON array"
expect_in_err "JSON object" "the message asks for a JSON object"
run tenants create --data "$TMP/empty.json"
expect_rc 2 "create: --data with an empty file"
run_input '[]' tenants create --data -
expect_rc 2 "create: --data - with an array on stdin"
run tenants create
expect_rc 2 "create without --data"
expect_in_err "--data" "the message names --data"
run tenants create --data "$TMP/no-such-file.json"
expect_rc 2 "create: --data naming a missing file"
expect_in_err "no-such-file.json" "the message names the file"
run tenants create --data "$TMP/acme.json" --uuid "$NEW" --bogus
expect_rc 2 "create with an unknown option"
no_new_events "$n0" "the refused creates sent nothing"

# ================================================================== update
printf '{"plan": "platinum"}\n' >"$TMP/platinum.json"
n0=$(event_lines)
run tenants update "$C" --data "$TMP/platinum.json" --version 1 -o json
expect_rc 0 "tenants update --version 1"
check "the update answers version 2 with the new data" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); assert a["version"]==2 and a["data"]=={"plan":"platinum"}, a' "$TMP/out"
check "one UPDATE_SUCCESS with version=2" \
    [ "$(events_after "$n0" | grep -c "^SYSTEM_TENANT_UPDATE_SUCCESS .* id=$C version=2$")" = 1 ]
run tenants update "$C" --data "$TMP/acme.json" --version 2
expect_rc 0 "tenants update --version 2 (table)"
expect_in_out "VERSION: 3" "the table shows version 3"

n0=$(event_lines)
run tenants update "$C" --data "$TMP/platinum.json" --version 2
expect_rc 5 "a stale version (409)"
expect_in_err "based on version 2, the server has version 3" "the message says both versions"
check "the sandbox refused it with 409" \
    grep -q '^SYSTEM_TENANT_UPDATE_FAIL .* status=409' <(events_after "$n0")
version_of "$C"
check "the stale update changed nothing (still version 3)" [ "$VERSION" = 3 ]

n0=$(event_lines)
run tenants update "$C" --data "$TMP/platinum.json"
expect_rc 2 "update without --version"
expect_in_err "--version" "the message names --version"
run tenants update "$C" --version 3
expect_rc 2 "update with only --version"
expect_in_err "nothing to change" "the message says there is nothing to change"
run tenants update --data "$TMP/platinum.json" --version 3
expect_rc 2 "update without a UUID"
run tenants update "$C" --data "$TMP/platinum.json" --version x
expect_rc 2 "update with --version x"
run tenants update "$C" --data "$TMP/array.json" --version 3
expect_rc 2 "update with a JSON array"
no_new_events "$n0" "the refused updates sent nothing"

# ------------------------------------------------------------------ conflicts as 500, 201
sys_sandbox --system-tenants 5 --conflict-status 500 --post-status 201
write_system_config "$TMP/old"
run tenants create --data "$TMP/acme.json" -o json
expect_rc 0 "create answered 201"
check "the 201 create printed the tenant" [ "$(json_field "$TMP/out" 'j["data"]["plan"]')" = gold ]
check "the sandbox answered 201" grep -q '^SYSTEM_TENANT_CREATE_SUCCESS .* status=201' "$EVENTS"
O=$(json_field "$TMP/out" 'j["uuid"]')
run tenants create --data "$TMP/acme.json"
expect_rc 0 "create answered 201 (table)"
expect_in_out "UUID:" "the 201 create printed the tenant (table)"
run tenants update "$O" --data "$TMP/platinum.json" --version 1
expect_rc 0 "update against the conflict-500 sandbox"
n0=$(event_lines)
run tenants update "$O" --data "$TMP/acme.json" --version 1
expect_rc 5 "a stale version answered 500 is a conflict"
expect_in_err "based on version 1, the server has version 2" "the 500 conflict says both versions"
check "the CLI read the tenant again after the 500" \
    [ "$(events_after "$n0" | cut -d' ' -f1 | tr '\n' ' ')" = \
        "SYSTEM_TENANT_UPDATE_START SYSTEM_TENANT_UPDATE_FAIL SYSTEM_TENANT_RETRIEVE_START SYSTEM_TENANT_RETRIEVE_SUCCESS " ]
check "the update was answered 500" grep -q '^SYSTEM_TENANT_UPDATE_FAIL .* status=500' <(events_after "$n0")
n0=$(event_lines)
edit_with bump "$O"
expect_rc 5 "edit: a conflict answered 500"
expect_in_err "based on version 2, the server has version 3" "the edit's 500 conflict says both versions"
kept_file "edit, conflict answered 500"
check "edit, conflict answered 500: PUT 500, then a re-read" \
    grep -A1 '^SYSTEM_TENANT_UPDATE_FAIL .* status=500' <(events_after "$n0") |
    grep -q '^SYSTEM_TENANT_RETRIEVE_START'
stop_sandbox

# ------------------------------------------------------------------ faults
sys_sandbox --fail-rate 1 --fail-status 503
write_system_config "$TMP/f503"
run tenants create --data "$TMP/acme.json"
expect_rc 6 "create answered 503"
check "the create was sent exactly once" [ "$(count_events SYSTEM_TENANT_CREATE_START)" = 1 ]
n0=$(event_lines)
run tenants update "$FIRST" --data "$TMP/acme.json" --version 2
expect_rc 6 "update answered 503"
check "the update was sent exactly once, and nothing else" \
    [ "$(events_after "$n0" | grep -c _START)" = 1 ]
stop_sandbox

# a 500 that is no conflict: the update failed (injected) and the version did not move
sys_sandbox --fail-rate 1 --fail-status 500
write_system_config "$TMP/f500"
run tenants update "$FIRST" --data "$TMP/acme.json" --version 2
expect_rc 6 "update answered 500, the re-read fails too: not a conflict"
expect_not_in_err "changed since" "no conflict is claimed"
check "PUT once (500), then one re-read (a GET: tried 5 times on 500)" \
    [ "$(cut -d' ' -f1 "$EVENTS" | tr '\n' ' ')" = \
        "SYSTEM_TENANT_UPDATE_START SYSTEM_TENANT_UPDATE_FAIL$(printf ' SYSTEM_TENANT_RETRIEVE_START SYSTEM_TENANT_RETRIEVE_FAIL%.0s' 1 2 3 4 5) " ]
stop_sandbox

# half the requests fail with 500, and stale versions are 500 too: find (seeded, so always the
# same run) a fresh update whose PUT failed while the re-read worked: exit 6, no conflict
sys_sandbox --system-tenants 3 --conflict-status 500 --fail-rate 0.5 --fail-status 500 --seed 7
write_system_config "$TMP/flaky"
VERSION=""
for _ in $(seq 20); do
    run tenants list --limit 1 -o json
    if [ "$rc" = 0 ]; then
        F=$(json_field "$TMP/out" 'j[0]["uuid"]')
        VERSION=$(json_field "$TMP/out" 'j[0]["version"]')
        break
    fi
done
[ -n "$VERSION" ] || fail "no tenants list got through in 20 tries"
found=""
for _ in $(seq 40); do
    n0=$(event_lines)
    run tenants update "$F" --data "$TMP/acme.json" --version "$VERSION"
    seen=$(events_after "$n0" | sed 's/ time=[^ ]*//; s/ req=[0-9]*//' | cut -d' ' -f1 | tr '\n' ' ')
    case $seen in
    "SYSTEM_TENANT_UPDATE_START SYSTEM_TENANT_UPDATE_SUCCESS ")
        [ "$rc" = 0 ] || fail "an update that succeeded exited $rc"
        VERSION=$((VERSION + 1))
        ;;
    "SYSTEM_TENANT_UPDATE_START SYSTEM_TENANT_UPDATE_FAIL SYSTEM_TENANT_RETRIEVE_START SYSTEM_TENANT_RETRIEVE_SUCCESS ")
        found=yes
        break
        ;;
    "SYSTEM_TENANT_UPDATE_START SYSTEM_TENANT_UPDATE_FAIL SYSTEM_TENANT_RETRIEVE_START SYSTEM_TENANT_RETRIEVE_FAIL ")
        [ "$rc" = 6 ] || fail "an update whose PUT and re-read failed exited $rc"
        ;;
    *) fail "unexpected events of an update: $seen" ;;
    esac
done
[ -n "$found" ] || fail "no update failed with its re-read working in 40 tries"
expect_rc 6 "update answered 500 while its version is current: not a conflict"
expect_not_in_err "changed since" "the non-conflict 500 claims no conflict"
expect_in_err "500" "the non-conflict 500 is reported"
stop_sandbox

# ================================================================== edit
CONFIG=$SYS
EVENTS=$MAIN_EVENTS

E=$(json_field "$TMP/full.json" 'j[1]["uuid"]')
version_of "$E"
n0=$(event_lines)
edit_with add "$E"
expect_rc 0 "edit: the editor changes the data"
expect_in_out "\"edited\":\"by-the-test-v$VERSION\"" "edit prints the tenant with the new data"
expect_in_out "VERSION: $((VERSION + 1))" "edit prints the new version"
check "edit: one GET, then one UPDATE_SUCCESS with version=$((VERSION + 1))" \
    [ "$(events_after "$n0" | grep -c "^SYSTEM_TENANT_UPDATE_SUCCESS .* id=$E version=$((VERSION + 1))$")" = 1 \
    -a "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 1 \
    -a "$(count_events_after "$n0" SYSTEM_TENANT_RETRIEVE_SUCCESS)" = 1 ]
check "edit: the temporary file is gone" [ "$(edits_left)" = 0 ]
run tenants get "$E" -o json
check "edit: the server has the edited data, the rest kept" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); f=json.load(open(sys.argv[2]))[1]
d=dict(f["data"]); d["edited"]="by-the-test-v"+sys.argv[3]; assert a["data"]==d, a' \
    "$TMP/out" "$TMP/full.json" "$VERSION"

version_of "$E"
n0=$(event_lines)
edit_with none "$E"
expect_rc 0 "edit: the editor changes nothing"
expect_in_err "Nothing changed; nothing was sent." "edit says nothing was sent"
check "edit unchanged: no update" [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 0 ]
check "edit unchanged: the temporary file is gone" [ "$(edits_left)" = 0 ]

n0=$(event_lines)
edit_with fail "$E"
check "edit: an editor exiting 1 fails the command" [ "$rc" != 0 ]
expect_in_err "exited with status 1" "the message says the editor exited 1"
check "edit, editor failed: no update" [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 0 ]
kept_file "edit, editor failed"

n0=$(event_lines)
edit_with invalid "$E"
expect_rc 2 "edit: the editor leaves invalid JSON"
expect_in_err "not valid JSON" "the message says the file is not valid JSON"
check "edit, invalid JSON: no update" [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 0 ]
kept_file "edit, invalid JSON"
check "the kept file holds what the editor wrote" grep -q unfinished "$KEPT"

version_of "$E"
V0=$VERSION
n0=$(event_lines)
edit_with bump "$E"
expect_rc 5 "edit: someone else changed the tenant meanwhile"
expect_in_err "based on version $V0, the server has version $((V0 + 1))" "the conflict says both versions"
kept_file "edit, conflict"
check "the kept file holds the edit" \
    py 'import json,sys; j=json.load(open(sys.argv[1])); assert j["data"]["edited"]=="by-the-test-v"+sys.argv[2], j' \
    "$KEPT" "$V0"
check "edit, conflict: the other update went through, ours got 409" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_SUCCESS)" = 1 \
    -a "$(events_after "$n0" | grep -c '^SYSTEM_TENANT_UPDATE_FAIL .* status=409')" = 1 ]
run tenants get "$E" -o json
check "edit, conflict: the server keeps the other change" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); assert a["data"]=={"bumped":True} and a["version"]==int(sys.argv[2]), a' \
    "$TMP/out" "$((V0 + 1))"

version_of "$E"
n0=$(event_lines)
edit_with version "$E"
expect_rc 0 "edit: the editor changes the version too"
expect_in_err 'only "data" is sent' "edit notes that only data is sent"
check "the note names the version" grep -q 'only "data" is sent.*version' "$TMP/err"
check "the update used the version read (now $((VERSION + 1)), not 999)" \
    [ "$(events_after "$n0" | grep -c "^SYSTEM_TENANT_UPDATE_SUCCESS .* version=$((VERSION + 1))$")" = 1 ]
check "edit, version changed: the temporary file is gone" [ "$(edits_left)" = 0 ]

version_of "$E"
n0=$(event_lines)
rm -rf "$EDITS" && mkdir -p "$EDITS"
run_cmd env TMPDIR="$EDITS" VISUAL="'$PYTHON' '$TMP/ed.py' add" EDITOR=false \
    "$TENANTRY_BIN" -c "$CONFIG" tenants edit "$E"
expect_rc 0 "edit: VISUAL comes before EDITOR"
check "edit with VISUAL: one update" [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_SUCCESS)" = 1 ]

n0=$(event_lines)
edit_with add "$NOBODY"
expect_rc 4 "edit of an unknown UUID"
check "edit of an unknown UUID: no file made" [ "$(edits_left)" = 0 ]

# ================================================================== delete
n0=$(event_lines)
run tenants delete "$C"
expect_rc 2 "delete without --yes and no terminal"
expect_in_err "--yes" "the refusal mentions --yes"
no_new_events "$n0" "the unconfirmed delete sent nothing"
run tenants delete "$C" --yes
expect_rc 0 "delete --yes"
expect_in_out "Deleted tenant $C." "delete says what it deleted"
check "the sandbox answered 204" grep -q "^SYSTEM_TENANT_DELETE_SUCCESS .*/system/tenants/$C status=204" "$EVENTS"
run tenants get "$C"
expect_rc 4 "the deleted tenant is gone"
run tenants delete "$C" --yes
expect_rc 4 "deleting it again: not found"

# ================================================================== read-only
n0=$(event_lines)
for cmd in "create --data $TMP/acme.json" "update $E --data $TMP/acme.json --version 1" \
    "delete $E --yes" "edit $E"; do
    # shellcheck disable=SC2086  # a verb and its arguments
    run --readonly tenants $cmd
    expect_rc 2 "--readonly tenants ${cmd%% *}"
    expect_in_err "refused" "--readonly tenants ${cmd%% *} says it is refused"
done
no_new_events "$n0" "--readonly sent nothing"
write_system_config "$TMP/ro" "$MAIN_URL" "readonly = true;"
n0=$(event_lines)
for cmd in "create --data $TMP/acme.json" "update $E --data $TMP/acme.json --version 1" \
    "delete $E --yes" "edit $E"; do
    # shellcheck disable=SC2086
    run_cmd env EDITOR=true "$TENANTRY_BIN" -c "$CONFIG" tenants $cmd
    expect_rc 2 "readonly profile: tenants ${cmd%% *}"
done
no_new_events "$n0" "the readonly profile sent nothing"
run tenants list --limit 2
expect_rc 0 "a readonly profile still lists"
run tenants get "$E"
expect_rc 0 "a readonly profile still gets"

# ================================================================== --demo=system
run_cmd env TENANTRY_SANDBOX="$TENANTRY_SANDBOX_BIN" "$TENANTRY_BIN" --demo=system tenants list \
    --all -o jsonl
expect_rc 0 "--demo=system tenants list --all"
check "--demo=system: 250 tenants, each once" \
    [ "$(uuids "$TMP/out" | sort -u | wc -l | tr -d ' ')" = 250 -a "$(wc -l <"$TMP/out" | tr -d ' ')" = 250 ]
run_cmd env TENANTRY_SANDBOX="$TENANTRY_SANDBOX_BIN" "$TENANTRY_BIN" --demo=bogus tenants list
expect_rc 2 "--demo=bogus"
expect_in_err "bogus" "--demo=bogus names the value"
expect_in_err "system" "--demo=bogus says what is accepted"
expect_empty_out "--demo=bogus prints nothing on stdout"

# ================================================================== help
CONFIG=$SYS
run tenants update --help
expect_rc 0 "tenants update --help (system profile)"
expect_in_out "--data" "tenants update --help lists --data"
expect_in_out "--version" "tenants update --help lists --version"
run tenants list --help
expect_rc 0 "tenants list --help (system profile)"
for o in --id --uuid --created-before --created-after --updated-before --updated-after; do
    expect_in_out "$o" "tenants list --help lists $o"
done
run tenants --help
expect_rc 0 "tenants --help (system profile)"
expect_in_out "edit" "tenants --help lists edit"
write_config "$TMP/mattr" "http://127.0.0.1:9"
n0=$(event_lines)
run tenants update "$E" --data "$TMP/acme.json" --version 1
expect_rc 2 "tenants update with a MATTR profile"
expect_in_err "no verb 'update'" "the MATTR profile has no tenants update"
run tenants edit "$E"
expect_rc 2 "tenants edit with a MATTR profile"
run tenants update --help
expect_rc 2 "tenants update --help with a MATTR profile"
expect_in_err "no verb 'update'" "tenants update --help with a MATTR profile: no such verb"
expect_not_in_out "--version" "tenants update --help with a MATTR profile shows no system options"

# ================================================================== write-only data
sys_sandbox --system-tenants 5 --write-only-data
write_system_config "$TMP/wo"
run tenants list -o json
expect_rc 0 "write-only data: tenants list -o json"
check "write-only data: 5 tenants, none with data" \
    py 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r)==5 and all("data" not in x for x in r), r' "$TMP/out"
run tenants list
expect_rc 0 "write-only data: tenants list (table)"
run tenants list -o csv
expect_rc 0 "write-only data: tenants list -o csv"
run tenants get "$FIRST"
expect_rc 0 "write-only data: tenants get (table)"
expect_in_out "$FIRST" "write-only data: get shows the tenant"
run tenants get "$FIRST" -o json
expect_rc 0 "write-only data: tenants get -o json"
check "write-only data: no data in the object" \
    py 'import json,sys; a=json.load(open(sys.argv[1])); assert "data" not in a and a["uuid"]==sys.argv[2], a' \
    "$TMP/out" "$FIRST"
run tenants create --data "$TMP/acme.json" -o json
expect_rc 0 "write-only data: create"
version_of "$FIRST"
n0=$(event_lines)
edit_with add "$FIRST" --replace-data # (without it refused: tests/cli/edit-data.sh)
expect_rc 0 "write-only data: edit --replace-data that sets data"
check "write-only data: the edit was sent once" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_SUCCESS)" = 1 ]

# ================================================================== last checks
# These caught bugs when this test was written: they go on after a failure, so that each shows.
TENANTRY_TEST_KEEP_GOING=1 # read by fail (lib.sh)

# With data write-only, an editor that changes nothing must send nothing (the server's data,
# which the file could not show, would be replaced by {}).
version_of "$FIRST"
n0=$(event_lines)
edit_with none "$FIRST" --replace-data
expect_rc 0 "write-only data: edit with no change"
expect_in_err "Nothing changed; nothing was sent." "write-only data: an unchanged edit says nothing was sent"
check "write-only data: an unchanged edit sends no update (it would wipe the data)" \
    [ "$(count_events_after "$n0" SYSTEM_TENANT_UPDATE_START)" = 0 ]

# A date that is not one (February 30th) is refused before anything is sent.
CONFIG=$SYS
EVENTS=$MAIN_EVENTS
n0=$(event_lines)
run tenants list --created-after 2024-02-30
expect_rc 2 "tenants list --created-after 2024-02-30 is refused"
no_new_events "$n0" "--created-after 2024-02-30 sends nothing"

# An empty UUID is refused before anything is sent (it would name the collection).
n0=$(event_lines)
run tenants get ""
expect_rc 2 "tenants get '' is refused"
expect_in_err "UUID is empty" "tenants get '': the message says the UUID is empty"
run tenants delete "" --yes
expect_rc 2 "tenants delete '' is refused"
no_new_events "$n0" "an empty UUID sends nothing"

# An empty --uuid is refused before anything is sent.
n0=$(event_lines)
run tenants create --data "$TMP/acme.json" --uuid ""
expect_rc 2 "tenants create --uuid '' is refused"
no_new_events "$n0" "an empty --uuid sends nothing"

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
