#!/usr/bin/env bash
# End-to-end load on loopback, bounded in time: wrk against
#   - the demo (Nitric starter, dev issuer): GET /planets with a valid token; GET /public/planets, the same answer on
#     a public route (benchmarks' PublicPlanets, added to the demo with spring.main.sources: issue 6's "the same
#     route unsecured"); GET /planets/unsecured-planet, the demo's own public route (a smaller answer);
#   - PlainResourceServerApp (Spring Security resource server, NimbusJwtDecoder on the demo's JWKS): the same three.
#   - the control: the demo's classes without Nitric (the three Nitric auto-configurations excluded), where all
#     routes are public: its ratios are what the routes' different answers, paths and request bytes alone cost.
# The apps run side by side (only one is loaded at a time), same JVM flags, same wrk settings, same run.
# One app at a time, each case is measured ROUNDS times, even rounds in reverse order; the summary gives each round and
# the median.
# Needs wrk (Debian: apt-get install -y wrk). Stops both apps by PID on exit.
# Settings (environment): THREADS=2 CONNECTIONS=16 DURATION=10s WARMUP=10s ROUNDS=4 JAVA_OPTS=-Xmx512m
#   CACHE_SIZE (nitric.gateway.token-cache-size of the demo; unset = default 1000, 0 = no cache)
#   CLOUD (nitric.cloud of the demo; unset = its default, portable: AWS, GCP and Azure all check each token)
#   DEMO_PORT=18080 PLAIN_PORT=18081 BARE_PORT=18082
#   SKIP_BUILD=1 to reuse the last build.
#   PIN=1: the servers on CPU 0 and wrk on CPU 1 (taskset), so that the client does not take CPU from the server
#     it measures; each JVM then sees one processor. Needs at least two CPUs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
ROUNDS=${ROUNDS:-4}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
DEMO_PORT=${DEMO_PORT:-18080}
PLAIN_PORT=${PLAIN_PORT:-18081}
BARE_PORT=${BARE_PORT:-18082}
out=benchmarks/target/load
mkdir -p "$out"
server_cpu=()
client_cpu=()
if [[ "${PIN:-}" == "1" ]]; then
	command -v taskset >/dev/null || { echo "PIN=1 needs taskset (util-linux)" >&2; exit 1; }
	server_cpu=(taskset -c 0)
	client_cpu=(taskset -c 1)
fi

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
	benchmarks/build.sh
fi

pids=()
cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
}
trap cleanup EXIT

wait_ready() {
	local url=$1 deadline=$((SECONDS + 90))
	until curl -fs -o /dev/null "$url"; do
		if ((SECONDS > deadline)); then
			echo "not ready: $url" >&2
			exit 1
		fi
		sleep 0.2
	done
}

# The demo, plus the benchmarks' PublicPlanets (GET /public/planets): the demo's GET /planets answer on a public route.
demo_cp="demo-app/target/classes:benchmarks/target/classes:$(cat demo-app/target/classpath.txt)"
public_planets=--spring.main.sources=dev.nitric.spring.benchmarks.load.PublicPlanets
demo_extra=()
if [[ -n "${CACHE_SIZE:-}" ]]; then
	demo_extra+=("--nitric.gateway.token-cache-size=$CACHE_SIZE")
fi
if [[ -n "${CLOUD:-}" ]]; then
	demo_extra+=("--nitric.cloud=$CLOUD")
fi
# shellcheck disable=SC2086
${server_cpu[@]+"${server_cpu[@]}"} java $JAVA_OPTS -cp "$demo_cp" dev.nitric.spring.demo.DemoApplication \
	--server.port="$DEMO_PORT" "$public_planets" ${demo_extra[@]+"${demo_extra[@]}"} >"$out/demo.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$DEMO_PORT/planets/unsecured-planet"
issuer="http://localhost:$DEMO_PORT/nitric/dev-issuer"
token=$(curl -fs -X POST "http://127.0.0.1:$DEMO_PORT/nitric/dev-issuer/token" -d sub=bench -d scope=user.read \
	-d expires_in=3600 | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

# shellcheck disable=SC2086
${server_cpu[@]+"${server_cpu[@]}"} java $JAVA_OPTS -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
	dev.nitric.spring.benchmarks.plain.PlainResourceServerApp --server.port="$PLAIN_PORT" \
	--plain.jwks-uri="$issuer/jwks" --plain.issuer="$issuer" >"$out/plain.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$PLAIN_PORT/planets/unsecured-planet"

# shellcheck disable=SC2086
${server_cpu[@]+"${server_cpu[@]}"} java $JAVA_OPTS -cp "$demo_cp" dev.nitric.spring.demo.DemoApplication \
	--server.port="$BARE_PORT" "$public_planets" --spring.autoconfigure.exclude=\
dev.nitric.spring.autoconfigure.manifest.NitricManifestAutoConfiguration,\
dev.nitric.spring.autoconfigure.storage.NitricStorageAutoConfiguration,\
dev.nitric.spring.autoconfigure.gateway.NitricGatewayAutoConfiguration >"$out/bare.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$BARE_PORT/planets/unsecured-planet"

# <app>-public is GET /public/planets (the secured route's answer, public), <app>-pluto the demo's own public route.
declare -A urls=()
for app in nitric plain bare; do
	port_var=${app^^}_PORT
	[[ $app == nitric ]] && port_var=DEMO_PORT
	base="http://127.0.0.1:${!port_var}"
	urls[$app-secured]="$base/planets"
	urls[$app-public]="$base/public/planets"
	urls[$app-pluto]="$base/planets/unsecured-planet"
done
urls[nitric-public+token]=${urls[nitric-public]}
urls[bare-secured+token]=${urls[bare-secured]}
# The "+token" cases send the secured case's headers (the token too) to a route that does not check it: they separate
# what carrying a ~700-byte token costs (client, loopback, Tomcat's header parsing) from what checking it costs.
# Cases compared with each other run next to each other in every round.
cases=(nitric-secured nitric-public nitric-pluto nitric-public+token bare-secured+token bare-secured bare-public
	bare-pluto plain-secured plain-public plain-pluto)

# Sanity: the secured routes answer 200 with the token and 401 without; GET /public/planets answers without a token
# what GET /planets answers with one.
for app in nitric plain bare; do
	secured_body=$(curl -fs -H "Authorization: Bearer $token" "${urls[$app-secured]}")
	public_body=$(curl -fs "${urls[$app-public]}")
	if [[ "$secured_body" != "$public_body" ]]; then
		echo "$app: GET /public/planets answers $public_body, GET /planets $secured_body (want the same)" >&2
		exit 1
	fi
done
for app in nitric plain; do
	url=${urls[$app-secured]}
	with=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url")
	without=$(curl -s -o /dev/null -w '%{http_code}' "$url")
	if [[ "$with" != 200 || "$without" != 401 ]]; then
		echo "$app: secured route answers $with with the token and $without without (want 200 and 401)" >&2
		exit 1
	fi
done

# The token goes to the secured cases only: Spring Security's bearer filter verifies a token sent to a permitAll
# route too, so sending it to the public routes would make the plain app's public case a secured one.
run_wrk() {
	local name=$1 duration=$2 file=$3 header=()
	if [[ "$name" == *-secured || "$name" == *+token ]]; then
		header=(-H "Authorization: Bearer $token")
	fi
	${client_cpu[@]+"${client_cpu[@]}"} wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency "${header[@]}" "${urls[$name]}" >"$file"
}

echo "# $(date -u +%FT%TZ) load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# One app at a time: its cases warm up, then run ROUNDS times, even rounds in reverse order (ABBA), so that the two
# cases of every compared pair run next to each other, each in both positions equally often. Mixing the apps within
# a round gave the bare control (/planets against /public/planets, no security, the same answer) 0.93–0.95 where the
# same pair run alone measures 0.97–0.98: the first cases after a change of app ran slower.
for app in nitric bare plain; do
	app_cases=()
	for name in "${cases[@]}"; do
		if [[ "${name%%-*}" == "$app" ]]; then
			app_cases+=("$name")
		fi
	done
	for name in "${app_cases[@]}"; do
		run_wrk "$name" "$WARMUP" "$out/warmup-$name.txt"
	done
	for round in $(seq 1 "$ROUNDS"); do
		order=("${app_cases[@]}")
		if ((round % 2 == 0)); then
			order=()
			for ((i = ${#app_cases[@]} - 1; i >= 0; i--)); do
				order+=("${app_cases[i]}")
			done
		fi
		for name in "${order[@]}"; do
			run_wrk "$name" "$DURATION" "$out/round$round-$name.txt"
			if grep -q "Non-2xx" "$out/round$round-$name.txt"; then
				echo "$name answered non-2xx responses: see $out/round$round-$name.txt" >&2
				exit 1
			fi
		done
	done
done
echo "# $(date -u +%FT%TZ) load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP per case), one app at a time," \
	"$ROUNDS rounds each (even ones reversed), JAVA_OPTS=$JAVA_OPTS" \
	"CACHE_SIZE=${CACHE_SIZE:-default} CLOUD=${CLOUD:-default} PIN=${PIN:-0}"

# Summary (also re-runnable on saved outputs: python3 benchmarks/load-summary.py DIR ROUNDS CASES...).
python3 benchmarks/load-summary.py "$out" "$ROUNDS" "${cases[@]}"
