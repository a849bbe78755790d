# common.sh: what the scenarios of tests/ui/edit/ share (creating, editing and deleting from the
# console, headless: scripted keys, screen dumps, against real sandboxes whose events file says
# what reached the API). Sourced by each scenario after tests/ui/lib.sh.

UUID_RE='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
# What the screens draw without a UTF-8 locale (run_script then runs with LC_ALL=C): the
# breadcrumb's separator and the marks around a choice.
if [ -n "$UTF8_LOCALE" ]; then SEP='›' CHOICE='◂'; else SEP='>' CHOICE='<'; fi

# changes: how many create, update or delete requests reached the sandbox (POST, PUT and
# DELETE under /v1/ in EVENTS; the token's POST is not one).
changes() {
    grep -cE '^[A-Z_]+_START .* method=(POST|PUT|DELETE) path=/v1/' "$EVENTS"
}

# secret_in FILE: the value on the Secret line of the secret panel in a dump (empty if none).
secret_in() {
    dump_text "$1" | sed -n 's/.* Secret  *\([A-Za-z0-9_.~-]\{16,\}\) .*/\1/p' | head -n 1
}
# client_id_in FILE: the value on the Client ID line of the secret panel.
client_id_in() {
    dump_text "$1" | sed -n 's/.* Client ID  *\([A-Za-z0-9_.~-]\{8,\}\) .*/\1/p' | head -n 1
}

# below FILE TEXT: the screen line under the first one holding TEXT.
below() {
    dump_text "$1" | grep -A 1 -F -m 1 -e "$2" | sed -n 2p
}

# expect_below FILE TEXT WANT WHAT: the line under the one holding TEXT holds WANT (an error
# line under its field).
expect_below() {
    local got
    got=$(below "$1" "$2")
    case $got in
    *"$3"*) ok "$4" ;;
    *) _show "$1"; fail "$4: the line under '$2' is '$got', without '$3'" ;;
    esac
}

# status_id FILE: the ID in the status line (y says "... copy by hand: ID" headless).
status_id() {
    screen_line "$1" -1 | grep -oE "$UUID_RE" | head -n 1
}

# expect_selected FILE ID WHAT: the dump was taken after y: the selected row is ID.
expect_selected() {
    local got
    got=$(status_id "$1")
    [ "$got" = "$2" ] || { _show "$1"; fail "$3: y copies '$got', not $2"; return; }
    ok "$3"
}

# expect_count NAME N WHAT: the events file holds N events NAME.
expect_count() {
    local got
    got=$(count_events "$1")
    [ "$got" = "$2" ] || { sed 's/^/  | /' "$EVENTS"; fail "$3: $got $1 events, not $2"; return; }
    ok "$3 ($2 $1)"
}

# expect_no_changes WHAT: no POST, PUT or DELETE reached the sandbox (events file).
expect_no_changes() {
    local got
    got=$(changes)
    if [ "$got" != 0 ]; then
        grep -E 'method=(POST|PUT|DELETE) path=/v1/' "$EVENTS" | sed 's/^/  | /'
        fail "$1: $got changes reached the sandbox"
        return
    fi
    ok "$1"
}

# put_lengths LOG: the Content-Length of every PUT in a --log file, one a line.
put_lengths() {
    awk '/ > PUT /{p=1; next}
         p && / > Content-Length: /{print $NF; p=0}
         / > (GET|POST|DELETE) /{p=0}' "$1" | tr -d '\r'
}

# profile_config FILE NAME [LINES]: a profiles file with one default profile NAME for the
# sandbox at URL, with LINES (e.g. "readonly = true;") inside the profile; mode 600.
profile_config() {
    write_config_text "$1" "default_profile = \"$2\";
profiles = (
  {
    name = \"$2\";
    url = \"$URL\";
    auth_url = \"$URL/oauth/token\";
    audience = \"$AUDIENCE\";
    client_id = \"$CLIENT_ID\";
    client_secret = \"$SECRET\";
    ${3:-}
  }
);"
}

# tenants_json: the sandbox's tenants (tenantry tenants list -o json) in $TMP/tenants.json.
tenants_json() {
    run tenants list -o json
    [ "$rc" = 0 ] || fail "tenants list -o json"
    cp "$TMP/out" "$TMP/tenants.json"
}
# tenant EXPR: python over j (the tenants of tenants_json), e.g. tenant 'j[1]["id"]'.
tenant() { json_field "$TMP/tenants.json" "$1"; }

# edit_main: the sandbox for creating (5 tenants, 3 clients each, seed 3) and its profile:
# MAIN_URL, MAIN_EVENTS, MAIN_CONFIG (also CONFIG), $TMP/envs.json (the environments) and
# ENV0_NAME, ENV0_ID, ENV2_NAME.
edit_main() {
    start_sandbox --tenants 5 --clients 3 --seed 3
    MAIN_URL=$URL MAIN_EVENTS=$EVENTS
    write_config
    MAIN_CONFIG=$CONFIG
    run environments list -o json
    [ "$rc" = 0 ] || fail "environments list -o json"
    cp "$TMP/out" "$TMP/envs.json"
    ENV0_NAME=$(json_field "$TMP/envs.json" 'j[0]["name"]')
    ENV0_ID=$(json_field "$TMP/envs.json" 'j[0]["id"]')
    ENV2_NAME=$(json_field "$TMP/envs.json" 'j[2]["name"]')
}
