#!/bin/bash
# hostile.sh: server data that attacks the terminal, drawn harmlessly. The sandbox's
# --hostile-names gives the first 12 tenants (and their clients) names with a colour escape, an
# OSC 52 clipboard write, BEL and BS, invalid UTF-8, wide (CJK) characters, combining marks,
# right-to-left text with a bidi override, newline/tab/CR, a 250-character name, emoji with a
# zero-width joiner, quotes and printf conversions.
#
# Every screen the console shows of them (tenant list narrow and wide, clients, every detail
# view, a filter) must be valid UTF-8 with no control character at all (nothing can reach the
# terminal as a sequence), no line wider than the screen (cells measured as a terminal does:
# python's unicodedata east_asian_width), and the columns still lined up. Control characters,
# invalid bytes and the bidi override are drawn as "?"; in the C locale everything that is not
# ASCII is a "?" too.
. "$(dirname "$0")/lib.sh"
need_utf8

start_sandbox --tenants 60 --clients 3 --seed 3 --hostile-names
write_config

# A script that opens the detail view of each of the 12 hostile tenants (dumps d0..d11), then the
# clients of the first one and each client's details (c0..c2).
details_script() {
    local i
    echo wait
    echo "dump list"
    for i in $(seq 0 11); do
        printf 'keys i\nwait\ndump d%s\nkeys Esc j\n' "$i"
    done
    printf 'keys g Enter\nwait\ndump clients\n'
    for i in 0 1 2; do
        printf 'keys %s Enter\nwait\ndump c%s\nkeys Esc\n' "$([ $i = 0 ] || echo j)" "$i"
    done
    printf 'keys Esc\nresize 140 30\nwait\ndump wide\n'
    printf 'keys /\ntype red alert\nkeys Enter\ndump filtered\n'
}

# ------------------------------------------------------------------ UTF-8 locale
run_script utf8 -c "$CONFIG" < <(details_script)
for f in list clients $(seq -f 'd%g' 0 11) c0 c1 c2; do
    expect_clean_screen "$f" 100 30 "UTF-8, $f: valid UTF-8, no control characters, fits 100 columns"
done
for f in wide filtered; do
    expect_clean_screen "$f" 140 30 "UTF-8, $f: valid UTF-8, no control characters, fits 140 columns"
done
expect_aligned list 5 29 "UTF-8, narrow list: every ID starts in the ID column"
expect_aligned wide 5 29 "UTF-8, wide: IDs in their column, the pane borders straight"

# What the harmful characters became, in the detail views' titles (the whole name) and in the
# JSON (which escapes control characters as \uXXXX, and shows invalid bytes as "?").
expect_line d0 3 " tenant ?[31mRed Alert?[0m Corp" "the colour escape: ESC drawn as ?"
expect_line d0 6 '   "name": "\u001b[31mRed Alert\u001b[0m Corp",' "the JSON shows ESC escaped"
expect_line_has d1 3 " tenant ?]52;c;ZXZpbA==" "the OSC 52 write: ESC drawn as ?"
expect_line d2 3 " tenant Bell?? and Backspace??" "BEL and BS drawn as ?"
expect_line d3 3 " tenant Bad ?? UTF-8 ?( Ltd" "invalid UTF-8: one ? a bad byte"
expect_line d3 6 '   "name": "Bad ?? UTF-8 ?( Ltd",' "invalid UTF-8 in the JSON: ? too"
expect_line_has d6 3 " Right-to-left ?desrever" "the right-to-left override drawn as ?"
expect_line d7 3 " tenant Line one?Line two?Tabbed?Carriage" "newline, tab and CR drawn as ?"
expect_line d10 3 " tenant \"Quoted\", comma, 'single' ; semicolon" "quotes drawn as they are"
expect_line d11 3 " tenant %s%n%x format string" "printf conversions drawn as they are"
expect_line_has d8 3 " tenant A very long tenant name that keeps going" "the long name's title"
expect_line_has d8 3 "…" "the long name is cut with …"
expect_line_has clients 2 " local › all › ?[31mRed Alert?[0m Corp › Clients" \
    "the breadcrumb names the hostile tenant harmlessly"
expect_line_has c0 3 " client ?[31mRed Alert?[0m Corp" "a hostile client's name drawn harmlessly"
expect_line_has filtered 3 "| Tenants (1+)  /red alert" "a filter finds the hostile name by its text"
status_has filtered "1 matching of 60 loaded" "the filter: 1 matching"

# ------------------------------------------------------------------ C locale, TERM=vt100
# Not one byte above 127 on any screen; the names as ASCII: here the whole list and every
# detail title are compared.
UI_TERM=vt100 UI_LC=C UI_COLS=119 UI_LINES=20 run_script ascii -c "$CONFIG" < <(details_script)
for f in list clients $(seq -f 'd%g' 0 11) c0 c1 c2; do
    expect_clean_screen "$f" 119 20 "C locale, $f: no control characters, fits 119 columns"
    if LC_ALL=C grep -q '[^ -~]' "$S_DIR/$f"; then
        _show "$f"
        fail "C locale, $f: a byte outside printable ASCII"
    else
        ok "C locale, $f: printable ASCII only"
    fi
done
expect_aligned list 5 19 "C locale, list: every ID starts in the ID column"
expect_screen list "C locale: the hostile names in the list" <<'EOF'
 tenantry  profile local  api mattr  http://127.0.0.1:PORT  token: TTL
 local > all > Tenants
 Tenants (60+)
 NAME                                             SUBDOMAIN              ENVIRON~ ID
 ?[31mRed Alert?[0m Corp                          hostile-0              eu01     c4955248-3b15-4b2a-8cb4-07fab1ddb4a7
 ?]52;c;ZXZpbA==?Clipboard Thief                  hostile-1              eu01     ac21c771-5e8c-4cd2-8446-fff85d4c28b2
 Bell?? and Backspace??                           hostile-2              eu01     4f79c4ab-97c0-43eb-8878-90bd29fe5f7a
 Bad ?? UTF-8 ?( Ltd                              hostile-3              au01     a40bf35e-5403-4b41-8be6-ef10b2e53f56
 ????????????????                                 hostile-4              us01     42f899a6-f026-4817-adcd-0f059ad34d9e
 Zalgo Z??? Combining                             hostile-5              us01     bbbae1f3-3842-4499-942e-ce159cf14a8e
 ???? Right-to-left ?desrever                     hostile-6              us01     e2901b4e-e19a-4bd3-a15c-8841f70e031e
 Line one?Line two?Tabbed?Carriage                hostile-7              eu01     d0f6a5b7-0ae3-4dd1-9925-78ece6bff3f2
 A very long tenant name that keeps going and go~ hostile-8              au01     603c3129-be41-4353-8d49-2255a58e2104
 Emoji ? Rocket ??? Coder                         hostile-9              us01     439c60c6-252d-42cf-9cb2-4f44ad79fad6
 "Quoted", comma, 'single' ; semicolon            hostile-10             au01     e0b9c17f-003a-4d45-98fb-2e19f3101e6c
 %s%n%x format string                             hostile-11             au01     4408310c-77ff-4f26-a32e-f0a95a281c13
 Westfield Hotels                                 westfield-hotels       us01     6408184a-25b7-4aa0-a6a8-59e96b522e6d
 Crown Airlines                                   crown-airlines         us01     c95916ac-4efe-4162-b6a2-67bb48c701f2
 Westfield Bay Shipping                           westfield-bay-shipping au01     6c4d8676-0d0c-4fb0-87e8-fc8de5b49eb6
   ? help  : command  / filter  q quit                                         60 loaded, more may be available  row 1
EOF
for i in $(seq 0 11); do screen_line "d$i" 3; done >"$TMP/titles"
expect_screen "$TMP/titles" "C locale: the detail titles of the 12 hostile tenants" <<'EOF'
 tenant ?[31mRed Alert?[0m Corp
 tenant ?]52;c;ZXZpbA==?Clipboard Thief
 tenant Bell?? and Backspace??
 tenant Bad ?? UTF-8 ?( Ltd
 tenant ????????????????
 tenant Zalgo Z??? Combining
 tenant ???? Right-to-left ?desrever
 tenant Line one?Line two?Tabbed?Carriage
 tenant A very long tenant name that keeps going and going well past any column width an operator's terminal could pos~
 tenant Emoji ? Rocket ??? Coder
 tenant "Quoted", comma, 'single' ; semicolon
 tenant %s%n%x format string
EOF
