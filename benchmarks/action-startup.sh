#!/usr/bin/env bash
# Start-up of the published Action program (docs/benchmarks.md): for each published folder given, the wall time and
# the CPU time (user + system) of `check` for one mailbox against a running emulator, from process start to exit
# (its first and only result included), and the wall time of `--help`. Rounds are interleaved; medians are printed.
# usage: benchmarks/action-startup.sh EMULATOR_INFO_FILE APP_DIR... (ROUNDS=7 by default)
set -euo pipefail
info=$1; shift
rounds=${ROUNDS:-7}
read -r cp wp mp fp < <(python3 -c "import json,sys;from urllib.parse import urlparse as u;i=json.load(open(sys.argv[1]));print(u(i['cpanelUrl']).port,u(i['whmUrl']).port,u(i['webmailUrl']).port,i['certificateSha256'])" "$info")
export CPANEL_API_TOKEN=ROOTAPITOKEN00000000000000000001 # the emulator's built-in demo token
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A wall cpu help
for _ in $(seq "$rounds"); do
  for app in "$@"; do
    start=$(date +%s%N)
    times=$( { TIMEFORMAT='%U %S'; time dotnet "$app/CpanelSessionOps.Action.dll" check --server 127.0.0.1 --cpanel-port "$cp" --whm-port "$wp" \
      --webmail-port "$mp" --certificate-sha256 "$fp" --username root --mailboxes alice@example.com >/dev/null 2>&1; } 2>&1 )
    wall[$app]+="$(( ($(date +%s%N) - start) / 1000000 )) "
    cpu[$app]+="$(echo "$times" | awk '{printf "%d", ($1 + $2) * 1000}') "
    start=$(date +%s%N)
    dotnet "$app/CpanelSessionOps.Action.dll" --help >/dev/null
    help[$app]+="$(( ($(date +%s%N) - start) / 1000000 )) "
  done
done
for app in "$@"; do
  echo "$app: check wall $(echo "${wall[$app]}" | median) ms, cpu $(echo "${cpu[$app]}" | median) ms; --help wall $(echo "${help[$app]}" | median) ms;" \
       "size $(du -sb "$app" | cut -f1) bytes in $(find "$app" -type f | wc -l) files"
done
