# Shared by the benchmark scripts here: a server namespace and a perfdhcp namespace joined by veth
# (198.18.0.1/15 and 198.18.0.2/15), a work directory, LeaseDesk's start and stop, and a cleanup
# that removes all of it on exit. Source it after setting REQUIRED_TOOLS.

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
LEASEDESK=${LEASEDESK:-"$ROOT/target/leasedesk/bin/leasedesk"}
[[ $EUID -eq 0 ]] || { echo "run as root: network namespaces need CAP_SYS_ADMIN" >&2; exit 1; }
for tool in ip perfdhcp ${REQUIRED_TOOLS:-}; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
[[ -x "$LEASEDESK" ]] || { echo "missing $LEASEDESK: ./mvnw -B -ntp -o package -DskipTests" >&2; exit 1; }

RUN="ldb$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SERVER_NS="$RUN-srv"
PERF_NS="$RUN-perf"
WORK=$(mktemp -d "/tmp/$RUN.XXXXXX")
SERVER_PID=""

cleanup() {
    if [[ -n "$SERVER_PID" ]]; then stop_server; fi
    ip netns del "$PERF_NS" 2>/dev/null || true
    ip netns del "$SERVER_NS" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# The link is made inside the namespaces: nothing of it ever appears on the host's network.
ip netns add "$SERVER_NS"
ip netns add "$PERF_NS"
ip -n "$SERVER_NS" link set lo up
ip -n "$PERF_NS" link set lo up
ip -n "$SERVER_NS" link add srv0 type veth peer name perf0 netns "$PERF_NS"
ip -n "$SERVER_NS" address add 198.18.0.1/15 dev srv0
ip -n "$PERF_NS" address add 198.18.0.2/15 dev perf0
ip -n "$SERVER_NS" link set srv0 up
ip -n "$PERF_NS" link set perf0 up

# Extra arguments go to `leasedesk serve`.
start_leasedesk() {
    ip netns exec "$SERVER_NS" env LEASEDESK_LOG_LEVEL=INFO "$LEASEDESK" serve --config "$WORK/leasedesk.json" \
        --interface srv0 --server-id 198.18.0.1 --database "$WORK/leasedesk/leases" "$@" >"$WORK/leasedesk.log" 2>&1 &
    SERVER_PID=$!
    await_log "$WORK/leasedesk.log" "serving"
}

await_log() {
    for _ in $(seq 300); do
        if grep -q "$2" "$1" 2>/dev/null; then return; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited:" >&2; cat "$1" >&2; exit 1; }
        sleep 0.1
    done
    echo "no '$2' in $1 within 30 s:" >&2; cat "$1" >&2; exit 1
}

stop_server() {
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

