#!/usr/bin/env bash
# Runs a benchmark of the bench module from the repository root; build it first with
#   mvn -B -DskipTests package
# Usage:
#   bench/run.sh jmh [JMH options]       e.g. bench/run.sh jmh VerifyBenchmark -f 1
#   bench/run.sh http [--rounds 5 --seconds 10 --warmup 5 --connections 8 --keys 4]
#   bench/run.sh pinned [--rounds 8 --seconds 8 --warmup 8 --connections 16 --server-cpus 0
#       --load-cpus 1 --paths none,minimal,floor,keyguard,people,nometrics,naive --mode rounds|mixed]
#       issue 18: the server pinned to one core, wrk (apt-get install wrk) on the other; Keyguard
#       against a minimal filter. --mode mixed sends each request to a guard drawn at random, and
#       compares them by CPU time within each round: the measure that holds on a shared VM
#   bench/run.sh flood [--rounds 3 --seconds 8 --warmup 5 --connections 8 --flooders 1]
#   bench/run.sh flood-forged [--rounds 3 --seconds 6 --warmup 5 --connections 8 --flooders 2
#       --addresses 1000 --keys 100000]   forged keys (wrong checksum) from 1,000 source addresses
#   bench/run.sh memory                 memory per cached key (100k keys, 1M in the database)
#   bench/run.sh cputime [--rounds 15 [--calls 1000000]]  VerifyBenchmark's calls by CPU time
#   bench/run.sh profile FILE.jfr       where an HTTP run's CPU samples went, per configuration
#     (record one with JAVA_OPTS=-XX:StartFlightRecording=filename=FILE.jfr,settings=profile)
#   bench/run.sh propagation [--configs postgres-listen,postgres-polling,mariadb-polling,h2-polling
#       --listen-revocations 300 --polling-revocations 100 --mariadb-url URL --mariadb-user root
#       --mariadb-password '' --poll-interval 200ms]    how long a key revoked on one node stays
#       accepted by two others
#   bench/run.sh idle --url URL [--user root --password '' --nodes 3 --seconds 60 --db-pid PID
#       --poll-interval 200ms]    what idle nodes cost: CPU of the JVM, its followers, the database
# PostgreSQL: -Dkeyguard.bench.postgres.url=... in JAVA_OPTS, default
# jdbc:postgresql://127.0.0.1:5432/keyguard_perf as postgres (createdb keyguard_perf first).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f bench/target/classpath.txt ]]; then
  echo "Build first: mvn -B -DskipTests package" >&2
  exit 2
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
what="${1:?jmh, http, pinned, flood, flood-forged, memory, cputime, profile, propagation or idle}"
shift
opts=(-Xms1g -Xmx2g -Dorg.jboss.logging.provider=slf4j ${JAVA_OPTS:-})
case "$what" in
  jmh) exec java "${opts[@]}" -cp "$cp" org.openjdk.jmh.Main "$@" ;;
  http) exec java "${opts[@]}" -cp "$cp" dev.keyguard.bench.http.HttpLoadRun "$@" ;;
  pinned) exec java -cp "$cp" dev.keyguard.bench.pinned.PinnedRun "$@" ;;
  flood) exec java "${opts[@]}" -cp "$cp" dev.keyguard.bench.http.FloodRun "$@" ;;
  flood-forged) exec java "${opts[@]}" -cp "$cp" dev.keyguard.bench.http.ForgedFloodRun "$@" ;;
  memory) exec java "${opts[@]}" -Djdk.attach.allowAttachSelf=true -cp "$cp" \
      dev.keyguard.bench.scale.CacheMemory "$@" ;;
  cputime) exec java "${opts[@]}" -cp "$cp" dev.keyguard.bench.CpuTimeVerify "$@" ;;
  profile) exec java -cp "$cp" dev.keyguard.bench.http.ProfileShare "$@" ;;
  propagation) exec java "${opts[@]}" -cp "$cp" dev.keyguard.bench.propagation.PropagationRun "$@" ;;
  idle) exec java "${opts[@]}" -cp "$cp" dev.keyguard.bench.propagation.IdleRun "$@" ;;
  *) echo "Unknown benchmark '$what': jmh, http, pinned, flood, flood-forged, memory, cputime, profile, propagation or idle" >&2
     exit 2 ;;
esac
