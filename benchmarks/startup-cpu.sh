#!/usr/bin/env bash
# CPU cost of the starter's start-up, which the elapsed times of startup.sh cannot resolve on a shared machine (one
# start's "Started in" varies by 200-300 ms there). Starts the demo RUNS times with the starter and RUNS times with the
# three Nitric auto-configurations excluded, interleaved, through StartupCpuProbe, and reports medians of: the main
# thread's CPU time and the process's when SpringApplication.run returns, the classes loaded, the CPU time of
# configuration parsing, and the main thread's CPU time in each bean creation of Nitric (its own, without the beans
# it asks for). Settings (environment): RUNS=8 JAVA_OPTS=-Xmx512m SKIP_BUILD=1 to reuse the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
RUNS=${RUNS:-8}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
out=benchmarks/target/startup-cpu
mkdir -p "$out"
rm -f "$out"/*.txt
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
	benchmarks/build.sh
fi
cp="benchmarks/target/classes:demo-app/target/classes:$(cat demo-app/target/classpath.txt)"
exclude="dev.nitric.spring.autoconfigure.manifest.NitricManifestAutoConfiguration,\
dev.nitric.spring.autoconfigure.storage.NitricStorageAutoConfiguration,\
dev.nitric.spring.autoconfigure.gateway.NitricGatewayAutoConfiguration"
echo "# $(date -u +%FT%TZ) load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$RUNS"); do
	for variant in with without; do
		args=(--server.port=0)
		if [[ "$variant" == without ]]; then
			args+=(--spring.autoconfigure.exclude="$exclude")
		fi
		# shellcheck disable=SC2086
		java $JAVA_OPTS -cp "$cp" dev.nitric.spring.benchmarks.startup.StartupCpuProbe dev.nitric.spring.demo.DemoApplication \
			"${args[@]}" 2>&1 | grep -E '^(PROBE|STEP) ' >"$out/$variant-$run.txt"
	done
done
echo "# $(date -u +%FT%TZ) load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" "$RUNS" <<'PY'
import collections, re, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
figures = {v: collections.defaultdict(list) for v in ("with", "without")}
beans = collections.defaultdict(list)
for variant in ("with", "without"):
	for run in range(1, runs + 1):
		nitric = collections.Counter()
		for line in open(f"{out}/{variant}-{run}.txt"):
			if line.startswith("PROBE "):
				for key, value in re.findall(r"(\w+)=(\d+)", line):
					figures[variant][key].append(int(value))
				continue
			own, total, label = line.split(" ", 3)[1:]
			label = label.strip()
			if label == "spring.context.config-classes.parse":
				figures[variant]["config_parse_cpu_ms"].append(int(total) / 1000)
			if label.startswith("spring.beans.instantiate") and re.search(r"[Nn]itric", label):
				nitric[label.split(" ", 1)[1]] += int(own)
		figures[variant]["nitric_beans_cpu_ms"].append(sum(nitric.values()) / 1000)
		if variant == "with":
			for bean in set(nitric) | set(beans):
				beans[bean].append(nitric.get(bean, 0) / 1000)
print("| figure (median of %d) | with Nitric | without | difference |" % runs)
print("|---|---:|---:|---:|")
for key in ("main_cpu_ms", "process_cpu_ms", "config_parse_cpu_ms", "nitric_beans_cpu_ms", "classes", "wall_ms"):
	w, wo = statistics.median(figures["with"][key]), statistics.median(figures["without"][key])
	print(f"| {key} | {w:.0f} | {wo:.0f} | {w - wo:+.0f} |")
print("\n| Nitric bean (configuration classes included) | own CPU of its creation, median (ms) |")
print("|---|---:|")
for bean, values in sorted(beans.items(), key=lambda item: -statistics.median(item[1])):
	print(f"| {bean} | {statistics.median(values):.1f} |")
PY
