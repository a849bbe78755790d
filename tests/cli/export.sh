#!/bin/bash
# export.sh: `list -o jsonl` and `-o json` write each object from the text the server sent (no
# tree in between), made harmless: escape sequences, DEL, C1 and bidi controls as \uXXXX
# escapes, invalid UTF-8 as U+FFFD, one object per line; the objects are the server's, in its
# order, with its key order and spelling; paging goes on to the end.
. "$(dirname "$0")/lib.sh"

start_sandbox --tenants 30 --clients 0 --hostile-names
write_config

# The server's own pages of 7, fetched here with urllib: its raw bodies, one per line of
# $TMP/server (hex), for the checks below.
py '
import json, sys, urllib.request, urllib.parse
url, cid, secret, aud, out = sys.argv[1:6]
body = json.dumps({"client_id": cid, "client_secret": secret, "audience": aud,
                   "grant_type": "client_credentials"}).encode()
tok = json.load(urllib.request.urlopen(urllib.request.Request(url + "/oauth/token", body,
                                       {"Content-Type": "application/json"})))["access_token"]
cursor, pages = None, []
while True:
    q = "limit=7" + ("&cursor=" + urllib.parse.quote(cursor) if cursor else "")
    raw = urllib.request.urlopen(urllib.request.Request(url + "/v1/tenants?" + q,
                                 headers={"Authorization": "Bearer " + tok})).read()
    page = json.loads(raw.decode("utf-8", "replace"))
    if not page["data"]:
        break
    pages.append(raw.hex())
    cursor = page.get("nextCursor")
    if not cursor or len(page["data"]) < 7:
        break
open(out, "w").write("\n".join(pages) + "\n")
' "$URL" "$CLIENT_ID" "$SECRET" "$AUDIENCE" "$TMP/server" || fail "fetching the server's pages"

# check_export FILE FORMAT: FILE (tenantry's output) holds the server's 30 objects, harmless.
check_export() {
    py '
import json, re, sys
out, fmt, server = sys.argv[1], sys.argv[2], sys.argv[3]
raw = open(out, "rb").read()
bodies = [bytes.fromhex(h) for h in open(server).read().split()]
want = [o for b in bodies for o in json.loads(b.decode("utf-8", "replace"))["data"]]
bad = re.search(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]", raw)
if bad:
    sys.exit("a control character reaches the terminal at byte %d: %r" % (bad.start(), raw[bad.start()-20:bad.end()+5]))
text = raw.decode("utf-8")  # valid UTF-8 throughout
if fmt == "jsonl":
    lines = text.split("\n")
    if lines[-1] != "":
        sys.exit("no newline at the end")
    got = [json.loads(l) for l in lines[:-1]]
    # a row that needed nothing made harmless is the very text the server sent
    same = [l for l in lines[:-1] if l.isascii()]
    missing = [l for l in same if l.encode() not in b"".join(bodies)]
    if not same or missing:
        sys.exit("rows not as the server wrote them: %r" % missing[:1])
else:
    got = json.loads(text)
if got != want:
    sys.exit("the objects differ from those the server sent: %d against %d" % (len(got), len(want)))
print("%d objects, as the server sent them" % len(got))
' "$1" "$2" "$TMP/server"
}

run tenants list --all --limit 7 -o jsonl
expect_rc 0 "tenants list --all -o jsonl"
check "jsonl: the server's objects, one a line, harmless" check_export "$TMP/out" jsonl
run tenants list --all --limit 7 -o json
expect_rc 0 "tenants list --all -o json"
check "json: the server's objects in one array, harmless" check_export "$TMP/out" json
check "the hostile names were there to neutralise" grep -q 'u202e' "$TMP/out"
stop_sandbox
