#!/bin/bash
# manpage.sh: the manual pages say what the programs do, and pass mandoc's lint.
#  - mandoc -Tlint (every level, style included) finds nothing in doc/*.1;
#  - groff (where installed) never breaks a word at a line's end: no identifier is
#    hyphenated, at any width;
#  - every option tenantry knows (global, every verb's of both APIs, the profile verbs'), as
#    `tenantry __complete` lists them, is in tenantry.1 and offered by the bash completion;
#    every option tenantry.1 names is one tenantry or tenantry-sandbox knows;
#  - every option tenantry-sandbox --help lists is in tenantry-sandbox.1;
#  - every default key of etc/keys.conf is in tenantry.1's Keys section;
#  - every environment variable the sources read (getenv) is in the ENVIRONMENT section of
#    the program's page;
#  - etc/tenantry.conf.example is a profiles file tenantry reads, with a system profile.
. "$(dirname "$0")/lib.sh"

SRCDIR=${TENANTRY_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
MAN=$SRCDIR/doc/tenantry.1
SMAN=$SRCDIR/doc/tenantry-sandbox.1

# text PAGE: the page's source with roff's escapes for - and the no-break marks taken out.
text() { sed -e 's/\\-/-/g' -e 's/\\%//g' -e 's/\\://g' -e 's/\\&//g' "$1"; }
# section PAGE NAME: the source of section (.SH) or subsection (.SS) NAME, escapes taken out.
section() {
    text "$1" | awk -v name="$2" '
        /^\.S[HS] / { s = $0; sub(/^\.S[HS] +"?/, "", s); sub(/"$/, "", s)
                      if (on && ($1 == ".SH" || level == ".SS")) on = 0
                      if (s == name) { on = 1; level = $1; next } }
        on'
}

# ------------------------------------------------------------------ mandoc -Tlint
command -v mandoc >/dev/null 2>&1 || fail "mandoc is needed (Debian package mandoc; ./bootstrap installs it)"
for page in "$MAN" "$SMAN"; do
    run_cmd mandoc -Tlint -W style "$page"
    [ "$rc" = 0 ] && [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ] ||
        fail "mandoc -Tlint ${page##*/}: $(head -n 5 "$TMP/out" "$TMP/err")"
    ok "mandoc -Tlint ${page##*/}: nothing to say"
done

# ------------------------------------------------------------------ no word broken by groff
if command -v groff >/dev/null 2>&1; then
    for page in "$MAN" "$SMAN"; do
        for width in 40 52 66 80; do
            broken=$(groff -man -Tutf8 -rLL=${width}n "$page" 2>/dev/null |
                sed -e 's/\x1b\[[0-9;]*m//g' -e 's/.\x08//g' | grep -E '[[:alnum:]_][-‐]$' | head -n 3)
            [ -z "$broken" ] || fail "${page##*/} at $width columns: words broken at the line's end: $broken"
        done
        ok "${page##*/}: groff breaks no word at 40 to 80 columns"
    done
else
    echo "note: groff is not installed: hyphenation is not checked"
fi

# ------------------------------------------------------------------ tenantry's options
# complete WORD...: the words `tenantry __complete` offers (its first line is what to do).
complete() { "$TENANTRY_BIN" -c "$TMP/none" __complete -- "$@" | sed -e 1d -e 's/\t.*//'; }
complete - >"$TMP/options"
for api in mattr system; do
    for r in $(complete --demo=$api ""); do
        case $r in profile | completion) continue ;; esac
        for v in $(complete --demo=$api "$r" ""); do
            complete --demo=$api "$r" "$v" -- | sed "s|^|$api $r $v |" >>"$TMP/verb-options"
        done
    done
done
complete journal -- | sed "s|^|mattr journal - |" >>"$TMP/verb-options"
for v in $(complete profile ""); do
    complete profile "$v" -- | sed "s|^|mattr profile $v |" >>"$TMP/verb-options"
done
awk '{ print $4 }' "$TMP/verb-options" >>"$TMP/options"
sort -u "$TMP/options" -o "$TMP/options"
check "tenantry knows options (at least the global ones and tenants create's)" \
    grep -qx -e --subdomain "$TMP/options"
text "$MAN" >"$TMP/man.txt"
missing=""
while read -r o; do
    grep -qE -e "$o([^[:alnum:]-]|\$)" "$TMP/man.txt" || missing="$missing $o"
done <"$TMP/options"
[ -z "$missing" ] || fail "tenantry.1 does not name these options:$missing"
ok "tenantry.1 names every option tenantry knows ($(wc -l <"$TMP/options"))"

# the other way: every option tenantry.1 names is tenantry's (or the sandbox's, or
# configure's in the build notes)
"$TENANTRY_SANDBOX_BIN" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u >"$TMP/sandbox-options"
grep -oE -- '(^|[^[:alnum:]-])--[a-z][a-z0-9-]*' "$TMP/man.txt" | sed 's/^[^-]*//' | sort -u |
    while read -r o; do
        grep -qxF -e "$o" "$TMP/options" "$TMP/sandbox-options" && continue
        case $o in --enable-* | --disable-* | --with-* | --prefix) continue ;; esac
        echo "$o"
    done >"$TMP/stale"
[ ! -s "$TMP/stale" ] || fail "tenantry.1 names options no program knows: $(tr '\n' ' ' <"$TMP/stale")"
ok "every option tenantry.1 names is known"

# the bash completion offers each verb's options (the scripts of zsh and fish ask the same
# program: tests/cli/completion.sh drives them)
mkdir -p "$TMP/bin"
ln -s "$TENANTRY_BIN" "$TMP/bin/tenantry"
"$TENANTRY_BIN" completion bash >"$TMP/tenantry.bash"
while read -r api r v o; do
    got=$(PATH="$TMP/bin:$PATH" bash --norc --noprofile -c '
        source "$1"; shift
        COMP_WORDS=(tenantry "$@"); COMP_CWORD=$#; _tenantry; printf "%s\n" "${COMPREPLY[@]}"
        ' bash "$TMP/tenantry.bash" --demo=$api "$r" ${v#-} "$o")
    grep -qxF -e "$o" <<<"$got" || echo "$api $r $v: $o"
done <"$TMP/verb-options" >"$TMP/not-offered"
[ ! -s "$TMP/not-offered" ] || fail "the bash completion does not offer: $(head -n 5 "$TMP/not-offered")"
ok "the bash completion offers every verb's options ($(wc -l <"$TMP/verb-options"))"

# ------------------------------------------------------------------ the sandbox's options
text "$SMAN" >"$TMP/sman.txt"
missing=""
while read -r o; do
    grep -qE -e "$o([^[:alnum:]-]|\$)" "$TMP/sman.txt" || missing="$missing $o"
done <"$TMP/sandbox-options"
[ -z "$missing" ] || fail "tenantry-sandbox.1 does not name these options:$missing"
ok "tenantry-sandbox.1 names every option of tenantry-sandbox --help"

# ------------------------------------------------------------------ keys
# the list of keys and what they do, not the key names of the keys group that follow it
section "$MAN" Keys | sed '/^Every action can be bound/,$d' >"$TMP/keys.txt"
[ -s "$TMP/keys.txt" ] || fail "tenantry.1 has no Keys section"
sed -n 's/^ *[a-z-]* = "\(.*\)";.*/\1/p' "$SRCDIR/etc/keys.conf" | tr ' ' '\n' | sed '/^$/d' |
    sort -u >"$TMP/default-keys"
check "etc/keys.conf binds keys" [ "$(wc -l <"$TMP/default-keys")" -gt 20 ]
missing=""
while read -r k; do
    grep -qE -e "(^|[^[:alnum:]-])$(printf '%s' "$k" | sed 's/[]\/$*.^[]/\\&/g')([^[:alnum:]-]|\$)" \
        "$TMP/keys.txt" || missing="$missing $k"
done <"$TMP/default-keys"
[ -z "$missing" ] || fail "tenantry.1's Keys section lacks these default keys:$missing"
ok "tenantry.1's Keys section names every default key ($(wc -l <"$TMP/default-keys"))"

# ------------------------------------------------------------------ environment
# vars DIR...: the variables the sources in DIR read with getenv.
vars() {
    for d in "$@"; do cat "$SRCDIR/src/$d"/*.c; done |
        grep -oE 'getenv\("[A-Za-z_][A-Za-z0-9_]*"\)' | sed 's/getenv("\(.*\)")/\1/' | sort -u
}
{ vars . core cli tui; echo LANGUAGE; } | sort -u >"$TMP/vars"
section "$MAN" ENVIRONMENT >"$TMP/env.txt"
missing=""
while read -r v; do grep -qw -e "$v" "$TMP/env.txt" || missing="$missing $v"; done <"$TMP/vars"
[ -z "$missing" ] || fail "tenantry.1's ENVIRONMENT lacks:$missing"
ok "tenantry.1's ENVIRONMENT names every variable tenantry reads ($(tr '\n' ' ' <"$TMP/vars"))"
vars sandbox >"$TMP/svars"
section "$SMAN" ENVIRONMENT >"$TMP/senv.txt"
missing=""
while read -r v; do grep -qw -e "$v" "$TMP/senv.txt" || missing="$missing $v"; done <"$TMP/svars"
[ -z "$missing" ] || fail "tenantry-sandbox.1's ENVIRONMENT lacks:$missing"
ok "tenantry-sandbox.1's ENVIRONMENT names every variable tenantry-sandbox reads"

# ------------------------------------------------------------------ the example profiles file
cp "$SRCDIR/etc/tenantry.conf.example" "$TMP/example"
chmod 600 "$TMP/example"
run_cmd "$TENANTRY_BIN" -c "$TMP/example" profile list -o json
expect_rc 0 "tenantry reads etc/tenantry.conf.example"
check "... which has a system profile" \
    [ "$(json_field "$TMP/out" '[p["api"] for p in j if p["name"] == "system-prod"][0]')" = system ]
