#!/bin/bash
# completion.sh: the completion of bash, zsh and fish, each driven through the shell itself
# (bash: the function `complete -p` names, called as bash calls it; zsh: its completion system
# in a pseudo-terminal, tests/cli/complete-zsh.zsh; fish: `complete -C`), and
# `tenantry completion SHELL`. The same cases in each shell: resources, the verbs of the
# profile's API, options per verb, files after --data (also --data=), nothing after a date
# option, mattr and system after --demo=, profile names after -p and for profile verbs, roles,
# environment names from the server when the secret is at hand (and never by running a
# secret command), shells after completion. Also: the scripts install where each shell looks.
. "$(dirname "$0")/lib.sh"

SRCDIR=${TENANTRY_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
start_sandbox
write_config
# a system profile, and one whose secret comes from a command (which must never run here)
cat >>"$CONFIG" <<EOF
profiles2 = 0;
EOF
py '
import sys
path, url = sys.argv[1], sys.argv[2]
text = open(path).read().replace("profiles2 = 0;\n", "")
i = text.rindex("\n);")
extra = """,
  {
    name = "sys";
    api = "system";
    url = "%s";
    user = "system";
    password = "system";
  },
  {
    name = "cmd";
    url = "%s";
    auth_url = "%s/oauth/token";
    audience = "https://manage.sandbox.tenantry.test";
    client_id = "tenantry-demo";
    client_secret_command = "touch %s/secret-command-ran; echo tenantry-demo-secret";
  }""" % (url, url, url, sys.argv[3])
open(path, "w").write(text[:i] + extra + text[i:])
' "$CONFIG" "$URL" "$TMP" || fail "writing the profiles file"
export TENANTRY_CONFIG=$CONFIG

# `tenantry` on PATH (the scripts complete the command of that name) and a folder of files
mkdir -p "$TMP/bin" "$TMP/files"
ln -s "$TENANTRY_BIN" "$TMP/bin/tenantry"
export PATH="$TMP/bin:$PATH"
: >"$TMP/files/tenant.json"
: >"$TMP/files/other.txt"
cd "$TMP/files" || fail "cd $TMP/files"

# ------------------------------------------------------------------ the scripts
for sh in bash zsh fish; do
    run_cmd "$TENANTRY_BIN" completion "$sh"
    expect_rc 0 "tenantry completion $sh"
done
run_cmd "$TENANTRY_BIN" completion bash
check "tenantry completion bash prints etc/bash-completion/tenantry" \
    cmp -s "$TMP/out" "$SRCDIR/etc/bash-completion/tenantry"
run_cmd "$TENANTRY_BIN" completion zsh
check "tenantry completion zsh prints etc/zsh/_tenantry" cmp -s "$TMP/out" "$SRCDIR/etc/zsh/_tenantry"
run_cmd "$TENANTRY_BIN" completion fish
check "tenantry completion fish prints etc/fish/tenantry.fish" \
    cmp -s "$TMP/out" "$SRCDIR/etc/fish/tenantry.fish"
"$TENANTRY_BIN" completion bash >"$TMP/tenantry.bash"
"$TENANTRY_BIN" completion fish >"$TMP/tenantry.fish"
mkdir -p "$TMP/zfunc"
"$TENANTRY_BIN" completion zsh >"$TMP/zfunc/_tenantry"
run_cmd "$TENANTRY_BIN" completion tcsh
expect_rc 2 "completion tcsh: a usage error"
expect_in_err "bash, zsh or fish" "... naming the shells there are"

# ------------------------------------------------------------------ one driver a shell
# complete_bash LINE: what bash offers for LINE (COMP_WORDS split as readline splits, '='
# apart), one a line, sorted.
complete_bash() {
    bash --norc --noprofile -c '
        source "$1"
        spec=$(complete -p tenantry) || exit 1
        [[ $spec == "complete -F _tenantry tenantry" ]] || { echo "spec: $spec"; exit 1; }
        line=$2
        read -ra parts <<<"$line"
        COMP_WORDS=()
        for p in "${parts[@]}"; do
            while [[ $p == *=* ]]; do
                COMP_WORDS+=("${p%%=*}" "=")
                p=${p#*=}
            done
            [[ -n $p ]] && COMP_WORDS+=("$p")
        done
        [[ $line == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE=$line COMP_POINT=${#line}
        _tenantry
        printf "%s\n" "${COMPREPLY[@]}"
    ' bash "$TMP/tenantry.bash" "$1" | sed '/^$/d' | LC_ALL=C sort
}
complete_zsh() {
    CAPTURE_FPATH=$TMP/zfunc CAPTURE_DUMP=$TMP/zcompdump timeout 60 \
        zsh -f "$SRCDIR/tests/cli/complete-zsh.zsh" "$1" | sed '/^$/d' | LC_ALL=C sort
}
complete_fish() {
    timeout 60 fish --no-config -c "source '$TMP/tenantry.fish'; complete -C\$argv[1]" "$1" |
        sed -e 's/\t.*//' -e '/^$/d' | LC_ALL=C sort
}

# expect SHELL LINE WORD...: SHELL offers exactly the WORDs (any order) for LINE.
expect() {
    local sh=$1 line=$2 got want
    shift 2
    got=$("complete_$sh" "$line" | tr '\n' ' ')
    want=$(printf '%s\n' "$@" | sed '/^$/d' | LC_ALL=C sort | tr '\n' ' ')
    [ "$got" = "$want" ] || fail "$sh: '$line' offers [$got], not [$want]"
    ok "$sh: '$line' offers [$want]"
}
# expect_has SHELL LINE WORD... / expect_lacks: the offer holds (lacks) each WORD.
expect_has() {
    local sh=$1 line=$2 got w
    shift 2
    got=$("complete_$sh" "$line")
    for w in "$@"; do
        grep -qxF -e "$w" <<<"$got" || fail "$sh: '$line' does not offer $w (offers: $(echo $got))"
    done
    ok "$sh: '$line' offers $*"
}
expect_lacks() {
    local sh=$1 line=$2 got w
    shift 2
    got=$("complete_$sh" "$line")
    for w in "$@"; do
        if grep -qxF -e "$w" <<<"$got"; then fail "$sh: '$line' offers $w"; fi
    done
    ok "$sh: '$line' does not offer $*"
}

SHELLS="bash"
for sh in zsh fish; do
    if command -v "$sh" >/dev/null 2>&1; then
        SHELLS="$SHELLS $sh"
    else
        echo "note: $sh is not installed: its completion is not driven (bootstrap installs it)"
    fi
done

for sh in $SHELLS; do
    # = is apart for bash, in the word for zsh and fish
    eq() { if [ "$sh" = bash ]; then echo "$1"; else echo "$2$1"; fi; }
    expect "$sh" "tenantry " clients completion environments journal profile tenants
    expect "$sh" "tenantry ten" tenants
    expect "$sh" "tenantry -p " cmd local sys
    expect "$sh" "tenantry --profile l" local
    expect "$sh" "tenantry --demo=" "$(eq mattr --demo=)" "$(eq system --demo=)"
    # the verbs per the profile's API
    expect "$sh" "tenantry -p local tenants " create delete get list
    expect "$sh" "tenantry -p sys tenants " create delete edit get list update
    expect "$sh" "tenantry --demo=system tenants " create delete edit get list update
    expect "$sh" "tenantry tenants " create delete get list # the default profile: local
    expect "$sh" "tenantry -p local clients " create delete list rotate update
    expect_has "$sh" "tenantry -p local clients rotate T C --" --delete-old --keep-old
    expect "$sh" "tenantry -p local tenants -" --help
    # options per verb (and the global ones)
    expect_has "$sh" "tenantry -p sys tenants create --" --data --uuid --version --profile --quiet
    expect_lacks "$sh" "tenantry -p sys tenants create --" --subdomain --environment
    expect_has "$sh" "tenantry -p local tenants create --" --subdomain --environment --name
    expect_lacks "$sh" "tenantry -p local tenants create --" --data --version
    expect_has "$sh" "tenantry -p sys tenants list --" --all --limit --cursor --id --uuid \
        --created-before --created-after --updated-before --updated-after
    expect_has "$sh" "tenantry profile add --" --url --user --page-params --secret-env --ca-file
    expect_has "$sh" "tenantry --" --version --help --demo --config
    # values
    expect "$sh" "tenantry -p sys tenants create --data " other.txt tenant.json
    expect "$sh" "tenantry -p sys tenants create --data t" tenant.json
    expect "$sh" "tenantry -p sys tenants create --data=t" "$(eq tenant.json --data=)"
    expect "$sh" "tenantry -p local tenants delete --from t" tenant.json
    expect_has "$sh" "tenantry journal --" --since --profile --output
    expect "$sh" "tenantry journal --since "
    expect "$sh" "tenantry -p sys tenants list --created-after "
    expect "$sh" "tenantry -p sys tenants list --updated-before 2024"
    expect "$sh" "tenantry -p sys tenants get "
    expect "$sh" "tenantry -o j" json jsonl
    expect "$sh" "tenantry -p local clients create T --role a" admin auditor
    expect "$sh" "tenantry profile default " cmd local sys
    expect "$sh" "tenantry profile test s" sys
    expect "$sh" "tenantry completion " bash fish zsh
    expect "$sh" "tenantry -p local tenants create --environment " au01 eu01 us01
    expect "$sh" "tenantry -p local tenants create --environment e" eu01
    expect "$sh" "tenantry -p cmd tenants create --environment "
    check "$sh: the secret command was never run" [ ! -e "$TMP/secret-command-ran" ]
done

# ------------------------------------------------------------------ installed where shells look
BUILD=${TENANTRY_BUILDDIR:?TENANTRY_BUILDDIR is not set (run with make check)}
run_cmd make -C "$BUILD" install-dist_bashcompletionDATA install-dist_zshcompletionDATA \
    install-dist_fishcompletionDATA DESTDIR="$TMP/dest"
expect_rc 0 "make install of the completion scripts"
prefix=$(sed -n 's/^prefix = //p' "$BUILD/Makefile")
if pkg-config --exists bash-completion 2>/dev/null; then
    dir=$(pkg-config --define-variable=prefix="$prefix" --define-variable=datadir="$prefix/share" \
        --variable=completionsdir bash-completion)
    check "bash: installed in bash-completion's completionsdir ($dir)" [ -f "$TMP/dest$dir/tenantry" ]
fi
if pkg-config --exists fish 2>/dev/null; then
    dir=$(pkg-config --define-variable=prefix="$prefix" --define-variable=datadir="$prefix/share" \
        --variable=completionsdir fish)
    check "fish: installed in fish's completionsdir ($dir)" [ -f "$TMP/dest$dir/tenantry.fish" ]
fi
zdir=$(find "$TMP/dest" -name _tenantry -printf '%h\n')
zdir=${zdir#"$TMP/dest"}
check "zsh: installed as _tenantry" [ -n "$zdir" ]
case $prefix in
/usr | /usr/local)
    zsh -f -c 'print -l $fpath' | grep -qxF -- "$zdir" ||
        fail "zsh: $zdir is not in zsh's fpath ($(zsh -f -c 'print $fpath'))"
    ok "zsh: $zdir is in zsh's fpath"
    ;;
esac
