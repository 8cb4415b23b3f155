#!/usr/bin/env bash
# LeaseDesk against Kea 2.2 under perfdhcp, in one run on one machine: only the ratio means much.
#
# ISC's method: perfdhcp (a relay in its own namespace) runs full DORA exchanges at a fixed rate
# for a fixed time; the rate is raised until more than MAX_DROP_PERCENT of the exchanges do not
# complete, by binary search over -r. Both servers persist leases (LeaseDesk: H2 with group commit;
# Kea: memfile, persist true), serve the same subnet, pool and lease times, and log no per-lease
# lines. Needs root, iproute2, perfdhcp (kea-admin), kea-dhcp4 and a built target/leasedesk
# (./mvnw -B -ntp -o package -DskipTests).
#
# Usage: sudo src/test/bench/perfdhcp-vs-kea.sh   (DURATION=5 MAX_DROP_PERCENT=2.5 CLIENTS=100000 LOW=100 HIGH=20000)
set -euo pipefail

DURATION=${DURATION:-5}
MAX_DROP_PERCENT=${MAX_DROP_PERCENT:-2.5}
CLIENTS=${CLIENTS:-100000}
LOW=${LOW:-100}
HIGH=${HIGH:-20000}

REQUIRED_TOOLS="kea-dhcp4"
# shellcheck source=lab.sh
source "$(dirname "$0")/lab.sh"

# Shared by both servers; perfdhcp's giaddr (198.18.0.2) lies in the subnet, which selects it.
SUBNET='"valid-lifetime": 3600, "renew-timer": 1800, "rebind-timer": 3150,
  "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "pools": [ { "pool": "198.18.1.0 - 198.19.255.254" } ] } ]'

cat >"$WORK/leasedesk.json" <<JSON
{ "Dhcp4": { $SUBNET } }
JSON
cat >"$WORK/kea.json" <<JSON
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "srv0" ] },
  "lease-database": { "type": "memfile", "persist": true, "name": "$WORK/kea-leases4.csv", "lfc-interval": 0 },
  $SUBNET,
  "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "$WORK/kea.log" } ] } ] } }
JSON

start_kea() {
    ip netns exec "$SERVER_NS" env KEA_PIDFILE_DIR="$WORK" KEA_LOCKFILE_DIR="$WORK" \
        kea-dhcp4 -c "$WORK/kea.json" >"$WORK/kea.out" 2>&1 &
    SERVER_PID=$!
    # With severity WARN Kea says nothing once started: wait for its socket instead.
    for _ in $(seq 100); do
        if ip netns exec "$SERVER_NS" ss -uln | grep -q ':67 '; then return; fi
        sleep 0.1
    done
    echo "kea-dhcp4 did not open port 67:" >&2; cat "$WORK/kea.out" >&2; exit 1
}

# One trial at rate $1: prints "acks-per-second drop-percent".
trial() {
    local out
    out=$(ip netns exec "$PERF_NS" perfdhcp -4 -l perf0 -r "$1" -p "$DURATION" -R "$CLIENTS" -W 1000000 198.18.0.1 2>&1 || true)
    awk -v duration="$DURATION" '
        /Statistics for: DISCOVER-OFFER/ { section = "do" }
        /Statistics for: REQUEST-ACK/ { section = "ra" }
        /^sent packets:/ && section == "do" { discovers = $3 }
        /^received packets:/ && section == "ra" { acks = $3 }
        END {
            if (discovers == 0) { print "0 100"; exit }
            printf "%.0f %.2f\n", acks / duration, 100 * (discovers - acks) / discovers
        }' <<<"$out"
}

# Binary search for the highest -r whose drops stay within MAX_DROP_PERCENT; prints "rate acks-per-second".
highest_rate() {
    local low=$LOW high=$HIGH best_acks=0 rate result acks drop
    read -r acks drop <<<"$(trial "$low")"
    if awk -v d="$drop" -v m="$MAX_DROP_PERCENT" 'BEGIN { exit !(d > m) }'; then echo "0 0"; return; fi
    best_acks=$acks
    while (( high - low > low / 20 && high - low > 10 )); do
        rate=$(( (low + high) / 2 ))
        read -r acks drop <<<"$(trial "$rate")"
        echo "  -r $rate: $acks ACK/s, $drop % incomplete" >&2
        if awk -v d="$drop" -v m="$MAX_DROP_PERCENT" 'BEGIN { exit !(d > m) }'; then
            high=$rate
        else
            low=$rate; best_acks=$acks
        fi
    done
    echo "$low $best_acks"
}

echo "LeaseDesk (H2, group commit), ${DURATION} s per trial, ${CLIENTS} clients, limit ${MAX_DROP_PERCENT} % incomplete" >&2
start_leasedesk
read -r LEASEDESK_RATE LEASEDESK_ACKS <<<"$(highest_rate)"
stop_server

echo "Kea $(kea-dhcp4 -v) (memfile, persist true)" >&2
start_kea
read -r KEA_RATE KEA_ACKS <<<"$(highest_rate)"
stop_server

echo "LeaseDesk: -r $LEASEDESK_RATE ($LEASEDESK_ACKS ACK/s)"
echo "Kea:       -r $KEA_RATE ($KEA_ACKS ACK/s)"
awk -v a="$LEASEDESK_RATE" -v b="$KEA_RATE" 'BEGIN { if (b > 0) printf "LeaseDesk / Kea: %.2f\n", a / b }'
