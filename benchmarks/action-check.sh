#!/usr/bin/env bash
# The command line's `check` of many mailboxes against its CPU-bound floor (issue #21, docs/benchmarks.md).
# For each mailbox count N: an emulator seeded with N mailboxes (spread over DOMAINS domains, one account each) runs
# alone on core 1. On core 0 run, interleaved for ROUNDS rounds: `check` of the N mailboxes (logging in with each,
# CONCURRENCY at a time, the text report to /dev/null), and the floor: the same WHM mints and logins for the same
# mailboxes at the same concurrency through CpanelClient and CpanelLoginVerifier alone, nothing else
# (benchmarks/CpanelSessionOps.Benchmarks/CheckFloor.cs). Each is a process of its own, start-up included.
# Printed: medians of wall time, CPU time (user + system) and peak RSS (GNU time's %M), and check/floor ratios.
# usage: benchmarks/action-check.sh ACTION_DIR BENCHMARKS_DIR EMULATOR_DIR N... (CONCURRENCY=16 DOMAINS=10 ROUNDS=3)
set -euo pipefail
app=$1 bench=$2 emu=$3; shift 3
conc=${CONCURRENCY:-16} domains=${DOMAINS:-10} rounds=${ROUNDS:-3}
work=$(mktemp -d)
emulator=
trap '[ -n "$emulator" ] && kill "$emulator" 2>/dev/null; rm -rf "$work"' EXIT
export CPANEL_API_TOKEN=ROOTAPITOKEN00000000000000000001 # the root token of the seed written below
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # command... -> "wall_ms cpu_ms rss_kb", or exits when the command fails
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" taskset -c 0 "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  awk '{printf "%d %d %d\n", $1 * 1000, ($2 + $3) * 1000, $4}' "$work/time"
}
for n in "$@"; do
  python3 - "$n" "$domains" "$work" <<'PY'
import json, sys
n, d, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
accounts = [{"user": f"bench{a}", "password": "pw", "domains": [f"bench{a}.example.com"], "mailboxes": []} for a in range(d)]
names = []
for i in range(n):
    account = accounts[i % d]
    login, domain = f"user{i:05d}", account["domains"][0]
    account["mailboxes"].append({"login": login, "domain": domain, "password": "pw"})
    names.append(f"{login}@{domain}")
json.dump({"whmUsers": [{"user": "root", "tokens": ["ROOTAPITOKEN00000000000000000001"]}], "accounts": accounts}, open(f"{work}/seed.json", "w"))
open(f"{work}/mailboxes.txt", "w").write("\n".join(names) + "\n")
PY
  rm -f "$work/info.json"
  taskset -c 1 dotnet "$emu/CpanelSessionOps.Emulator.dll" --seed "$work/seed.json" --info-file "$work/info.json" >/dev/null &
  emulator=$!
  for _ in $(seq 1200); do [ -s "$work/info.json" ] && break; sleep 0.1; done
  read -r cp wp mp fp < <(python3 -c "import json,sys;from urllib.parse import urlparse as u;i=json.load(open(sys.argv[1]));print(u(i['cpanelUrl']).port,u(i['whmUrl']).port,u(i['webmailUrl']).port,i['certificateSha256'])" "$work/info.json")
  declare -A wall=() cpu=() rss=()
  for _ in $(seq "$rounds"); do
    read -r w c r < <(measure dotnet "$app/CpanelSessionOps.Action.dll" check --server 127.0.0.1 --cpanel-port "$cp" --whm-port "$wp" \
      --webmail-port "$mp" --certificate-sha256 "$fp" --username root --mailboxes-file "$work/mailboxes.txt" --concurrency "$conc")
    wall[check]+="$w " cpu[check]+="$c " rss[check]+="$r "
    read -r w c r < <(measure dotnet "$bench/CpanelSessionOps.Benchmarks.dll" check-floor "$work/info.json" "$work/mailboxes.txt" "$conc")
    wall[floor]+="$w " cpu[floor]+="$c " rss[floor]+="$r "
  done
  kill "$emulator"; wait "$emulator" 2>/dev/null || true; emulator=
  for k in check floor; do
    eval "m_wall_$k=$(echo "${wall[$k]}" | median) m_cpu_$k=$(echo "${cpu[$k]}" | median) m_rss_$k=$(echo "${rss[$k]}" | median)"
  done
  echo "N=$n concurrency=$conc domains=$domains rounds=$rounds:" \
       "check wall ${m_wall_check} ms, cpu ${m_cpu_check} ms, peak RSS $((m_rss_check / 1024)) MB;" \
       "floor wall ${m_wall_floor} ms, cpu ${m_cpu_floor} ms, peak RSS $((m_rss_floor / 1024)) MB;" \
       "check/floor wall $(awk "BEGIN {printf \"%.2f\", $m_wall_check / $m_wall_floor}")x, cpu $(awk "BEGIN {printf \"%.2f\", $m_cpu_check / $m_cpu_floor}")x"
done
