#!/usr/bin/env bash
# How big does LeaseDesk's lease database grow under hours of sustained load? perfdhcp (a relay in
# its own namespace) runs DORA at a steady RATE for MINUTES, one perfdhcp run a minute, over a
# population of CLIENTS whose leases are short enough to expire, be reclaimed and be taken again.
# Each minute prints the database file's size, the exchanges completed and the drops. History older
# than KEEP_HISTORY is pruned as `serve --keep-history` does in production, so the file should level
# off once the history reaches that age; the last line is the size after the clean stop's compaction.
#
# Usage: sudo src/test/bench/sustained-load.sh   (MINUTES=60 RATE=500 CLIENTS=20000 LIFETIME=120 KEEP_HISTORY=20m)
set -euo pipefail

MINUTES=${MINUTES:-60}
RATE=${RATE:-500}
CLIENTS=${CLIENTS:-20000}
LIFETIME=${LIFETIME:-120}
KEEP_HISTORY=${KEEP_HISTORY:-20m}

REQUIRED_TOOLS=""
# shellcheck source=lab.sh
source "$(dirname "$0")/lab.sh"

cat >"$WORK/leasedesk.json" <<JSON
{ "Dhcp4": { "valid-lifetime": $LIFETIME,
  "expired-leases-processing": { "reclaim-timer-wait-time": 5, "hold-reclaimed-time": 60, "max-reclaim-leases": 5000 },
  "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "pools": [ { "pool": "198.18.1.0 - 198.19.255.254" } ] } ] } }
JSON
start_leasedesk --keep-history "$KEEP_HISTORY"
database="$WORK/leasedesk/leases.mv.db"

printf '%-7s %-12s %-10s %-8s\n' minute db-size-MiB acks drops%
for minute in $(seq "$MINUTES"); do
    out=$(ip netns exec "$PERF_NS" perfdhcp -4 -l perf0 -r "$RATE" -p 60 -R "$CLIENTS" -W 1000000 198.18.0.1 2>&1 || true)
    acks=$(awk '/Statistics for: REQUEST-ACK/ { section = 1 } section && /received packets:/ { print $3; exit }' <<<"$out")
    drops=$(awk '/Statistics for: REQUEST-ACK/ { section = 1 } section && /drops ratio:/ { print $3; exit }' <<<"$out")
    size=$(stat -c %s "$database")
    printf '%-7s %-12s %-10s %-8s\n' "$minute" "$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }')" "${acks:-?}" "${drops:-?}"
done
stop_server
printf 'after the clean stop: %.1f MiB\n' "$(awk -v s="$(stat -c %s "$database")" 'BEGIN { print s / 1048576 }')"
