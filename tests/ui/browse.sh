#!/bin/bash
# browse.sh: the console headless (scripted keys, screen dumps) against a seeded sandbox of
# 3,000 tenants in 30 environments, read 100 a page: drilling in and out, an environment
# narrowing the tenants pane (fetching pages until a screenful matches), paging past the
# first page, G to the end and Esc stopping it, filter, sort, refresh, the detail view and its
# search, help, the ':' command line with Tab completion, profiles (list, switch) and copy; an
# environment with fewer tenants than a screen (the pane reads the list to its end). The last
# checks at the end cover bugs these tests found.
#
# Screens are 100x16 (one pane with a breadcrumb; 11 rows) unless said otherwise. The seed fixes
# every name and ID, so whole screens are compared; only the port and the token's lifetime in
# the header are blanked (PORT, TTL).
. "$(dirname "$0")/lib.sh"
need_utf8 # the expected screens draw "›" and "…"

start_sandbox --tenants 3000 --environments 30 --seed 7
PAGE_SIZE=100 write_config
UI_LINES=16

# The first screen: the tenants pane focused, the first page loaded.
TENANTS_SCREEN=$(
    cat <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 Tenants (100+)
 NAME                      SUBDOMAIN                 ENVIRONM… ID
 Silver Field Media        silver-field-media        us05      ba54a236-5c3f-43c8-a952-ce90a34ec090
 Orchid Field Capital      orchid-field-capital      eu04      e44cb0cf-965a-4239-aaea-aa4b9729dc7a
 Nimbus Peak Capital       nimbus-peak-capital       au03      967dbc70-3285-40a3-90ca-40d917959610
 Coastal Security          coastal-security          us05      e0dbf90e-3c9f-4612-a441-61c8c7389c88
 Zenith Bay Government     zenith-bay-government     uk02      f868798d-aa5e-4cc2-998f-647a23f14929
 Riverbend Security        riverbend-security        ca04      748f8f6d-ce91-49a4-b3c2-0904c2073ea2
 Tidal Hill Airlines       tidal-hill-airlines       au01      be4ddf47-0ba5-47c3-aed9-03356d1937a4
 Lakeside Grove University lakeside-grove-university sg03      fa0244e8-d1e8-40c5-847e-796c2c6a104c
 Golden Point Retail       golden-point-retail       au03      9a23e8dc-df79-409c-b97c-e9c40acdb211
 Quartz Hill Logistics     quartz-hill-logistics     sg02      4b25101b-5283-450a-a826-51a530d57101
 Nimbus Line Health        nimbus-line-health        us03      c1baff27-eda2-4c57-b71f-fe9441f7fe54
   ? help  : command  / filter  q quit                            100 loaded, more available  row 1
EOF
)

# ------------------------------------------------------------------ drilling in and out
# tenants -> Enter -> the selected tenant's clients -> Esc -> tenants -> Backspace -> environments;
# then an environment narrows the tenants pane, and "All environments" widens it again.
: >"$EVENTS"
run_script drill -c "$CONFIG" <<EOF
wait
dump tenants
keys Enter
wait
dump clients
keys Esc
wait
dump tenants-again
keys Backspace
wait
dump environments
# ca02, the 13th row (after "All environments"): about one tenant in 30 is there
keys $(rep j 12) Enter
wait
dump narrowed
keys Esc g Enter
wait
dump all-again
EOF
expect_screen tenants "the first screen: tenants of all environments, first page" <<<"$TENANTS_SCREEN"
expect_screen clients "Enter on a tenant lists its clients (breadcrumb names the tenant)" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Silver Field Media › Clients
 Clients (3+)
 NAME                   ROLES                                      CLIENT ID
 support-desk-dev       admin,dts-consumer,auditor                 1NtsnFh9LqJpKnIPTubbtxZhsWzQ61PM
 partner-sync-test      admin,issuer,verifier,dts-consumer,auditor k6y7xoznssdHVuaI3azb7aknjDuvJdzp
 ci-pipeline-dev        admin,dts-consumer,auditor                 DoPuvFRpnzYAe3fCnftVdFHMBm99Ix3z








   ? help  : command  / filter  q quit                       3 loaded, more may be available  row 1
EOF
expect_screen tenants-again "Esc from the clients goes back to the same tenants screen" \
    <<<"$TENANTS_SCREEN"
expect_screen environments "Backspace from the tenants goes back to the environments" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › Environments
 Environments (30+)
 NAME                                                 REGION         DOMAIN            DEPLOYMENT
 All environments
 au01                                                 ap-southeast-2 au01.mattr.global shared
 us01                                                 us-east-1      us01.mattr.global shared
 eu01                                                 eu-central-1   eu01.mattr.global shared
 sg01                                                 ap-southeast-1 sg01.mattr.global dedicated
 ca01                                                 ca-central-1   ca01.mattr.global shared
 uk01                                                 eu-west-2      uk01.mattr.global dedicated
 jp01                                                 ap-northeast-1 jp01.mattr.global shared
 au02                                                 ap-southeast-2 au02.mattr.global shared
 us02                                                 us-east-1      us02.mattr.global shared
 eu02                                                 eu-central-1   eu02.mattr.global shared
   ? help  : command  / filter  q quit                             30 loaded, more may be available
EOF
# Narrowed to ca02: a full screen of ca02 tenants only (the status line is checked apart).
dump_text narrowed | sed '$d' >"$TMP/narrowed.top"
expect_screen "$TMP/narrowed.top" "Enter on ca02: the tenants pane shows only ca02 tenants, a full screen" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › ca02 › Tenants
 Tenants (13+)
 NAME                      SUBDOMAIN                 ENVIRONM… ID
 Orchid Line Retail        orchid-line-retail        ca02      ed649db1-8a82-44b3-8858-a823347a5e4b
 Pacific Labs Credit Union pacific-labs-credit-union ca02      e85ab5f4-e31b-4544-b3b8-7cbaa260aacc
 Nimbus Health             nimbus-health             ca02      332082b0-5438-416c-bcbe-91636815034e
 Nimbus Crest Hotels       nimbus-crest-hotels       ca02      b0a6243b-b503-404d-9aad-7c5f93b4979f
 Evergreen University      evergreen-university      ca02      48e94ed5-2af8-4c0f-8899-ed0994c7d301
 Golden Foods              golden-foods              ca02      96e2df1d-ac88-486e-922a-980ce2af6e9c
 Nimbus Pharma             nimbus-pharma             ca02      08ec8dff-e252-4676-a58c-cfe3722e58c5
 Maple Gate Media          maple-gate-media          ca02      6281dd51-cc04-4695-8170-3eeff82c9b23
 Keystone Valley Insurance keystone-valley-insurance ca02      d7271885-595f-43ca-8bf1-4c63ea2971fb
 Harbor Line Education     harbor-line-education     ca02      6875ecc1-5222-4c46-94a6-36f4b366cda4
 Juniper Motors            juniper-motors            ca02      ba672faa-3f26-4182-bfa7-208c2aa35720
EOF
# The first page held only 3 ca02 tenants: the pane fetched on by itself (4 pages) until it had
# more than a screenful of matches, and then stopped (the list goes on to 3,000).
status_has narrowed "400 loaded, more available" "narrowing fetched 4 pages for a screenful of ca02 tenants"
pages=$(count_events TENANT_RETRIEVE_LIST_START)
check "the sandbox saw 4 tenant pages asked for (got $pages)" [ "$pages" = 4 ]
expect_screen all-again "Enter on All environments: every loaded tenant again, the selection kept" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 Tenants (400+)
 NAME                     SUBDOMAIN              ENVIRONMENT   ID
 Eastern Gate Logistics   eastern-gate-logistics us04          e7b342c3-c552-4133-b045-e890a0ef2b9e
 Sterling Security        sterling-security      sg03          facdc9e7-f95d-48ba-9982-11d0290fc6b8
 Silver Haven Hotels      silver-haven-hotels    au01          986b07ba-e12d-45fa-97e9-95b9f680bf35
 Red Labs Shipping        red-labs-shipping      sg04          f88a6c74-c7cf-4c4f-9004-1575438d91bf
 Silver Park Hotels       silver-park-hotels     au03          578cc9e4-4e44-4f70-abfc-548b7abf0601
 Silver Media             silver-media           eu03          eb6c6fb4-2352-4efe-8352-d64292eb003e
 Coastal Motors           coastal-motors         us04          c9b966f1-ecdd-467b-a7e6-eb6ee5c1f2b7
 Lakeside Capital         lakeside-capital       us01          4bd273e2-7843-4d20-8dfe-547f20d368a2
 Evergreen Bank           evergreen-bank         au02          b09a106f-1478-40fb-9e27-7cbc78a48333
 Riverbend Foods          riverbend-foods        eu02          ed703d97-48ef-4df6-b2c3-c60cede1aaa4
 Orchid Line Retail       orchid-line-retail     ca02          ed649db1-8a82-44b3-8858-a823347a5e4b
   ? help  : command  / filter  q quit                           400 loaded, more available  row 58
EOF

# ------------------------------------------------------------------ paging
# Moving down asks for the next pages (once the selection moves, the rows loaded reach a page
# and a screen past it); the rows after 100 are then shown. (A script
# feeds keys without the network in between: the `wait` lets the page arrive, as a person's
# slower keys would.)
: >"$EVENTS"
run_script paging -c "$CONFIG" <<EOF
wait
keys $(rep j 95)
wait
keys $(rep j 10)
dump row106
keys G
dump loading-all
wait
dump end
EOF
pages=$(count_events TENANT_RETRIEVE_LIST_START)
expect_screen row106 "j past row 100: pages 2 and 3 loaded (a page and a screen ahead), rows 96-106 shown, row 106 selected" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 Tenants (300+)
 NAME                     SUBDOMAIN                ENVIRONMENT ID
 Golden Grove Government  golden-grove-government  jp01        5621233f-0f06-4668-87aa-734ab7d6fd52
 Southern Crest Airlines  southern-crest-airlines  jp01        6d2507fb-9f40-40c7-978c-ed989e4f7a2d
 Pacific Labs Capital     pacific-labs-capital     eu01        c881cc9b-4545-4568-8e32-55edf3fe9c05
 Yarra Line Education     yarra-line-education     us02        5b8b4110-e741-4113-bb4e-b94a7be3e08e
 Summit Hill Council      summit-hill-council      sg04        d4bd612d-5cc6-40f5-8eb3-c39d709cc438
 Crown Telecom            crown-telecom            us02        6f0b8468-b36b-4455-a4e1-e1152a427598
 Nimbus Gate Airlines     nimbus-gate-airlines     uk04        99562abb-a6b4-4183-99ee-2c4fb4d5d943
 Lakeside Valley Media    lakeside-valley-media    eu03        ab7aee61-4266-4dfa-8275-09062b31b7f9
 Southern Haven Insurance southern-haven-insurance us04        f72ef61f-c669-46c8-a26b-f7317045144e
 Atlas Government         atlas-government         us04        75cb9c50-d1d7-40ca-83ce-2c88f03ee405
 Riverbend Ridge Health   riverbend-ridge-health   au05        a31dd4bb-1308-489c-ade5-c157ac4ab713
   ? help  : command  / filter  q quit                          300 loaded, more available  row 106
EOF
# G: loads on to the end, saying so while it does, then selects the last row.
status_has loading-all "loading to the end" "G: the status line says it is loading to the end"
expect_screen end "G: all 3,000 loaded (no 'more available'), the last rows shown" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 Tenants (3,000)
 NAME                      SUBDOMAIN                 ENVIRONM… ID
 Westfield Works Insurance westfield-works-insurance us03      e4974b03-bcc5-4002-9234-2aacb80c05c7
 Juniper Bay Retail        juniper-bay-retail        eu04      aa569ffb-c853-4b81-b336-8de10f541290
 Pacific Crest Retail      pacific-crest-retail      us05      08c51e92-ff0d-477a-9d2e-4816b5ed8721
 Crown Telecom             crown-telecom             ca02      ee14f381-ddab-4d8c-83ed-23dce32617bc
 Orchid Crest Credit Union orchid-crest-credit-union us03      a2595507-a825-4c92-9d98-38d711fdf92c
 Golden Forge Retail       golden-forge-retail       au02      0a6d85b9-9465-45af-aab6-9a250cb6949e
 Zenith Crest Credit Union zenith-crest-credit-union sg02      e566eed4-3f95-476c-927d-ee2b77b22085
 Pacific Harbor Motors     pacific-harbor-motors     au03      ee4d069d-b7f9-4ae2-8670-e028beee07f9
 Pioneer Haven Mining      pioneer-haven-mining      eu04      ea26b5ce-3958-4b83-86e1-25b1f8b53e13
 Vista Bridge Shipping     vista-bridge-shipping     au03      bec8f5c3-dfc2-45f3-b830-db16019304af
 Southern Retail           southern-retail           sg02      11385068-36c4-42ec-95e5-24f69f3e30d5
   ? help  : command  / filter  q quit                                      3,000 loaded  row 3,000
EOF
# G asks for pages of 1000 (the API's largest; the profile sets no page_size): after the three
# pages of 100 that scrolling fetched, 1000, 1000, 700 and the empty page that ends the list.
# (Pages of 100 took 30 or 31.)
check "G fetched the rest in pages of 1000: 7 pages in all (got $pages)" [ "$pages" = 7 ]

# Esc while G loads stops the load: the pane keeps what it has, and more is still available.
run_script stop-loading -c "$CONFIG" <<'EOF'
wait
keys G Esc
dump stopped
wait
dump after
EOF
status_has stopped "Stopped loading" "Esc during G says it stopped loading"
status_has after "stopped (r reloads)" "after Esc the list is not loaded to the end, and says so"
expect_screen_lacks after "3,000" "after Esc the pane did not load all 3,000"

# ------------------------------------------------------------------ filter
# "/" filters the loaded rows as you type (case-insensitive), Enter keeps the filter, Esc in
# the prompt restores the filter there was before it opened, an emptied filter shows all.
run_script filter -c "$CONFIG" <<'EOF'
wait
keys /
type HEAL
dump typing
keys Esc
dump cancelled
keys /
type health
keys Enter
dump health
keys /
type xyz
dump healthxyz
keys Esc
dump restored
keys / Backspace Backspace Backspace Backspace Backspace Backspace Enter
dump cleared
EOF
expect_line typing -1 "/HEAL" "the filter prompt shows what is typed"
expect_line_has typing 3 "Tenants (6+)  /HEAL" "the pane is filtered as you type (case-insensitive)"
# (Filtering selected the first match, Nimbus Line Health, row 11; the selection stays there.)
top_of() { dump_text "$1" | sed '$d'; }
top_of cancelled >"$TMP/top"
expect_screen "$TMP/top" "Esc in the prompt of a new filter: the unfiltered list again" \
    <<<"$(sed '$d' <<<"$TENANTS_SCREEN")"
status_ends cancelled "   100 loaded, more available  row 11" \
    "Esc in the prompt: no filter, the selection kept on the match it was on"
top_of health >"$TMP/top"
expect_screen "$TMP/top" "/health Enter: the 6 loaded tenants whose columns contain 'health'" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 Tenants (6+)  /health
 NAME                        SUBDOMAIN           ENVIRONMENT   ID
 Nimbus Line Health          nimbus-line-health  us03          c1baff27-eda2-4c57-b71f-fe9441f7fe54
 Westfield Health            westfield-health    us04          f83debb4-a9d5-47e8-85a8-a4a840845f22
 Green Point Health          green-point-health  uk02          b6c9ecca-4057-4520-be0f-96b88bdbe805
 Tidal Park Health           tidal-park-health   au04          6647e111-7c51-487f-9b65-4e0139649282
 Granite Line Health         granite-line-health ca01          af0a6ca1-4cfb-4d94-ba48-abbc7897c9e6
 Maple Works Health          maple-works-health  jp01          0fc34a85-225d-4d4a-bbd8-18fe2c45af02





EOF
status_has health "6 matching of 100 loaded; L loads on" "/health: '6 matching of 100 loaded', offering to load on"
expect_line_has healthxyz 3 "Tenants (0+)  /healthxyz" "typing on in the prompt narrows the filter on"
expect_line_has restored 3 "Tenants (6+)  /health" "Esc in the prompt restores the filter it had before"
status_has restored "6 matching of 100 loaded" "Esc in the prompt: 6 matching again"
top_of cleared >"$TMP/top"
expect_screen "$TMP/top" "an emptied filter shows every loaded row again" \
    <<<"$(sed '$d' <<<"$TENANTS_SCREEN")"
status_ends cleared "   100 loaded, more available  row 11" "an emptied filter: '100 loaded', no 'matching'"

# ------------------------------------------------------------------ sort
# s sorts by the next column (NAME first, then SUBDOMAIN), S reverses; the names on screen are
# in order. g goes to the top of the sorted list.
run_script sort -c "$CONFIG" <<'EOF'
wait
keys s
wait
keys g
wait
dump by-name
keys S
wait
dump by-name-reversed
keys s
wait
dump by-subdomain
EOF
expect_line_has by-name 4 "NAME ▲" "s: sorted by NAME, ascending (▲ on the column)"
names by-name 5 15 >"$TMP/names"
check "s: the names on screen are in ascending order" sort -c -f "$TMP/names"
expect_line_has by-name 3 "Tenants (100+)" "s: the sort is over the 100 loaded"
check "s, g: the first name is the smallest of the 100 loaded" \
    [ "$(head -n 1 "$TMP/names")" = "Atlas Bridge Energy" ]
expect_line_has by-name-reversed 4 "NAME ▼" "S: the NAME sort reversed (▼)"
names by-name-reversed 5 15 >"$TMP/names"
check "S: the names on screen are in descending order" sort -c -r -f "$TMP/names"
expect_line_has by-subdomain 4 "SUBDOMAIN ▲" "s again: sorted by the next column, SUBDOMAIN"

# ------------------------------------------------------------------ refresh
# r reloads the pane from the first page and keeps the selected row.
: >"$EVENTS"
run_script refresh -c "$CONFIG" <<'EOF'
wait
keys j j j
dump before
keys r
wait
dump after
keys i
wait
dump detail
EOF
status_ends before "row 4" "three j: row 4 selected"
status_ends after "row 4" "r keeps the selection on row 4"
expect_line detail 3 " tenant Coastal Security" "after r, the selected tenant is still Coastal Security"
pages=$(count_events TENANT_RETRIEVE_LIST_START)
check "r fetched the first page again (2 tenant pages asked for, got $pages)" [ "$pages" = 2 ]

# ------------------------------------------------------------------ detail view
# i on a tenant: every field as pretty JSON; / searches (case-insensitive), n/N walk the matches,
# a match below the screen scrolls into view; Enter on a client (the last pane) opens its details.
run_script detail -c "$CONFIG" <<'EOF'
wait
keys i
wait
dump tenant
keys /
type us05
keys Enter
dump match1
keys n
dump match2
keys N
dump match1-again
keys /
type DISPLAYNAME
keys Enter
dump scrolled
keys Esc Enter
wait
keys Enter
wait
dump client
EOF
expect_screen tenant "i on a tenant shows its JSON, pretty-printed" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Tenants
 tenant Silver Field Media
 {
   "id": "ba54a236-5c3f-43c8-a952-ce90a34ec090",
   "name": "Silver Field Media",
   "subdomain": "silver-field-media.vii.us05.mattr.global",
   "environment": {
     "id": "e27e7a80-d7de-4dae-a648-57f84fef25dc",
     "name": "us05",
     "domain": "us05.mattr.global",
     "authorizationServerDomain": "auth.us05.mattr.global",
     "deploymentModel": "shared",
     "region": {
 line 1 of 17
   Esc close  / search  n next match  y copy JSON
EOF
expect_line_has match1 -2 "match 1 of 4 for 'us05'" "/us05 in the detail view: match 1 of 4"
expect_line_has match2 -2 "match 2 of 4 for 'us05'" "n moves to match 2 of 4"
expect_line_has match1-again -2 "match 1 of 4 for 'us05'" "N moves back to match 1 of 4"
expect_screen_has scrolled '"displayName": "US East (N. Virginia)"' \
    "a search below the screen scrolls the match into view"
expect_screen_lacks scrolled "line 1 of 17" "the view scrolled (no longer at line 1)"
expect_screen client "Enter on a client (the last pane) opens its details" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › all › Silver Field Media › Clients
 client support-desk-dev
 {
   "clientId": "1NtsnFh9LqJpKnIPTubbtxZhsWzQ61PM",
   "name": "support-desk-dev",
   "roles": ["admin", "dts-consumer", "auditor"],
   "permissions": ["tenant:manage", "clients:manage", "dts:consume", "audit:read"]
 }





 line 1 of 6
   Esc close  / search  n next match  y copy JSON
EOF

# ? lists the actions with their keys (from the live keymap; 60 lines show them all); Esc closes it.
# ? lists the actions with their keys (from the live keymap); Esc closes it.
UI_LINES=60 run_script help -c "$CONFIG" <<'EOF'
wait
keys ?
dump help
keys Esc
dump closed
EOF
expect_line help 3 " Help" "? opens the help"
dump_text help >"$TMP/help.txt"
for pair in "j, Down|Move the selection down" "k, Up|Move the selection up" \
    "G, End|Go to the last row" "Tab, l, Right|Focus the next pane" "Enter|Drill into" \
    "Esc, Backspace|Go back" "i|Show every field" "/|Filter the pane" "s|Sort by the next column" \
    "S|Reverse the sort order" "r|Reload the pane" "y|Copy the selected ID" \
    ":|Open the command line" "P|List the profiles" "?, F1|Show this help" "q|Quit" \
    "Space|Mark or unmark the selected row" "*|Mark every row the filter shows" \
    "R|Rotate the selected client" "*|In the profiles list: make it the default" \
    "d|Delete the selection or the marked rows"; do
    keys=${pair%%|*} text=${pair#*|}
    if grep -qE "^ $(printf '%s' "$keys" | sed 's/[][\.*^$?+(){}|/]/\\&/g') +$text" "$TMP/help.txt"; then
        ok "help lists '$keys' for '$text'"
    else
        _show help
        fail "help does not list '$keys' for '$text'"
    fi
done
expect_line_has closed 2 "local › all › Tenants" "Esc closes the help"
expect_screen_lacks closed "Move the selection down" "the help is gone after Esc"

# At 80x24 no help line is cut: a long one wraps, continued under its text (the key column
# left free), and the whole help reads page by page.
UI_COLS=80 UI_LINES=24 run_script help80 -c "$CONFIG" <<'EOF'
wait
keys ?
dump help80a
keys PgDn
dump help80b
keys PgDn
dump help80c
keys PgDn
dump help80d
EOF
for page in help80a help80b help80c help80d; do
    if dump_text $page | grep -qE '[^ ]…( |$)'; then
        _show $page
        fail "help at 80x24: a cut line on $page"
    else
        ok "help at 80x24: no cut line on $page"
    fi
done
for page in help80a help80b help80c help80d; do dump_text $page; done >"$TMP/help80.txt"
check "a long help line wraps: its first row" \
    grep -qE '^ c +Create a tenant or a client [^…]*$' "$TMP/help80.txt"
check "its second row starts under the text, the key column left free" \
    grep -qE '^ {19}[^ ]' "$TMP/help80.txt"
check "the last commands are reached" grep -q ':q  *Quit' "$TMP/help80.txt"

# ------------------------------------------------------------------ the ':' command line
# :clients and :environments focus those panes, Tab completes ":te" to ":tenants", an unknown
# command is an error in the status line, :q quits (the dump after it is never written).
run_script commands -c "$CONFIG" <<'EOF'
wait
keys :
type clients
keys Enter
wait
dump clients
keys :
type environments
keys Enter
dump environments
keys :
type te
keys Tab
dump completed
keys Enter
wait
dump tenants
keys :
type bogus
keys Enter
dump unknown
keys :
type q
keys Enter
dump never
EOF
expect_line clients 2 " local › all › Silver Field Media › Clients" ":clients focuses the clients pane"
expect_line_has clients 3 "Clients (3+)" ":clients lists the selected tenant's clients"
expect_line environments 2 " local › Environments" ":environments focuses the environments pane"
expect_line completed -1 ":tenants" "Tab completes ':te' to ':tenants'"
expect_screen tenants ":tenants (completed) focuses the tenants pane" <<<"$TENANTS_SCREEN"
status_has unknown 'unknown command ":bogus"' "an unknown command says so in the status line"
check ":q quits: nothing after it ran (no dump 'never')" [ ! -e "$S_DIR/never" ]

# ------------------------------------------------------------------ profiles, copy
# P lists the profiles; y, where the terminal cannot take the clipboard (none here), shows the
# ID to copy by hand: in full at 140 columns.
UI_COLS=140 run_script profiles-copy -c "$CONFIG" <<'EOF'
wait
keys P
dump profiles
keys Esc y
dump copied
EOF
expect_line_has profiles 3 "Profiles" "P opens the profiles list"
expect_screen_has profiles "local    mattr    http://127.0.0.1:PORT" "the list shows profile local"
status_has copied "copy by hand: ba54a236-5c3f-43c8-a952-ce90a34ec090" \
    "y shows the selected tenant's ID to copy by hand (140 columns)"

# ------------------------------------------------------------------ narrowing to the end
# A smaller world (300 tenants, 30 environments): ca02 has 7 tenants, fewer than a screenful;
# the pane fetches until the list ends, then stops, saying nothing more is available.
start_sandbox --tenants 300 --environments 30 --seed 7
cat >"$TMP/two.conf" <<EOF
default_profile = "local";
profiles = (
  { name = "local"; url = "$URL"; auth_url = "$URL/oauth/token"; audience = "$AUDIENCE";
    client_id = "$CLIENT_ID"; client_secret = "$SECRET"; page_size = 100; },
  { name = "other"; url = "$URL"; auth_url = "$URL/oauth/token"; audience = "$AUDIENCE";
    client_id = "$CLIENT_ID"; client_secret = "$SECRET"; readonly = true; }
);
EOF
chmod 600 "$TMP/two.conf"
run_script narrow-to-end -c "$TMP/two.conf" <<EOF
wait
keys Esc
wait
keys $(rep j 12) Enter
wait
dump ca02
EOF
dump_text ca02 | sed '$d' >"$TMP/top"
expect_screen "$TMP/top" "ca02 in 300 tenants: its 7 tenants, found by reading the whole list" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local › ca02 › Tenants
 Tenants (7)
 NAME                      SUBDOMAIN                 ENVIRONM… ID
 Orchid Line Retail        orchid-line-retail        ca02      ed649db1-8a82-44b3-8858-a823347a5e4b
 Pacific Labs Credit Union pacific-labs-credit-union ca02      e85ab5f4-e31b-4544-b3b8-7cbaa260aacc
 Nimbus Health             nimbus-health             ca02      332082b0-5438-416c-bcbe-91636815034e
 Nimbus Crest Hotels       nimbus-crest-hotels       ca02      b0a6243b-b503-404d-9aad-7c5f93b4979f
 Evergreen University      evergreen-university      ca02      48e94ed5-2af8-4c0f-8899-ed0994c7d301
 Golden Foods              golden-foods              ca02      96e2df1d-ac88-486e-922a-980ce2af6e9c
 Nimbus Pharma             nimbus-pharma             ca02      08ec8dff-e252-4676-a58c-cfe3722e58c5




EOF
status_has ca02 "   300 loaded  row" "the list was read to its end (300 loaded, no 'more available')"

# ------------------------------------------------------------------ switching profiles
# :profile NAME switches (a new session: header and breadcrumb name it; this one is read-only);
# P lists the profiles, the current one marked, and Enter on one switches back.
run_script profile-switch -c "$TMP/two.conf" <<'EOF'
wait
keys :
type profile other
keys Enter
wait
dump other
keys P
dump list
keys k Enter
wait
dump local
EOF
expect_line_has other 1 "profile other" ":profile other: the header names profile other"
expect_line_has other 1 "READ-ONLY" ":profile other: its read-only badge is in the header"
expect_line other 2 " other › all › Tenants" ":profile other: the breadcrumb starts with it"
status_has other "Switched to profile other" ":profile other: the status line says so"
expect_line_has list 4 "* local" "P: the profiles listed, * on local (the default)"
expect_line_has list 5 "> other" "P: > on other (the current one)"
expect_line_has local 1 "profile local" "P, k, Enter: back on profile local"
expect_screen_lacks local "READ-ONLY" "profile local has no read-only badge"


# ------------------------------------------------------------------ bugs found and fixed
# The status line's "row N" is where the row is on screen, not its place in the list as loaded
# (filtered to /health, the first match is row 1, not row 11).
status_ends "$TMP/filter/health" "6 matching of 100 loaded; L loads on  row 1" \
    "filtered to /health: the selected first match is called row 1"

# y where the terminal cannot take the clipboard says "copy by hand: ID": at 100 columns the
# counts on the right give way so that the whole ID shows.
run_script copy-100 -c "$CONFIG" <<'EOF'
wait
keys y
dump copied
EOF
status_has copied "ba54a236-5c3f-43c8-a952-ce90a34ec090" \
    "y at 100 columns shows the whole ID to copy by hand"

# With a sort on, a page arriving keeps the selection on the same tenant. Sorted by name, the
# selection stays on Silver Field Media (row 1 before the sort); it is within a screen of the
# last loaded row, so page 2 is fetched and merged into the sorted rows: the selection must not
# move to whatever tenant now sits at its old position (it did: Juniper Capital).
UI_LINES=40 run_script sort-then-page -c "$CONFIG" <<'EOF'
wait
keys s
dump sorted
wait
dump paged
keys i
wait
dump detail
EOF
expect_line_has sorted 3 " Tenants (100+)" "s: sorted while only page 1 is loaded"
expect_line_has paged 3 " Tenants (200+)" "page 2 arrived into the sorted list"
expect_line detail 3 " tenant Silver Field Media" \
    "the selection is still the tenant selected before the sort (Silver Field Media)"
