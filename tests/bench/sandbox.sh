#!/usr/bin/env bash
# Benchmark: how fast tenantry-sandbox starts and serves 1000-row pages, small versus large data
# set, side by side in one run. Not part of make check. Prints figures and ratios.
#   tests/bench/sandbox.sh [SANDBOX_BIN] [LARGE_TENANTS]
set -euo pipefail
bin=${1:-$(dirname "$0")/../../src/tenantry-sandbox}
large=${2:-1000000}
small=10000
pages=30
creds='{"client_id":"tenantry-demo","client_secret":"tenantry-demo-secret","audience":"https://manage.sandbox.tenantry.test","grant_type":"client_credentials"}'
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

now_ms() { date +%s%3N; }

# run N: start a sandbox with N tenants; print "start_ms rss_mib page_ms_median page_ms_max"
run() {
    local n=$1 t0 t1 port pid token
    t0=$(now_ms)
    "$bin" --port 0 --tenants "$n" >"$tmp/out.$n" &
    pid=$!
    while ! grep -q listening "$tmp/out.$n" 2>/dev/null; do sleep 0.01; done
    t1=$(now_ms)
    port=$(sed -n 's/.*127.0.0.1:\([0-9]*\)/\1/p' "$tmp/out.$n")
    token=$(curl -s -X POST "http://127.0.0.1:$port/oauth/token" -H 'Content-Type: application/json' \
        -d "$creds" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
    # Walk $pages pages of 1000 from the start, then time each over one kept-alive connection.
    local cursor="" urls=() i
    for ((i = 0; i < pages; i++)); do
        urls+=("http://127.0.0.1:$port/v1/tenants?limit=1000${cursor:+&cursor=$cursor}")
        cursor=$(curl -s -H "Authorization: Bearer $token" "${urls[-1]}" |
            sed -n 's/.*"nextCursor":"\([^"]*\)".*/\1/p')
    done
    local args=()
    for i in "${!urls[@]}"; do args+=(-o /dev/null "${urls[$i]}"); done
    curl -s -w '%{time_total}\n' -H "Authorization: Bearer $token" "${args[@]}" >"$tmp/times.$n"
    local rss
    rss=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    sort -n "$tmp/times.$n" | awk -v start=$((t1 - t0)) -v rss="$rss" '
        { t[NR] = $1 * 1000 }
        END { printf "%d %s %.2f %.2f\n", start, rss, t[int((NR + 1) / 2)], t[NR] }'
}

read -r s_start s_rss s_med s_max < <(run "$small")
read -r l_start l_rss l_med l_max < <(run "$large")
awk -v a="$small" -v b="$large" \
    -v s1="$s_start" -v l1="$l_start" -v s2="$s_rss" -v l2="$l_rss" \
    -v s3="$s_med" -v l3="$l_med" -v s4="$s_max" -v l4="$l_max" 'BEGIN {
    printf "%-24s %12s %12s %8s\n", "tenants", a, b, "ratio"
    printf "%-24s %12s %12s %8.1f\n", "start (ms)", s1, l1, l1 / (s1 > 0 ? s1 : 1)
    printf "%-24s %12s %12s %8.1f\n", "RSS (MiB)", s2, l2, l2 / s2
    printf "%-24s %12s %12s %8.2f\n", "1000-row page, median ms", s3, l3, l3 / s3
    printf "%-24s %12s %12s %8.2f\n", "1000-row page, max ms", s4, l4, l4 / s4
}'
