#!/bin/bash
# tables.sh: tables that read well on a terminal and lose nothing in a pipe.
# - profile list measures every row (a longer second profile shifts no column) and its -o json
#   has true/false for default, readonly and production.
# - A table fits the terminal (COLUMNS=60 on a pseudo-terminal); in a pipe nothing is cut, even
#   with COLUMNS set; -o wide cuts nothing on a terminal either.
# - --columns a,b,c (field paths, a key of an object field as FIELD.KEY) for tables and csv;
#   an unknown one is a usage error naming the columns there are; --no-headers. get takes
#   --columns too (those fields in that order; refused before anything is asked).
# - tenants delete on a terminal names the tenant (name, subdomain, ID) and says PRODUCTION on
#   such a profile before [y/N]; "n" deletes nothing; the locale's yes (rpmatch: "j" in
#   German) confirms.
. "$(dirname "$0")/lib.sh"

# fits FILE WIDTH: every line of FILE takes at most WIDTH cells (ASCII and … here).
fits() { py 'import sys; w=int(sys.argv[2]); sys.exit(any(len(l.rstrip("\n")) > w for l in open(sys.argv[1], encoding="utf-8")))' "$1" "$2"; }

start_sandbox --tenants 30 --clients 2 --seed 3 --system-tenants 5 --system-user ops \
    --system-password pw
write_config
run tenants list --all -o json
cp "$TMP/out" "$TMP/all.json"
T0=$(json_field "$TMP/all.json" 'j[0]["id"]')
N0=$(json_field "$TMP/all.json" 'j[0]["name"]')
S0=$(json_field "$TMP/all.json" 'j[0]["subdomain"]')

# ------------------------------------------------------------------ profile list
write_config_text "$TMP/profiles" "default_profile = \"a\";
profiles = (
  { name = \"a\"; url = \"$URL\"; auth_url = \"$URL/oauth/token\"; audience = \"x\";
    client_id = \"c\"; client_secret_env = \"X\"; production = true; },
  { name = \"a-much-longer-profile-name\"; url = \"$URL/with/a/much/longer/path\";
    auth_url = \"$URL/oauth/token\"; audience = \"x\"; client_id = \"c\";
    client_secret_env = \"X\"; readonly = true; }
);"
run profile list
expect_rc 0 "profile list"
py '
import sys
lines = open(sys.argv[1]).read().splitlines()
head = lines[0]
for col in ("API", "URL", "FLAGS"):
    at = head.index(col)
    for l in lines[1:]:
        assert l[at - 1] == " " and l[at] != " ", "%s is not at %d in %r" % (col, at, l)
assert "a-much-longer-profile-name" in lines[2] and "/with/a/much/longer/path" in lines[2]
assert "…" not in open(sys.argv[1]).read() and "~" not in open(sys.argv[1]).read()
' "$TMP/out" && ok "profile list: every column starts where its header does, nothing cut" ||
    { cat "$TMP/out"; fail "profile list: columns misaligned (measured on the first row?)"; }
run profile list -o json
py '
import json, sys
j = {p["name"]: p for p in json.load(open(sys.argv[1]))}
a, b = j["a"], j["a-much-longer-profile-name"]
assert a["default"] is True and b["default"] is False, (a["default"], b["default"])
assert a["production"] is True and b["production"] is False
assert a["readonly"] is False and b["readonly"] is True
' "$TMP/out" && ok "profile list -o json: default, readonly and production are true/false" ||
    { cat "$TMP/out"; fail "profile list -o json: not booleans"; }
CONFIG=$TMP/config

# ------------------------------------------------------------------ widths
run_tty env COLUMNS=60 "$TENANTRY_BIN" -c "$CONFIG" tenants list --all --limit 10
expect_rc 0 "tenants list on a terminal of 60 columns"
fits "$TMP/out" 60 && ok "on a terminal the table fits 60 columns" ||
    { cat "$TMP/out"; fail "the table does not fit the terminal's 60 columns"; }
run_cmd env COLUMNS=60 "$TENANTRY_BIN" -c "$CONFIG" tenants list --all --limit 10
expect_rc 0 "tenants list into a pipe with COLUMNS=60"
expect_not_in_out "…" "into a pipe nothing is cut, COLUMNS or not"
expect_in_out "$S0" "into a pipe the subdomain is whole"
run_tty env COLUMNS=60 "$TENANTRY_BIN" -c "$CONFIG" tenants list -o wide
expect_rc 0 "-o wide on a terminal of 60 columns"
expect_not_in_out "…" "-o wide: nothing cut on a terminal"
expect_in_out "$S0" "-o wide: the subdomain whole"
expect_in_out "$T0" "-o wide: the ID whole"

# ------------------------------------------------------------------ --columns, --no-headers
run tenants list --columns name,subdomain,environment.name --limit 5
expect_rc 0 "--columns name,subdomain,environment.name"
check "--columns: the header names the three columns" \
    bash -c "head -1 '$TMP/out' | grep -qE '^NAME +SUBDOMAIN +ENVIRONMENT\$'"
expect_not_in_out "$T0" "--columns: no ID column"
expect_in_out "$N0" "--columns: the first tenant's name"
run tenants list --columns id,name -o csv --limit 3
expect_rc 0 "--columns id,name -o csv"
check "csv --columns: the header is id,name" [ "$(head -1 "$TMP/out")" = "id,name" ]
check "csv --columns: the first row is the first tenant's id and name" \
    [ "$(sed -n 2p "$TMP/out")" = "$T0,$N0" ]
run tenants list --columns name --no-headers --limit 3
expect_rc 0 "--no-headers"
check "--no-headers: the first line is the first tenant" [ "$(head -1 "$TMP/out")" = "$N0" ]
run tenants list --columns id --no-headers -o csv --limit 2
check "csv --no-headers: two IDs, no header" [ "$(wc -l <"$TMP/out")" = 2 ] && [ "$(head -1 "$TMP/out")" = "$T0" ]
run tenants list --columns name,nosuch
expect_rc 2 "--columns with an unknown column: usage error"
expect_in_err "'nosuch'" "the message names the unknown column"
expect_in_err "environment.name" "the message lists the columns there are"
expect_empty_out "an unknown column prints nothing"
# get takes --columns too: those fields, in that order; --no-headers drops their names; an
# unknown one is refused before anything is asked
run tenants get "$T0" --columns subdomain,name
expect_rc 0 "get --columns subdomain,name"
check "get --columns: two lines, SUBDOMAIN then NAME" \
    [ "$(cat "$TMP/out")" = "$(printf 'SUBDOMAIN: %s\nNAME:      %s' "$S0" "$N0")" ]
run tenants get "$T0" --columns name --no-headers
check "get --columns name --no-headers: the name alone" [ "$(cat "$TMP/out")" = "$N0" ]
run tenants get "$T0" --columns id,name -o csv
check "get --columns id,name -o csv: header and row" \
    [ "$(cat "$TMP/out")" = "$(printf 'id,name\n%s,%s' "$T0" "$N0")" ]
before=$(count_events TENANT_RETRIEVE_START)
run tenants get "$T0" --columns name,nosuch
expect_rc 2 "get --columns with an unknown column: usage error"
expect_in_err "'nosuch'" "get: the message names the unknown column"
check "get with an unknown column: nothing was asked" [ "$(count_events TENANT_RETRIEVE_START)" = "$before" ]
# a system tenant's data: data.plan
write_config_text "$TMP/sys.conf" "default_profile = \"sys\";
profiles = ( { name = \"sys\"; api = \"system\"; url = \"$URL\"; user = \"ops\"; password_env = \"SYS_PW\"; } );"
CONFIG=$TMP/sys.conf
export SYS_PW=pw
run tenants list -o json
PLAN0=$(json_field "$TMP/out" 'j[0]["data"]["plan"]')
ID0=$(json_field "$TMP/out" 'j[0]["id"]')
run tenants list --columns id,data.plan
expect_rc 0 "--columns id,data.plan (a key of the data)"
check "data.plan: the header is ID PLAN" bash -c "head -1 '$TMP/out' | grep -qE '^ID +PLAN\$'"
check "data.plan: the first row's plan" bash -c "sed -n 2p '$TMP/out' | grep -qE '^$ID0 +$PLAN0\$'"
run tenants list --columns id,data.plan -o csv
check "csv data.plan: the header is id,data.plan" [ "$(head -1 "$TMP/out")" = "id,data.plan" ]
CONFIG=$TMP/config

# ------------------------------------------------------------------ delete names the tenant
PROFILE_EXTRA='production = true;' write_config "$TMP/prod.conf"
printf 'n\n' >"$TMP/no"
TTY_INPUT=$TMP/no run_tty "$TENANTRY_BIN" -c "$TMP/prod.conf" tenants delete "$T0"
check "n: not confirmed (exit 2)" [ "$rc" = 2 ]
expect_in_out "Really delete on the PRODUCTION profile \"local\" tenant \"$N0\" ($S0, $T0)? [y/N]" \
    "delete on a terminal names the tenant and says PRODUCTION"
expect_in_err "not confirmed: nothing was changed" "n: nothing was changed"
check "n: no delete reached the sandbox" [ "$(count_events TENANT_DELETE_START)" = 0 ]
mkdir -p "$TMP/loc"
if command -v localedef >/dev/null 2>&1 &&
    localedef -i de_DE -f UTF-8 "$TMP/loc/de_DE.UTF-8" >/dev/null 2>&1; then
    printf 'j\n' >"$TMP/ja"
    TTY_INPUT=$TMP/ja run_tty env LOCPATH="$TMP/loc" LC_ALL=de_DE.UTF-8 \
        "$TENANTRY_BIN" -c "$CONFIG" tenants delete "$T0"
    check "German locale: 'j' confirms (exit 0)" [ "$rc" = 0 ]
    check "German locale: one delete reached the sandbox" [ "$(count_events TENANT_DELETE_SUCCESS)" = 1 ]
else
    ok "# SKIP no de_DE locale can be made here (localedef): the locale's yes is not checked"
fi
