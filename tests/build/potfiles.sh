#!/bin/bash
# potfiles.sh: every translatable message is in the catalogue template. xgettext over every
# source of src/ (with the keywords po/Makevars gives) finds no message that xgettext over the
# files of po/POTFILES.in (what `make update-po` reads) misses; every file POTFILES.in names
# exists; and every catalogue of po/LINGUAS is complete against the sources: no message
# untranslated or fuzzy, `msgfmt -c` clean (a new message needs its translations).
. "$(dirname "$0")/../cli/lib.sh"

SRCDIR=${TENANTRY_SRCDIR:?}
for t in xgettext msgcomm msgfmt msgmerge; do
    command -v "$t" >/dev/null 2>&1 || { echo "SKIP: no $t (gettext)"; trap - EXIT; exit 77; }
done
KEYWORDS=$(sed -n 's/^XGETTEXT_OPTIONS *= *//p' "$SRCDIR/po/Makevars")
[ -n "$KEYWORDS" ] || fail "no XGETTEXT_OPTIONS in po/Makevars"

cd "$SRCDIR" || fail "cd $SRCDIR"
find src -name '*.[ch]' ! -name 'completion_scripts.h' ! -name 'keys_default.h' | sort >"$TMP/all.lst"
grep -v '^#' po/POTFILES.in | grep . >"$TMP/potfiles.lst"
while read -r f; do
    [ -f "$f" ] || fail "po/POTFILES.in names $f, which does not exist"
done <"$TMP/potfiles.lst"
ok "every file po/POTFILES.in names exists ($(wc -l <"$TMP/potfiles.lst") files)"

# shellcheck disable=SC2086  # KEYWORDS are options
xgettext $KEYWORDS -o "$TMP/all.pot" -f "$TMP/all.lst" 2>"$TMP/xgettext.err" ||
    fail "xgettext over src/: $(cat "$TMP/xgettext.err")"
# shellcheck disable=SC2086
xgettext $KEYWORDS -o "$TMP/potfiles.pot" -f "$TMP/potfiles.lst" 2>"$TMP/xgettext.err" ||
    fail "xgettext over POTFILES.in: $(cat "$TMP/xgettext.err")"
[ "$(grep -c '^msgid' "$TMP/potfiles.pot")" -gt 100 ] || fail "the template from POTFILES.in is nearly empty"
msgcomm --unique --no-wrap "$TMP/all.pot" "$TMP/potfiles.pot" -o "$TMP/missed.pot" 2>/dev/null
missed=$(grep -c '^msgid "[^"]' "$TMP/missed.pot" 2>/dev/null)
if [ "${missed:-0}" = 0 ]; then
    ok "xgettext over every source finds no message POTFILES.in misses"
else
    fail "$missed messages are in sources po/POTFILES.in does not name:
$(grep -E '^(#:|msgid)' "$TMP/missed.pot" | head -20)"
fi

# The catalogues: complete and clean against the template.
for ll in $(grep -v '^#' po/LINGUAS); do
    msgmerge --quiet --no-fuzzy-matching -o "$TMP/$ll.po" "po/$ll.po" "$TMP/potfiles.pot" \
        2>"$TMP/msgmerge.err" || fail "msgmerge po/$ll.po: $(cat "$TMP/msgmerge.err")"
    msgfmt -c --statistics -o /dev/null "$TMP/$ll.po" 2>"$TMP/stats" ||
        fail "msgfmt -c po/$ll.po: $(cat "$TMP/stats")"
    if grep -qE 'untranslated|fuzzy' "$TMP/stats"; then
        fail "po/$ll.po is not complete against the sources: $(cat "$TMP/stats")"
    else
        ok "po/$ll.po: $(cat "$TMP/stats")"
    fi
done
