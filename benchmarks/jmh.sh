#!/usr/bin/env bash
# Runs the JMH benchmarks of this module with the module's runtime classpath (no uber-jar).
# Usage: benchmarks/jmh.sh [JMH options]   (default: the gateway benchmark, short settings, -prof gc)
# Example: benchmarks/jmh.sh 'GatewayValidationBenchmark.nitricAws.*' -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
	benchmarks/build.sh
fi
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
if [[ $# -eq 0 ]]; then
	set -- 'dev.nitric.spring.benchmarks.gateway.GatewayValidationBenchmark' -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
fi
echo "# $(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exec java ${JAVA_OPTS:-} -cp "$cp" org.openjdk.jmh.Main "$@"
