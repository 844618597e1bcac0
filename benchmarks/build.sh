#!/usr/bin/env bash
# Builds the demo and this module (tests skipped) and writes each one's runtime classpath to target/classpath.txt,
# pointing at the reactor's freshly built jars (not at whatever ~/.m2 holds). Used by jmh.sh, load.sh, startup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl demo-app,benchmarks -am package dependency:build-classpath -DskipTests \
	-Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime
