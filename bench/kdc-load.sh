#!/usr/bin/env bash
# KDC load benchmark: kdcmail's KDC and an MIT Kerberos KDC back to back on this machine, over
# loopback, with the same Java load driver (org.kdcmail.bench.kdc.KdcLoad): clients x recipients,
# warm-up, then a fixed measured time per cell; prints req/s, p50 and p99 per cell.
#
# Needs: bench/target/benchmarks.jar (./mvnw -q -DskipTests -Dkdcmail.fuzz.skip=true -pl bench -am
# package) and Debian's krb5-kdc, krb5-admin-server (kadmin.local) and krb5-user. The MIT KDC runs
# in a throwaway realm in a scratch folder, on 127.0.0.1 and a random high port, started by this
# script only and stopped by its PID on exit.
#
# Usage: bench/kdc-load.sh [--clients 1,8,64] [--recipients 1,10] [--warmup-seconds 5]
#                          [--seconds 15] [--only kdcmail|mit] [--mit-workers N]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/bench/target/benchmarks.jar"
CLIENTS=1,8,64
RECIPIENTS=1,10
WARMUP=5
SECONDS_PER_CELL=15
ONLY=""
MIT_WORKERS="$(nproc)"
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) CLIENTS="$2"; shift 2 ;;
    --recipients) RECIPIENTS="$2"; shift 2 ;;
    --warmup-seconds) WARMUP="$2"; shift 2 ;;
    --seconds) SECONDS_PER_CELL="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --mit-workers) MIT_WORKERS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$JAR" ] || { echo "build the driver first: ./mvnw -q -DskipTests -Dkdcmail.fuzz.skip=true -pl bench -am package" >&2; exit 2; }

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/kdc-load.XXXXXX")"
KDC_PID=""
cleanup() {
  if [ -n "$KDC_PID" ]; then kill "$KDC_PID" 2>/dev/null || true; wait "$KDC_PID" 2>/dev/null || true; fi
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

COMMON=(--clients "$CLIENTS" --recipients "$RECIPIENTS" --warmup-seconds "$WARMUP" --seconds "$SECONDS_PER_CELL")
JAVA=(java -Xms512m -Xmx512m -cp "$JAR" org.kdcmail.bench.kdc.KdcLoad)

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "== load before: $(uptime)"

run_kdcmail() {
  echo "== kdcmail KDC (in-process, Derby durable on disk in $SCRATCH/kdcmail)"
  "${JAVA[@]}" kdcmail --dir "$SCRATCH/kdcmail" "${COMMON[@]}" 2> "$SCRATCH/kdcmail.err" \
    || { cat "$SCRATCH/kdcmail.err" >&2; exit 1; }
  echo "== load after kdcmail: $(uptime)"
}

run_mit() {
  local work="$SCRATCH/krb5" port realm=BENCH.TEST services=200
  mkdir -p "$work"
  port=$(( 20000 + RANDOM % 20000 ))
  cat > "$work/kdc.conf" <<CONF
[kdcdefaults]
    kdc_listen = 127.0.0.1:$port
    kdc_tcp_listen = 127.0.0.1:$port
[realms]
    $realm = {
        database_name = $work/principal
        key_stash_file = $work/stash
        acl_file = $work/kadm5.acl
        supported_enctypes = aes256-cts-hmac-sha1-96:normal
        master_key_type = aes256-cts-hmac-sha1-96
    }
[dbmodules]
    $realm = {
        disable_last_success = true
        disable_lockout = true
    }
[logging]
    kdc = FILE:$work/kdc.log
CONF
  cat > "$work/krb5.conf" <<CONF
[libdefaults]
    default_realm = $realm
    dns_lookup_kdc = false
    dns_lookup_realm = false
    rdns = false
    default_tkt_enctypes = aes256-cts-hmac-sha1-96
    default_tgs_enctypes = aes256-cts-hmac-sha1-96
    permitted_enctypes = aes256-cts-hmac-sha1-96
[realms]
    $realm = {
        kdc = 127.0.0.1:$port
    }
CONF
  : > "$work/kadm5.acl"
  export KRB5_CONFIG="$work/krb5.conf" KRB5_KDC_PROFILE="$work/kdc.conf" KRB5CCNAME="FILE:$work/cc"
  kdb5_util create -s -r "$realm" -P "throwaway-bench-master" > /dev/null
  kadmin.local -q "addprinc -randkey alice" > /dev/null 2>&1
  kadmin.local -q "ktadd -k $work/alice.keytab alice" > /dev/null 2>&1
  for i in $(seq 1 "$services"); do echo "addprinc -randkey svc/host$i"; done | kadmin.local > /dev/null 2>&1
  if [ "$MIT_WORKERS" -gt 1 ]; then
    krb5kdc -n -w "$MIT_WORKERS" -P "$work/kdc.pid" 2> "$work/krb5kdc.err" & KDC_PID=$!
  else
    krb5kdc -n -P "$work/kdc.pid" 2> "$work/krb5kdc.err" & KDC_PID=$!
  fi
  for _ in $(seq 1 50); do kinit -k -t "$work/alice.keytab" alice 2>/dev/null && break; sleep 0.1; done
  kinit -k -t "$work/alice.keytab" alice
  echo "== MIT krb5kdc $(dpkg-query -W -f='${Version}' krb5-kdc) (workers: $MIT_WORKERS), realm $realm on 127.0.0.1:$port, aes256-cts-hmac-sha1-96"
  local pids="$KDC_PID"
  for p in $(pgrep -P "$KDC_PID" || true); do pids="$pids,$p"; done
  "${JAVA[@]}" mit --server-pids "$pids" --krb5-conf "$work/krb5.conf" --keytab "$work/alice.keytab" --principal "alice@$realm" \
    --realm "$realm" --services "$services" "${COMMON[@]}" 2> "$SCRATCH/mit.err" \
    || { cat "$SCRATCH/mit.err" >&2; exit 1; }
  echo "== MIT KDC log lines: $(wc -l < "$work/kdc.log") (one per exchange, TGS_REQ $(grep -c 'TGS_REQ' "$work/kdc.log"))"
  kill "$KDC_PID"; wait "$KDC_PID" 2>/dev/null || true; KDC_PID=""
  echo "== load after MIT: $(uptime)"
}

[ "$ONLY" = "mit" ] || run_kdcmail
[ "$ONLY" = "kdcmail" ] || run_mit
