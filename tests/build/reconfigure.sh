#!/bin/bash
# reconfigure.sh: `./configure --prefix=P` after a build rebuilds what embeds the folders
# configure chose (BINDIR, LOCALEDIR: src/install_dirs.h, made by make from config.status).
# In a copy of the source tree: configure --prefix=P1, build the object that embeds BINDIR
# (demo.c: where --demo looks for the sandbox), configure --prefix=P2, build it again: it must
# now hold P2.
. "$(dirname "$0")/../cli/lib.sh"

SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
COPY=$TMP/tree
mkdir -p "$COPY"
# The sources (as configure and make need them), not a build: no objects, no configure output,
# not the scratch folders (ours is among them) nor a build folder inside the tree.
build_rel=""
case $TMP in "$SRCDIR"/*) build_rel=${TMP#"$SRCDIR"/} ; build_rel=${build_rel%%/*} ;; esac
tar -C "$SRCDIR" --exclude=./.git --exclude=./tests/tmp ${build_rel:+--exclude="./$build_rel"} \
    --exclude='*.o' --exclude='*.a' --exclude=.deps --exclude=autom4te.cache \
    --exclude=config.status --exclude=config.log --exclude=config.h --exclude=stamp-h1 \
    --exclude=Makefile --exclude=install_dirs.h --exclude='*.log' --exclude='*.trs' -cf - . |
    tar -C "$COPY" -xf - || fail "copying the source tree"
chmod -R u+w "$COPY" # make distcheck's source tree is read-only
[ -x "$COPY/configure" ] || fail "no configure in the copy of $SRCDIR"
OBJ=src/libconnect_a-demo.o HEADER=src/install_dirs.h

# configure_and_build PREFIX: configure the copy with --prefix=PREFIX and build OBJ.
configure_and_build() {
    (cd "$COPY" && ./configure -q --prefix="$1" >"$TMP/configure.out" 2>&1) ||
        { cat "$TMP/configure.out"; fail "./configure --prefix=$1"; }
    run_cmd make -C "$COPY" "$HEADER" "$OBJ"
    expect_rc 0 "make $OBJ after ./configure --prefix=$1"
}

configure_and_build "$TMP/p1"
check "$OBJ holds BINDIR $TMP/p1/bin" grep -qF "$TMP/p1/bin" "$COPY/$OBJ"
configure_and_build "$TMP/p2"
check "after ./configure --prefix=$TMP/p2, $OBJ holds $TMP/p2/bin" \
    grep -qF "$TMP/p2/bin" "$COPY/$OBJ"
check "... and no longer $TMP/p1/bin" sh -c "! grep -qF '$TMP/p1/bin' '$COPY/$OBJ'"
