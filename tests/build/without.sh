#!/bin/bash
# without.sh: the build a packager makes without the test-only libraries, and without the
# sandbox. In a copy of the source tree, with pkg-config seeing no cmocka and no libmicrohttpd:
# - ./configure (the sandbox wanted) stops, naming libmicrohttpd-dev and --disable-sandbox;
# - ./configure --disable-sandbox --disable-nls --enable-werror works: tenantry builds with no
#   warning (no ENABLE_NLS left undefined), --demo says why it is unavailable, no
#   tenantry-sandbox is built; `make check` says what it misses (cmocka, the sandbox) and fails.
. "$(dirname "$0")/../cli/lib.sh"

SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
COPY=$TMP/tree
mkdir -p "$COPY"
build_rel=""
case $TMP in "$SRCDIR"/*) build_rel=${TMP#"$SRCDIR"/} ; build_rel=${build_rel%%/*} ;; esac
tar -C "$SRCDIR" --exclude=./.git --exclude=./tests/tmp ${build_rel:+--exclude="./$build_rel"} \
    --exclude='*.o' --exclude='*.a' --exclude=.deps --exclude=autom4te.cache \
    --exclude=config.status --exclude=config.log --exclude=config.h --exclude=stamp-h1 \
    --exclude=Makefile --exclude=install_dirs.h --exclude='*.log' --exclude='*.trs' \
    --exclude=completion_scripts.h --exclude=keys_default.h --exclude=./src/tenantry \
    --exclude=./src/tenantry-sandbox -cf - . |
    tar -C "$COPY" -xf - || fail "copying the source tree"
chmod -R u+w "$COPY"
[ -x "$COPY/configure" ] || fail "no configure in the copy of $SRCDIR"

# pkg-config without cmocka and libmicrohttpd: every other .pc file of its search path
PC=$TMP/pkgconfig
mkdir -p "$PC"
for d in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
    for f in "$d"/*.pc; do
        [ -e "$f" ] || continue
        case ${f##*/} in cmocka.pc | libmicrohttpd.pc) continue ;; esac
        [ -e "$PC/${f##*/}" ] || ln -s "$f" "$PC/${f##*/}"
    done
done
export PKG_CONFIG_LIBDIR=$PC PKG_CONFIG_PATH=
check "pkg-config (as the copy sees it) finds no cmocka" sh -c '! pkg-config --exists cmocka'
check "... and no libmicrohttpd" sh -c '! pkg-config --exists libmicrohttpd'

run_cmd sh -c "cd '$COPY' && ./configure -q"
check "configure without libmicrohttpd (the sandbox wanted) stops" [ "$rc" != 0 ]
expect_in_err "libmicrohttpd-dev" "... naming the Debian package"
expect_in_err "--disable-sandbox" "... and --disable-sandbox"

run_cmd sh -c "cd '$COPY' && ./configure -q --disable-sandbox --disable-nls --enable-werror"
expect_rc 0 "configure --disable-sandbox --disable-nls --enable-werror, without cmocka"
# the make of the copy: not the variables of the make running this test (TESTS=...)
MK=(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u TESTS make -C "$COPY")
run_cmd "${MK[@]}" -j2
expect_rc 0 "make builds with warnings as errors (no NLS, no sandbox, no cmocka)"
check "tenantry is built" [ -x "$COPY/src/tenantry" ]
check "no tenantry-sandbox is built" [ ! -e "$COPY/src/tenantry-sandbox" ]
run_cmd env -u TENANTRY_SANDBOX "$COPY/src/tenantry" --demo tenants list
expect_rc 1 "tenantry --demo without a sandbox"
expect_in_err "--demo is unavailable: this tenantry was built without its sandbox" "... says why"
run_cmd "${MK[@]}" check
check "make check fails" [ "$rc" != 0 ]
expect_in_err "make check cannot run" "make check says it cannot run"
expect_in_err "cmocka" "... that cmocka is missing"
expect_in_err "libcmocka-dev" "... naming its Debian package"
expect_in_err "tenantry-sandbox" "... and that the sandbox is not built"
