#!/bin/bash
# cursor.sh: the selection drawn as an arrow (cursor = "arrow"; at the top of the profiles file
# or in a profile, the profile's winning; :cursor bar|arrow at run time). A ">" in its own cell
# left of the marks' cell marks the selected row, so a marked selected row shows both (">*");
# moving the selection changes those two cells and nothing else of the rows (the row itself is
# not rewritten: tests/bench/tui-bytes counts the bytes); the status line leaves out "row N".
# Whole screens at 80 (one pane), 120, 160 and 220 columns (three panes; the panes not focused
# show their selection's arrow too, dim, in the marks' cell). The default stays the bar. A bad
# value is refused with what the setting takes, in a profile or at the top of the file.
#
# The sandbox is seeded like the demo (250 tenants, 4 environments, 5 clients a tenant, seed 1),
# so whole screens are compared; the port and the token lifetime are blanked.
. "$(dirname "$0")/lib.sh"
need_utf8

start_sandbox --tenants 250 --environments 4 --clients 5 --seed 1
EXTRA='cursor = "arrow";' write_config

# moved COLS: after j, the arrow went from the first tenant to the second, the first keeps its
# mark, and the tenants' rows are otherwise the same cells as before (the pane with the
# tenants: the whole width at 80 columns, else the second of the three).
moved() {
    dump_text marked >"$TMP/marked.txt" && dump_text moved >"$TMP/moved.txt" || return
    if py '
import sys
a = open(sys.argv[1], encoding="utf-8").read().split("\n")[4:14]
b = open(sys.argv[2], encoding="utf-8").read().split("\n")[4:14]
pane = (lambda s: s) if int(sys.argv[3]) < 120 else (lambda s: s.split("|")[1])
a, b = [pane(s) for s in a], [pane(s) for s in b]
assert a[0].startswith(">*") and b[0].startswith(" *"), (a[0], b[0])
assert a[1].startswith("  ") and b[1].startswith("> "), (a[1], b[1])
assert [s[1:] for s in a] == [s[1:] for s in b], "rows changed beyond the arrow cell"
assert sum(1 for x, y in zip(a, b) if x != y) == 2, "other rows changed"
' "$TMP/marked.txt" "$TMP/moved.txt" "$1"; then
        ok "$1 columns: j moves the arrow (two cells); the marked row keeps its *"
    else
        _show moved
        fail "$1 columns: j did more than move the arrow"
    fi
    expect_screen_lacks moved "row 2" "$1 columns: no \"row N\" in the status line"
}

# at_width COLS: at COLS x 15, Space marks the first tenant and k comes back to it (dump
# marked: the screen expected on stdin), then j moves the arrow (dump moved; see moved).
at_width() {
    UI_COLS=$1 UI_LINES=15 run_script w$1 -c "$CONFIG" <<'EOF'
wait
keys Space k
wait
dump marked
keys j
wait
dump moved
EOF
    expect_screen marked "$1 columns: > on the selected row, * (marked) beside it"
    moved "$1"
}

at_width 80 <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 Tenants (100+)  1 marked
  NAME                     SUBDOMAIN                ENVIRON… ID
>*Southern Works Motors    southern-works-motors    us01     7a46dfb1-…93a5979a
  Union Telecom            union-telecom            eu01     cdcf9d86-…42ff0f8a
  Keystone Park Motors     keystone-park-motors     eu01     57714d89-…b20c0516
  Harbor Works Government  harbor-works-government  us01     eabde5dd-…85b53b33
  Vista Education          vista-education          eu01     b45b459c-…db8055f6
  Southern Credit Union    southern-credit-union    au01     e85a1c0a-…ede4d394
  Green Peak Credit Union  green-peak-credit-union  us01     ea3e70c8-…80ce4784
  Keystone Valley Security keystone-valley-security us01     1aed4d6c-…18bf151d
  Crown Bay Credit Union   crown-bay-credit-union   au01     a6acd01d-…583be3e7
  Pacific Motors           pacific-motors           us01     0314e78c-…152d5fdc
   ID 7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a  ? help  …100 loaded, more available
EOF

at_width 120 <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 Environments (4+)| Tenants (100+)  1 marked                                                     | Clients (5+)
 NAME             |  NAME                     SUBDOMAIN               ENVIRON… ID                | NAME
>All environments |>*Southern Works Motors    southern-works-motors   us01     7a46dfb1…93a5979a |>audit-export-test
 au01             |  Union Telecom            union-telecom           eu01     cdcf9d86…42ff0f8a | partner-sync-staging
 us01             |  Keystone Park Motors     keystone-park-motors    eu01     57714d89…b20c0516 | ci-pipeline-dev
 eu01             |  Harbor Works Government  harbor-works-government us01     eabde5dd…85b53b33 | verifier-app-dev
 sg01             |  Vista Education          vista-education         eu01     b45b459c…db8055f6 | verifier-app-staging
                  |  Southern Credit Union    southern-credit-union   au01     e85a1c0a…ede4d394 |
                  |  Green Peak Credit Union  green-peak-credit-union us01     ea3e70c8…80ce4784 |
                  |  Keystone Valley Security keystone-valley-securi… us01     1aed4d6c…18bf151d |
                  |  Crown Bay Credit Union   crown-bay-credit-union  au01     a6acd01d…583be3e7 |
                  |  Pacific Motors           pacific-motors          us01     0314e78c…152d5fdc |
   ID 7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a  ? help  : command  / filter  q quit              100 loaded, more available
EOF

at_width 160 <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 Environments (4+)| Tenants (100+)  1 marked                                                                              | Clients (5+)
 NAME             |  NAME                     SUBDOMAIN                ENVIRONMENT   ID                                   | NAME                 ROLES
>All environments |>*Southern Works Motors    southern-works-motors    us01          7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a |>audit-export-test    dts-provider,…
 au01             |  Union Telecom            union-telecom            eu01          cdcf9d86-c38c-4b1f-9ad3-751f42ff0f8a | partner-sync-staging admin,auditor
 us01             |  Keystone Park Motors     keystone-park-motors     eu01          57714d89-0c4b-478a-880e-b828b20c0516 | ci-pipeline-dev      admin,issuer,…
 eu01             |  Harbor Works Government  harbor-works-government  us01          eabde5dd-e051-4b63-9bc6-931685b53b33 | verifier-app-dev     admin,issuer,…
 sg01             |  Vista Education          vista-education          eu01          b45b459c-51d1-4074-a265-4dbadb8055f6 | verifier-app-staging admin,verifie…
                  |  Southern Credit Union    southern-credit-union    au01          e85a1c0a-0b80-46f1-b200-0df6ede4d394 |
                  |  Green Peak Credit Union  green-peak-credit-union  us01          ea3e70c8-9f96-4f86-b3a1-a9f280ce4784 |
                  |  Keystone Valley Security keystone-valley-security us01          1aed4d6c-8b10-43a9-809c-d0d318bf151d |
                  |  Crown Bay Credit Union   crown-bay-credit-union   au01          a6acd01d-7ff9-4e2e-9d88-ed92583be3e7 |
                  |  Pacific Motors           pacific-motors           us01          0314e78c-0b35-4c10-b8ae-f332152d5fdc |
   ? help  : command  / filter  q quit                                                                                               100 loaded, more available
EOF

at_width 220 <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 Environments (4+)| Tenants (100+)  1 marked                                                                              | Clients (5+)
 NAME             |  NAME                     SUBDOMAIN                ENVIRONMENT   ID                                   | NAME                         ROLES                             CLIENT ID
>All environments |>*Southern Works Motors    southern-works-motors    us01          7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a |>audit-export-test            dts-provider,dts-consumer         pofknWQqxlgWJu8xuGcuYrP31L7zbgFI
 au01             |  Union Telecom            union-telecom            eu01          cdcf9d86-c38c-4b1f-9ad3-751f42ff0f8a | partner-sync-staging         admin,auditor                     WXArcNQDJefY1O1HFDNUv5qGPYkx648N
 us01             |  Keystone Park Motors     keystone-park-motors     eu01          57714d89-0c4b-478a-880e-b828b20c0516 | ci-pipeline-dev              admin,issuer,dts-provider,auditor aOjyeImGSsPPDPdspS61Lj866zCZa9yR
 eu01             |  Harbor Works Government  harbor-works-government  us01          eabde5dd-e051-4b63-9bc6-931685b53b33 | verifier-app-dev             admin,issuer,dts-provider,auditor bnQ4r8RUyuThCdMJjWgEZVqCmbbjTXys
 sg01             |  Vista Education          vista-education          eu01          b45b459c-51d1-4074-a265-4dbadb8055f6 | verifier-app-staging         admin,verifier,dts-provider       cVm0DLgfVxOPIT4d3f4VzqaJu9yp4rR4
                  |  Southern Credit Union    southern-credit-union    au01          e85a1c0a-0b80-46f1-b200-0df6ede4d394 |
                  |  Green Peak Credit Union  green-peak-credit-union  us01          ea3e70c8-9f96-4f86-b3a1-a9f280ce4784 |
                  |  Keystone Valley Security keystone-valley-security us01          1aed4d6c-8b10-43a9-809c-d0d318bf151d |
                  |  Crown Bay Credit Union   crown-bay-credit-union   au01          a6acd01d-7ff9-4e2e-9d88-ed92583be3e7 |
                  |  Pacific Motors           pacific-motors           us01          0314e78c-0b35-4c10-b8ae-f332152d5fdc |
   ? help  : command  / filter  q quit                                                                                                                                                           100 loaded, more available
EOF

# ------------------------------------------------------------------ :cursor at run time
UI_COLS=120 UI_LINES=15 run_script command -c "$CONFIG" <<'EOF'
wait
keys :
type cursor bar
keys Enter
dump bar
keys :
type cursor
keys Enter
dump toggled
keys :
type cursor arrows
keys Enter
dump bad
keys :
type cursor b
keys Tab
dump completed
keys Esc
EOF
check ":cursor bar: no arrow left" [ "$(dump_text bar | sed -n '5,14p' | grep -c '>')" = 0 ]
status_has bar 'Cursor: bar (to keep it: cursor = "bar"; in the profiles file)' \
    ":cursor bar says how to keep it"
check ":cursor alone: the arrow again" [ "$(screen_line toggled 5 | cut -c1)" = ">" ]
status_has toggled 'Cursor: arrow' ":cursor alone says which"
status_has bad ":cursor takes bar or arrow" ":cursor arrows: it says what it takes"
check ":cursor arrows: the arrow stays" [ "$(screen_line bad 5 | cut -c1)" = ">" ]
expect_line completed -1 ":cursor bar" "Tab completes ':cursor b' to ':cursor bar'"

# ------------------------------------------------------------------ the profile's own wins
EXTRA='cursor = "arrow";' PROFILE_EXTRA='cursor = "bar";' write_config "$TMP/bar.conf"
UI_COLS=80 UI_LINES=15 run_script profile -c "$CONFIG" <<'EOF'
wait
dump bar
EOF
check "the profile's cursor = \"bar\" wins over the file's \"arrow\"" \
    [ "$(dump_text bar | sed -n '5,14p' | grep -c '^>')" = 0 ]
status_has bar "row 1" "with the bar, the status line counts the rows"
write_config "$TMP/none.conf"
UI_COLS=80 UI_LINES=15 run_script default -c "$CONFIG" <<'EOF'
wait
dump bar
EOF
check "no cursor setting: the bar (no arrow)" \
    [ "$(dump_text bar | sed -n '5,14p' | grep -c '^>')" = 0 ]

# ------------------------------------------------------------------ bad values
PROFILE_EXTRA='cursor = "arrows";' write_config "$TMP/bad1.conf"
run tenants list
expect_rc 2 "a profile's cursor = \"arrows\" is refused"
expect_in_err 'profile "local": field "cursor" must be one of: "bar", "arrow"' \
    "it names the profile, the field and the values"
EXTRA='cursor = "Arrow";' write_config "$TMP/bad2.conf"
run tenants list
expect_rc 2 "cursor = \"Arrow\" at the top of the file is refused"
expect_in_err "bad2.conf: \"cursor\" must be one of: \"bar\", \"arrow\"" \
    "it names the file, the setting and the values"
PROFILE_EXTRA='cursor = 1;' write_config "$TMP/bad3.conf"
run tenants list
expect_rc 2 "a profile's cursor = 1 is refused"
expect_in_err 'field "cursor" must be a string in double quotes' "it says a string is wanted"
