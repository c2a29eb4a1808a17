#!/usr/bin/env bash
# The minting pipeline against a bare HttpClient call on ONE visible core, from process start (docs/benchmarks.md):
# the emulator runs on core 1, the benchmark on core 0 with DOTNET_PROCESSOR_COUNT=1, once per runtime configuration,
# and prints each second's pipeline/bare throughput ratio since the process started. The configurations:
#   default    .NET's defaults (tiered compilation, dynamic PGO, 100 ms call-counting delay, x10 on one CPU)
#   no-pgo     DOTNET_TieredPGO=0 (no instrumented tier between tier 0 and tier 1)
#   no-delay   DOTNET_TC_CallCountingDelayMs=0 (count calls from the first one: hot code tiers up after 30 calls)
#   shipped    both, as the Action image (Dockerfile) and the Functions app (csproj + app setting) run
# usage: benchmarks/one-cpu-startup.sh [SECONDS] (ROUNDS=3 by default; needs cores 0 and 1)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-6}
rounds=${ROUNDS:-3}
dotnet build -c Release src/Emulator/CpanelSessionOps.Emulator.csproj --nologo -v q >/dev/null
dotnet build -c Release benchmarks/CpanelSessionOps.Benchmarks/CpanelSessionOps.Benchmarks.csproj --nologo -v q >/dev/null
info=$(mktemp)
taskset -c 1 dotnet src/Emulator/bin/Release/net10.0/CpanelSessionOps.Emulator.dll --info-file "$info" >/dev/null 2>&1 &
emulator=$!
trap 'kill $emulator; rm -f "$info"' EXIT
for _ in $(seq 50); do [ -s "$info" ] && break; sleep 0.2; done
declare -A settings=(
  [default]=""
  [no-pgo]="DOTNET_TieredPGO=0"
  [no-delay]="DOTNET_TC_CallCountingDelayMs=0"
  [shipped]="DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=0"
)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  for name in default no-pgo no-delay shipped; do
    echo "== round $round, $name: ${settings[$name]:-(nothing set)}"
    # shellcheck disable=SC2086
    env ${settings[$name]} CPANEL_EMULATOR_INFO="$info" DOTNET_PROCESSOR_COUNT=1 taskset -c 0 \
      dotnet benchmarks/CpanelSessionOps.Benchmarks/bin/Release/net10.0/CpanelSessionOps.Benchmarks.dll startup --seconds "$seconds" | tail -n +3
  done
done
