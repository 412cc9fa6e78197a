#!/usr/bin/env bash
# Runs redis-benchmark against inprocvalkey-server and redis-server in the same run and prints requests/s per
# command and the ratio ours / redis-server (issue 3, "Performance").
#
#   benchmarks/redis-benchmark.sh                 # -t set,get,incr,mset -c 50 -n 200000, -P 1 and -P 16, 3 rounds
#   ROUNDS=5 REQUESTS=500000 WARMUP=0 benchmarks/redis-benchmark.sh
#   TESTS=get,set PIPELINES="1 16 64" benchmarks/redis-benchmark.sh
#   REDIS_SERVER=/path/to/valkey-server benchmarks/redis-benchmark.sh
#   PIN=1 benchmarks/redis-benchmark.sh           # both servers on one CPU, redis-benchmark on the others
#
# Both servers run at once on free loopback ports. Every (pipeline depth, command) pair is measured against each
# server back to back, alternating which goes first from round to round, so both share the machine's noise; the
# table shows the median of the rounds. The tool is built in Release and run as `dotnet inprocvalkey-server.dll`
# (not `dotnet run`, which would measure nothing different but builds and may not survive a background start).
# Both servers are stopped on exit (trap), whatever happens.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TESTS="${TESTS:-set,get,incr,mset}"
CLIENTS="${CLIENTS:-50}"
REQUESTS="${REQUESTS:-200000}"
PIPELINES="${PIPELINES:-1 16}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-200000}"        # requests per command and pipeline depth before measuring; 0 = none
PIN="${PIN:-0}"                   # 1: each server pinned to the last CPU and redis-benchmark to the others (taskset)
REDIS_SERVER="${REDIS_SERVER:-redis-server}"
REDIS_BENCHMARK="${REDIS_BENCHMARK:-redis-benchmark}"
OUT="${OUT:-${TMPDIR:-/tmp}/inprocvalkey-redis-benchmark}"

for tool in dotnet "$REDIS_SERVER" "$REDIS_BENCHMARK"; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
mkdir -p "$OUT"

echo "building inprocvalkey-server (Release)…" >&2
dotnet build "$ROOT/src/InProcValkey.Server.Tool" -c Release -o "$OUT/bin" --nologo -v quiet >"$OUT/build.log" 2>&1 \
    || { cat "$OUT/build.log" >&2; exit 1; }
DLL="$OUT/bin/inprocvalkey-server.dll"

# A loopback port nobody listens on (checked with ss; a race with another program is possible but harmless here).
free_port() {
    local port
    while true; do
        port=$((20000 + RANDOM % 20000))
        if ! ss -Htln "sport = :$port" | grep -q .; then
            echo "$port"
            return
        fi
    done
}

OURS_PID=""
REDIS_PID=""
cleanup() {
    for pid in $OURS_PID $REDIS_PID; do
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in $OURS_PID $REDIS_PID; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT INT TERM

SERVER_CPU=()
CLIENT_CPU=()
if [ "$PIN" = 1 ]; then
    last=$(($(nproc) - 1))
    SERVER_CPU=(taskset -c "$last")
    [ "$last" -gt 0 ] && CLIENT_CPU=(taskset -c "0-$((last - 1))")
fi

wait_ready() { # name pid port log pattern; returns 1 when the server exited (e.g. its port was taken meanwhile)
    for _ in $(seq 300); do
        if grep -q "$5" "$4" 2>/dev/null && redis-cli -p "$3" ping >/dev/null 2>&1; then return 0; fi
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    echo "$1 not ready after 30 s:" >&2; cat "$4" >&2; exit 1
}

# Each server on a free port; a port taken between the check and the bind is retried on another.
for attempt in 1 2 3 4 5; do
    OURS_PORT=$(free_port)
    setsid "${SERVER_CPU[@]}" dotnet "$DLL" --port "$OURS_PORT" --loglevel warning >"$OUT/ours.log" 2>&1 </dev/null &
    OURS_PID=$!
    wait_ready inprocvalkey-server "$OURS_PID" "$OURS_PORT" "$OUT/ours.log" "Ready to accept connections" && break
    [ "$attempt" = 5 ] && { echo "inprocvalkey-server exited:" >&2; cat "$OUT/ours.log" >&2; exit 1; }
done
for attempt in 1 2 3 4 5; do
    REDIS_PORT=$(free_port)
    [ "$REDIS_PORT" = "$OURS_PORT" ] && continue
    setsid "${SERVER_CPU[@]}" "$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
        --daemonize no --loglevel notice >"$OUT/redis.log" 2>&1 </dev/null &
    REDIS_PID=$!
    wait_ready redis-server "$REDIS_PID" "$REDIS_PORT" "$OUT/redis.log" "Ready to accept connections" && break
    [ "$attempt" = 5 ] && { echo "redis-server exited:" >&2; cat "$OUT/redis.log" >&2; exit 1; }
done

REDIS_VERSION=$("$REDIS_SERVER" --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')
echo "inprocvalkey-server on $OURS_PORT (pid $OURS_PID), redis-server $REDIS_VERSION on $REDIS_PORT (pid $REDIS_PID)" >&2
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); redis-benchmark -c $CLIENTS -n $REQUESTS, $ROUNDS rounds, pinned: $PIN" >&2

# One redis-benchmark run of one command; prints its requests per second.
measure() { # port pipeline test
    "${CLIENT_CPU[@]}" "$REDIS_BENCHMARK" -p "$1" -c "$CLIENTS" -n "$REQUESTS" -P "$2" -t "$3" --csv 2>/dev/null \
        | awk -F'","' 'NR > 1 { print $2; exit }'
}

# Warm-up, not measured, against both servers alike: the .NET tool compiles its hot paths in tiers (the first
# hundred thousand requests run partly unoptimised code), redis-server needs nothing but gets the same treatment.
if [ "$WARMUP" != 0 ]; then
    echo "warm-up…" >&2
    for port in $OURS_PORT $REDIS_PORT; do
        for p in $PIPELINES; do
            "$REDIS_BENCHMARK" -p "$port" -c "$CLIENTS" -n "$WARMUP" -P "$p" -t "$TESTS" -q >/dev/null 2>&1
        done
    done
fi

RESULTS="$OUT/results.txt"
: >"$RESULTS"
IFS=',' read -r -a TEST_LIST <<<"$TESTS"
for round in $(seq "$ROUNDS"); do
    for p in $PIPELINES; do
        for t in "${TEST_LIST[@]}"; do
            if [ $((round % 2)) -eq 1 ]; then order="ours redis"; else order="redis ours"; fi
            for who in $order; do
                port=$OURS_PORT; [ "$who" = redis ] && port=$REDIS_PORT
                rps=$(measure "$port" "$p" "$t")
                echo "$round $p $t $who ${rps:-0}" >>"$RESULTS"
                printf '  round %s  -P %-3s %-5s %-6s %12s req/s\n' "$round" "$p" "$t" "$who" "${rps:-failed}" >&2
            done
        done
    done
done

echo
echo "redis-benchmark -c $CLIENTS -n $REQUESTS, median of $ROUNDS rounds; $(nproc) cores (load at the end $(cut -d' ' -f1-3 /proc/loadavg)); pinned: $PIN; redis-server $REDIS_VERSION"
echo
echo "| command | -P | inprocvalkey-server req/s | redis-server req/s | ours / redis |"
echo "| --- | ---: | ---: | ---: | ---: |"
for p in $PIPELINES; do
    for t in "${TEST_LIST[@]}"; do
        median() {
            awk -v p="$p" -v t="$t" -v w="$1" '$2 == p && $3 == t && $4 == w { print $5 }' "$RESULTS" \
                | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
        }
        ours=$(median ours)
        theirs=$(median redis)
        awk -v t="$t" -v p="$p" -v a="$ours" -v b="$theirs" \
            'BEGIN { printf "| %s | %s | %.0f | %.0f | %s |\n", toupper(t), p, a, b, (b > 0 ? sprintf("%.2f×", a / b) : "n/a") }'
    done
done
