#!/usr/bin/env bash
# Gateway end-to-end benchmark: SMTP submission and POP3 retrieval through the kdcmail gateway
# against the same client work straight to the office server, in one JVM, one run, on loopback
# (org.kdcmail.bench.gateway.GatewayLoad): GreenMail as the office server, a real KDC with Derby on
# disk, max(clients) enrolled and unlocked users, Jakarta Mail (Angus) as the client on both paths.
# Prints one Markdown table (stdout) and one progress line per cell (stderr), with `uptime` and
# the machine description before and after.
#
# Needs: bench/target/benchmarks.jar (./mvnw -q -DskipTests -Dkdcmail.fuzz.skip=true -pl bench -am
# package). The scratch folder (KDC database, client stores, gateway spool) is removed on exit.
#
# Usage: bench/gateway-load.sh [--sizes 10240,1048576] [--clients 1,16] [--warmup-seconds 5]
#          [--seconds 10] [--pop3-messages 10] [--max-large-ops 600] [--only smtp|pop3]
#          [--jfr FILE]   (records a JFR profile of the whole run: settings=profile)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/bench/target/benchmarks.jar"
JAVA="${JAVA:-java}"
HEAP="${GATEWAY_LOAD_HEAP:-6g}"
ARGS=()
JFR=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jfr) JFR=("-XX:StartFlightRecording=filename=$2,settings=profile,dumponexit=true"); shift 2 ;;
    --sizes|--clients|--warmup-seconds|--seconds|--pop3-messages|--max-large-ops|--only)
      ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$JAR" ] || { echo "build the driver first: ./mvnw -q -DskipTests -Dkdcmail.fuzz.skip=true -pl bench -am package" >&2; exit 2; }

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/gateway-load.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" >&2
"$JAVA" -version 2>&1 | head -1 | sed 's/^/jdk: /' >&2
echo "before: $(uptime)" >&2
"$JAVA" -Xms"$HEAP" -Xmx"$HEAP" "${JFR[@]}" -cp "$JAR" org.kdcmail.bench.gateway.GatewayLoad \
  --dir "$SCRATCH/run" "${ARGS[@]}"
echo "after: $(uptime)" >&2
