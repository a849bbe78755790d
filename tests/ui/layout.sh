#!/bin/bash
# layout.sh: the console's layouts, headless: one pane with a breadcrumb below 120 columns, three
# panes side by side from 120; resizing at any time (wide -> narrow -> too small -> back), the
# "terminal too small" notice below 60x15 and exactly at its edges; the same screens whatever
# the terminal type (xterm, screen, vt100, linux) and with NO_COLOR; ASCII drawing ("|", ">"
# and "~" for "…") with TERM=vt100 in the C locale.
#
# The sandbox is seeded like the demo (250 tenants, 4 environments, 5 clients a tenant, seed 1),
# so whole screens are compared; the port and the token lifetime are blanked.
. "$(dirname "$0")/lib.sh"
need_utf8

start_sandbox --tenants 250 --environments 4 --clients 5 --seed 1
write_config

NARROW=$(
    cat <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 Tenants (100+)
 NAME                     SUBDOMAIN                ENVIRONMENT ID
 Southern Works Motors    southern-works-motors    us01        7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a
 Union Telecom            union-telecom            eu01        cdcf9d86-c38c-4b1f-9ad3-751f42ff0f8a
 Keystone Park Motors     keystone-park-motors     eu01        57714d89-0c4b-478a-880e-b828b20c0516
 Harbor Works Government  harbor-works-government  us01        eabde5dd-e051-4b63-9bc6-931685b53b33
 Vista Education          vista-education          eu01        b45b459c-51d1-4074-a265-4dbadb8055f6
 Southern Credit Union    southern-credit-union    au01        e85a1c0a-0b80-46f1-b200-0df6ede4d394
 Green Peak Credit Union  green-peak-credit-union  us01        ea3e70c8-9f96-4f86-b3a1-a9f280ce4784
 Keystone Valley Security keystone-valley-security us01        1aed4d6c-8b10-43a9-809c-d0d318bf151d
 Crown Bay Credit Union   crown-bay-credit-union   au01        a6acd01d-7ff9-4e2e-9d88-ed92583be3e7
 Pacific Motors           pacific-motors           us01        0314e78c-0b35-4c10-b8ae-f332152d5fdc
 Pacific Works Media      pacific-works-media      eu01        ee3eedd8-5a60-49dc-a912-56b1963f0eb1
 Green Gate Education     green-gate-education     us01        aa28f1e4-da4e-4d50-a54b-fd8f42778bfb
 Tidal Logistics          tidal-logistics          us01        25be1017-554e-46c3-820f-7676ef356987
 Atlas Energy             atlas-energy             us01        e5109068-261e-4763-add6-0b3bb77b68c9
 Eastern Foods            eastern-foods            us01        7e7183cd-592a-4c22-92a3-e52edd2d113b
 Granite Mining           granite-mining           sg01        eae7d638-4ea8-48c7-b189-c7c713af1406
 Nimbus Forge Mining      nimbus-forge-mining      sg01        8be0fb23-c3dc-4b2c-89e8-a18d798a1952
 Green Capital            green-capital            eu01        e96866d3-8317-44a7-9925-ee03ab2dac56
 Maple Mining             maple-mining             us01        b8445f3a-1f54-43a4-a388-48dec442e2f8
 Red Field Shipping       red-field-shipping       us01        f7ff0c65-c5bf-4be4-90e9-98b790a2b75b
 Atlas Mining             atlas-mining             au01        4aefa355-5575-4d1e-9f36-d2cc4e57497a
 Orchid Logistics         orchid-logistics         sg01        c2501724-fe1b-41d8-907c-53c187b50a67
 Keystone Credit Union    keystone-credit-union    eu01        ce9fe99a-c97c-464b-938c-18e1f14d36b3
 Red Peak Insurance       red-peak-insurance       au01        a6c6851a-acba-40ae-a74e-10b0422c0f2b
 Vista Grove Bank         vista-grove-bank         us01        a1a054a3-f5a3-4611-9685-049b93c15d87
   ? help  : command  / filter  q quit                            100 loaded, more available  row 1
EOF
)

WIDE=$(
    cat <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 Environments (4+)| Tenants (100+)                                                                                   | Clients (5+)
 NAME             | NAME                     SUBDOMAIN                ENVIRONM… ID                                   | NAME
 All environments | Southern Works Motors    southern-works-motors    us01      7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a | audit-export-test
 au01             | Union Telecom            union-telecom            eu01      cdcf9d86-c38c-4b1f-9ad3-751f42ff0f8a | partner-sync-staging
 us01             | Keystone Park Motors     keystone-park-motors     eu01      57714d89-0c4b-478a-880e-b828b20c0516 | ci-pipeline-dev
 eu01             | Harbor Works Government  harbor-works-government  us01      eabde5dd-e051-4b63-9bc6-931685b53b33 | verifier-app-dev
 sg01             | Vista Education          vista-education          eu01      b45b459c-51d1-4074-a265-4dbadb8055f6 | verifier-app-staging
                  | Southern Credit Union    southern-credit-union    au01      e85a1c0a-0b80-46f1-b200-0df6ede4d394 |
                  | Green Peak Credit Union  green-peak-credit-union  us01      ea3e70c8-9f96-4f86-b3a1-a9f280ce4784 |
                  | Keystone Valley Security keystone-valley-security us01      1aed4d6c-8b10-43a9-809c-d0d318bf151d |
                  | Crown Bay Credit Union   crown-bay-credit-union   au01      a6acd01d-7ff9-4e2e-9d88-ed92583be3e7 |
                  | Pacific Motors           pacific-motors           us01      0314e78c-0b35-4c10-b8ae-f332152d5fdc |
                  | Pacific Works Media      pacific-works-media      eu01      ee3eedd8-5a60-49dc-a912-56b1963f0eb1 |
                  | Green Gate Education     green-gate-education     us01      aa28f1e4-da4e-4d50-a54b-fd8f42778bfb |
                  | Tidal Logistics          tidal-logistics          us01      25be1017-554e-46c3-820f-7676ef356987 |
                  | Atlas Energy             atlas-energy             us01      e5109068-261e-4763-add6-0b3bb77b68c9 |
                  | Eastern Foods            eastern-foods            us01      7e7183cd-592a-4c22-92a3-e52edd2d113b |
                  | Granite Mining           granite-mining           sg01      eae7d638-4ea8-48c7-b189-c7c713af1406 |
                  | Nimbus Forge Mining      nimbus-forge-mining      sg01      8be0fb23-c3dc-4b2c-89e8-a18d798a1952 |
                  | Green Capital            green-capital            eu01      e96866d3-8317-44a7-9925-ee03ab2dac56 |
                  | Maple Mining             maple-mining             us01      b8445f3a-1f54-43a4-a388-48dec442e2f8 |
                  | Red Field Shipping       red-field-shipping       us01      f7ff0c65-c5bf-4be4-90e9-98b790a2b75b |
                  | Atlas Mining             atlas-mining             au01      4aefa355-5575-4d1e-9f36-d2cc4e57497a |
                  | Orchid Logistics         orchid-logistics         sg01      c2501724-fe1b-41d8-907c-53c187b50a67 |
                  | Keystone Credit Union    keystone-credit-union    eu01      ce9fe99a-c97c-464b-938c-18e1f14d36b3 |
                  | Red Peak Insurance       red-peak-insurance       au01      a6c6851a-acba-40ae-a74e-10b0422c0f2b |
                  | Vista Grove Bank         vista-grove-bank         us01      a1a054a3-f5a3-4611-9685-049b93c15d87 |
   ? help  : command  / filter  q quit                                                                    100 loaded, more available  row 1
EOF
)

# ------------------------------------------------------------------ narrow, wide, resizing
# 100x30 shows the tenants pane alone under a breadcrumb; 140x30 the three panes side by side
# (the clients of the selected tenant listed at once). Resizing redraws in the new layout, a
# screen below 60x15 shows only the notice, and growing again restores the layout.
run_script resize -c "$CONFIG" <<'EOF'
wait
dump narrow
resize 140 30
wait
dump wide
resize 100 30
wait
dump narrow-again
resize 50 10
dump too-small
keys j
resize 140 30
wait
dump wide-again
EOF
expect_screen narrow "100x30: one pane (tenants) with a breadcrumb" <<<"$NARROW"
expect_screen wide "resized to 140x30: environments | tenants | clients side by side" <<<"$WIDE"
expect_screen narrow-again "resized back to 100x30: the narrow layout again" <<<"$NARROW"
expect_screen too-small "resized to 50x10: only the 'terminal too small' notice" <<'EOF'





Terminal too small: 50x10, need 60x15




EOF
expect_screen_lacks wide-again "Terminal too small" "grown again to 140x30: the notice is gone"
expect_line_has wide-again 3 "Environments (4+)| Tenants (100+)" \
    "grown again to 140x30: the three panes are back"
status_ends wide-again "row 2" "a key pressed while the notice showed still moved the selection"

# Starting wide is the same screen as growing to wide; shrinking from it gives the narrow one.
UI_COLS=140 run_script start-wide -c "$CONFIG" <<'EOF'
wait
dump wide
keys Tab
wait
dump clients-focused
keys h h
dump environments-focused
keys l
resize 100 30
wait
dump narrow
EOF
expect_screen wide "started at 140x30: the wide layout" <<<"$WIDE"
expect_line clients-focused 2 " local › all › Southern Works Motors › Clients" \
    "wide, Tab: the focus moves to the clients (breadcrumb)"
status_has clients-focused "5 loaded, more may be available  row 1" "wide, Tab: the status line speaks of the clients pane"
expect_line_has clients-focused 3 "Environments (4+)| Tenants (100+)           | Clients (5+)" \
    "wide, Tab: the three panes stay on screen, the tenants narrowed to their names"
expect_line environments-focused 2 " local › Environments" "wide, h h: focus on the environments"
expect_screen narrow "resized from wide to 100x30: the narrow layout (focus back on tenants)" \
    <<<"$NARROW"

# The edges: 60x15 is big enough, 59x15 and 60x14 are not; 120 columns is wide, 119 narrow.
run_script edges -c "$CONFIG" <<'EOF'
wait
resize 60 15
dump 60x15
resize 59 15
dump 59x15
resize 60 14
dump 60x14
resize 120 15
wait
dump 120x15
resize 119 15
dump 119x15
EOF
expect_screen_lacks 60x15 "Terminal too small" "60x15 is big enough"
expect_line 60x15 2 " local › all › Tenants" "60x15: the breadcrumb"
expect_clean_screen 60x15 60 15 "60x15: every line fits in 60 cells"
expect_line 59x15 8 "Terminal too small: 59x15, need 60x15" "59x15: too small"
expect_line 60x14 8 "Terminal too small: 60x14, need 60x15" "60x14: too small"
expect_line_has 120x15 3 "Environments (4+)" "120 columns: the wide layout"
expect_line_has 120x15 3 "| Clients (5+)" "120 columns: the clients pane is there too"
expect_clean_screen 120x15 120 15 "120x15: every line fits in 120 cells"
expect_line 119x15 3 " Tenants (100+)" "119 columns: one pane"

# ------------------------------------------------------------------ terminal types, NO_COLOR
# Colours are attributes, not text: 8 colours (xterm), screen, linux, vt100 (no colour) and
# NO_COLOR=1 all draw the same characters, narrow and wide.
for term in xterm screen screen-256color linux vt100; do
    if ! infocmp "$term" >/dev/null 2>&1; then
        ok "# SKIP TERM=$term: no terminfo entry"
        continue
    fi
    UI_TERM=$term run_script "term-$term" -c "$CONFIG" <<'EOF'
wait
dump narrow
resize 140 30
wait
dump wide
EOF
    expect_screen narrow "TERM=$term: the narrow screen is the same" <<<"$NARROW"
    expect_screen wide "TERM=$term: the wide screen is the same" <<<"$WIDE"
done
NO_COLOR=1 run_script no-color -c "$CONFIG" <<'EOF'
wait
dump narrow
resize 140 30
wait
dump wide
EOF
expect_screen narrow "NO_COLOR=1: the narrow screen is the same" <<<"$NARROW"
expect_screen wide "NO_COLOR=1: the wide screen is the same" <<<"$WIDE"

# ------------------------------------------------------------------ ASCII
# TERM=vt100 in the C locale: not one byte above 127 anywhere, ">" in the breadcrumb, "~" where
# text is cut, "|" between panes; the detail view and the notice too.
UI_TERM=vt100 UI_LC=C UI_LINES=16 run_script ascii -c "$CONFIG" <<'EOF'
wait
dump narrow
resize 140 16
wait
dump wide
keys i
wait
dump detail
resize 50 10
dump too-small
EOF
expect_screen narrow "ASCII: the narrow screen" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local > all > Tenants
 Tenants (100+)
 NAME                     SUBDOMAIN                ENVIRONMENT ID
 Southern Works Motors    southern-works-motors    us01        7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a
 Union Telecom            union-telecom            eu01        cdcf9d86-c38c-4b1f-9ad3-751f42ff0f8a
 Keystone Park Motors     keystone-park-motors     eu01        57714d89-0c4b-478a-880e-b828b20c0516
 Harbor Works Government  harbor-works-government  us01        eabde5dd-e051-4b63-9bc6-931685b53b33
 Vista Education          vista-education          eu01        b45b459c-51d1-4074-a265-4dbadb8055f6
 Southern Credit Union    southern-credit-union    au01        e85a1c0a-0b80-46f1-b200-0df6ede4d394
 Green Peak Credit Union  green-peak-credit-union  us01        ea3e70c8-9f96-4f86-b3a1-a9f280ce4784
 Keystone Valley Security keystone-valley-security us01        1aed4d6c-8b10-43a9-809c-d0d318bf151d
 Crown Bay Credit Union   crown-bay-credit-union   au01        a6acd01d-7ff9-4e2e-9d88-ed92583be3e7
 Pacific Motors           pacific-motors           us01        0314e78c-0b35-4c10-b8ae-f332152d5fdc
 Pacific Works Media      pacific-works-media      eu01        ee3eedd8-5a60-49dc-a912-56b1963f0eb1
   ? help  : command  / filter  q quit                            100 loaded, more available  row 1
EOF
expect_screen wide "ASCII: the wide screen" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local > all > Tenants
 Environments (4+)| Tenants (100+)                                                                                   | Clients (5+)
 NAME             | NAME                     SUBDOMAIN                ENVIRONM~ ID                                   | NAME
 All environments | Southern Works Motors    southern-works-motors    us01      7a46dfb1-6bd6-4ad0-8b7c-97c793a5979a | audit-export-test
 au01             | Union Telecom            union-telecom            eu01      cdcf9d86-c38c-4b1f-9ad3-751f42ff0f8a | partner-sync-staging
 us01             | Keystone Park Motors     keystone-park-motors     eu01      57714d89-0c4b-478a-880e-b828b20c0516 | ci-pipeline-dev
 eu01             | Harbor Works Government  harbor-works-government  us01      eabde5dd-e051-4b63-9bc6-931685b53b33 | verifier-app-dev
 sg01             | Vista Education          vista-education          eu01      b45b459c-51d1-4074-a265-4dbadb8055f6 | verifier-app-staging
                  | Southern Credit Union    southern-credit-union    au01      e85a1c0a-0b80-46f1-b200-0df6ede4d394 |
                  | Green Peak Credit Union  green-peak-credit-union  us01      ea3e70c8-9f96-4f86-b3a1-a9f280ce4784 |
                  | Keystone Valley Security keystone-valley-security us01      1aed4d6c-8b10-43a9-809c-d0d318bf151d |
                  | Crown Bay Credit Union   crown-bay-credit-union   au01      a6acd01d-7ff9-4e2e-9d88-ed92583be3e7 |
                  | Pacific Motors           pacific-motors           us01      0314e78c-0b35-4c10-b8ae-f332152d5fdc |
                  | Pacific Works Media      pacific-works-media      eu01      ee3eedd8-5a60-49dc-a912-56b1963f0eb1 |
   ? help  : command  / filter  q quit                                                                    100 loaded, more available  row 1
EOF
for f in narrow wide detail too-small; do
    if LC_ALL=C grep -q '[^ -~]' "$S_DIR/$f"; then
        _show "$f"
        fail "ASCII: the $f screen has a byte outside printable ASCII"
    else
        ok "ASCII: the $f screen is printable ASCII only"
    fi
done
expect_line_has detail 3 "tenant Southern Works Motors" "ASCII: the detail view opens"
expect_line too-small 6 "Terminal too small: 50x10, need 60x15" "ASCII: the notice"
