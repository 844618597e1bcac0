#!/usr/bin/env bash
# Start-up of the demo with the Nitric starter vs the same application without Nitric (the same classes, with the
# three Nitric auto-configurations excluded), RUNS times each, interleaved. Reports Spring's "Started ... in X
# seconds (process running for Y)" figures (medians), and, with Nitric, the latency of the first requests after
# start-up: a first public GET (which initialises the DispatcherServlet), then the first GET /planets with a
# dev-issuer token vs the next ones (a request that waited on a JWKS fetch would stand out); the same requests
# without Nitric (where /planets is not secured) give the cold-start baseline. Stops every application by PID.
# Settings (environment): RUNS=7 JAVA_OPTS=-Xmx512m PORT=18090 SKIP_BUILD=1 to reuse the last build,
#   WITH_ARGS: extra arguments of the variant with Nitric (for example --nitric.dev-issuer.enabled=false).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
RUNS=${RUNS:-7}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
PORT=${PORT:-18090}
out=benchmarks/target/startup
mkdir -p "$out"
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
	benchmarks/build.sh
fi
cp="demo-app/target/classes:$(cat demo-app/target/classpath.txt)"
exclude="dev.nitric.spring.autoconfigure.manifest.NitricManifestAutoConfiguration,\
dev.nitric.spring.autoconfigure.storage.NitricStorageAutoConfiguration,\
dev.nitric.spring.autoconfigure.gateway.NitricGatewayAutoConfiguration"

pid=""
cleanup() {
	if [[ -n "$pid" ]]; then
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
}
trap cleanup EXIT

# One start: prints "<started-in> <process-running-for>" and, with Nitric, writes first-request latencies.
start_once() {
	local variant=$1 run=$2 log="$out/$variant-$run.log" deadline=$((SECONDS + 90))
	local args=(--server.port="$PORT")
	if [[ "$variant" == without ]]; then
		args+=(--spring.autoconfigure.exclude="$exclude")
	else
		# shellcheck disable=SC2206
		args+=(${WITH_ARGS:-})
	fi
	rm -f "$log"
	# shellcheck disable=SC2086
	java $JAVA_OPTS -cp "$cp" dev.nitric.spring.demo.DemoApplication "${args[@]}" >"$log" 2>&1 &
	pid=$!
	until grep -qs "Started DemoApplication" "$log"; do
		if ((SECONDS > deadline)) || ! kill -0 "$pid" 2>/dev/null; then
			echo "$variant did not start: see $log" >&2
			exit 1
		fi
		sleep 0.05
	done
	local token=none
	if [[ "$variant" == with && "${WITH_ARGS:-}" != *dev-issuer.enabled=false* ]]; then
		token=$(curl -fs -X POST "http://127.0.0.1:$PORT/nitric/dev-issuer/token" -d sub=bench -d scope=user.read \
			| sed -E 's/.*"access_token":"([^"]+)".*/\1/')
	fi
	{
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$PORT/planets/unsecured-planet"
		for i in $(seq 1 21); do
			curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" \
				"http://127.0.0.1:$PORT/planets"
		done
	} >"$out/first-requests-$variant-$run.txt"
	sed -nE 's/.*Started DemoApplication in ([0-9.]+) seconds \(process running for ([0-9.]+)\).*/\1 \2/p' "$log"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=""
}

echo "# $(date -u +%FT%TZ) load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$out/times.txt"
for run in $(seq 1 "$RUNS"); do
	for variant in with without; do
		echo "$variant $(start_once "$variant" "$run")" >>"$out/times.txt"
	done
done
echo "# $(date -u +%FT%TZ) load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" "$RUNS" <<'PY'
import statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
times = {}
for line in open(f"{out}/times.txt"):
	variant, started, process = line.split()
	times.setdefault(variant, []).append((float(started), float(process)))
print("| variant | runs | started in (s), median | min | process running for (s), median | all 'started in' |")
print("|---|---:|---:|---:|---:|---|")
med = {}
for variant in ("with", "without"):
	s = [t[0] for t in times[variant]]
	p = [t[1] for t in times[variant]]
	med[variant] = (statistics.median(s), statistics.median(p), min(s))
	print(f"| {variant} Nitric | {len(s)} | {med[variant][0]:.3f} | {med[variant][2]:.3f} | {med[variant][1]:.3f} | {' '.join(f'{x:.3f}' for x in s)} |")
overhead = (med["with"][0] - med["without"][0]) * 1000
overhead_min = (med["with"][2] - med["without"][2]) * 1000
print(f"\nstart-up overhead of the starter: median {overhead:.0f} ms (ratio {med['with'][0] / med['without'][0]:.3f}),"
	f" min {overhead_min:.0f} ms (ratio {med['with'][2] / med['without'][2]:.3f})")
print("\n| variant | run | first GET public (ms) | then first GET /planets (ms) | median of the next 20 (ms) | statuses |")
print("|---|---:|---:|---:|---:|---|")
for variant in ("with", "without"):
	for run in range(1, runs + 1):
		rows = [line.split() for line in open(f"{out}/first-requests-{variant}-{run}.txt")]
		latencies = [float(r[1]) * 1000 for r in rows]
		statuses = ",".join(r[0] for r in rows[:2]) + ",..." + ",".join(sorted(set(r[0] for r in rows[2:])))
		print(f"| {variant} Nitric | {run} | {latencies[0]:.1f} | {latencies[1]:.1f} | {statistics.median(latencies[2:]):.1f} | {statuses} |")
PY
