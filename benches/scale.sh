#!/usr/bin/env bash
# Time and peak memory of `tandem align` at 1k, 10k, 100k (and, with FULL=1, 1M)
# sentences per side, one thread, built from ../shared/data/gold/steinbeck by
# benches/long_bitext.py into a temporary folder (nothing is written to the repository).
# Also the 10k and 100k bitexts with 1,000 consecutive translation sentences deleted
# (an omission makes the aligner search its stretch again: this shows what that costs).
# Each size runs RUNS times (default 3); the median is printed, with strict F1 and the
# time per sentence relative to the 1k run of the same command (1.00 = linear).
# With BASELINE=/path/to/another/tandem, that binary runs too, alternating with this
# one (the same inputs, one run each per round), and the last columns give its median
# and the ratio this/baseline; a baseline run is stopped after 120 s or 8 GB.
# Usage: bash benches/scale.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
gold=../shared/data/gold/steinbeck
[ -d "$gold" ] || { echo "needs $gold"; exit 2; }
cargo build --release -q
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cases="1000 10000 100000 10000:4000 100000:40000"
[ "${FULL:-0}" = 1 ] && cases="$cases 1000000"
runs=${RUNS:-3}
base=""
printf '%-22s %10s %10s %12s %8s %14s' bitext "median s" "sent/s" "peak MB" "F1" "s/sent vs 1k"
[ -n "${BASELINE:-}" ] && printf ' %12s %12s %10s' "baseline s" "baseline MB" "ratio"
printf '\n'
for c in $cases; do
  n=${c%%:*}
  args=(--sentences "$n")
  label="$n"
  if [ "$c" != "$n" ]; then
    args+=(--gap "${c#*:}:1000")
    label="$n, 1000 deleted"
  fi
  dir="$tmp/${c/:/-}"
  python3 benches/long_bitext.py "$gold" "$dir" "${args[@]}" >/dev/null
  times=()
  btimes=()
  for _ in $(seq "$runs"); do
    RAYON_NUM_THREADS=1 /usr/bin/time -f "%e %M" -o "$tmp/time" ./target/release/tandem -q align --presplit \
      --src-lang hu --tgt-lang en "$dir/src.txt" "$dir/tgt.txt" --format vecalign -o "$dir/out.vec" --force
    times+=("$(cat "$tmp/time")")
    if [ -n "${BASELINE:-}" ]; then
      if (ulimit -v 8000000; RAYON_NUM_THREADS=1 timeout 120 /usr/bin/time -f "%e %M" -o "$tmp/btime" "$BASELINE" -q align \
          --presplit --src-lang hu --tgt-lang en "$dir/src.txt" "$dir/tgt.txt" --format vecalign \
          -o "$dir/base.vec" --force) 2>/dev/null; then
        btimes+=("$(cat "$tmp/btime")")
      else
        btimes+=("failed")
      fi
    fi
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  secs=${median% *}; kb=${median#* }
  per=$(echo "$secs / $n" | bc -l)
  [ -z "$base" ] && base=$per
  f1=$(./target/release/tandem eval --json -g "$dir/gold.txt" "$dir/out.vec" | python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["scores"]["f1_strict"])')
  printf '%-22s %10s %10.0f %12.0f %8s %14.2f' "$label" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$kb / 1024" | bc -l)" "$f1" "$(echo "$per / $base" | bc -l)"
  if [ -n "${BASELINE:-}" ]; then
    if printf '%s\n' "${btimes[@]}" | grep -q failed; then
      printf ' %12s %12s %10s' "failed" "(>120 s" "or >8 GB)"
    else
      bmedian=$(printf '%s\n' "${btimes[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
      bsecs=${bmedian% *}; bkb=${bmedian#* }
      printf ' %12s %12.0f %10.2f' "$bsecs" "$(echo "$bkb / 1024" | bc -l)" "$(echo "$secs / $bsecs" | bc -l)"
    fi
  fi
  printf '\n'
done
