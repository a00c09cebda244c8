#!/usr/bin/env bash
# Time and peak memory of `tandem align` at 1k, 10k, 100k (and, with FULL=1, 1M)
# sentences per side, one thread, built from ../shared/data/gold/steinbeck by
# benches/long_bitext.py into a temporary folder (nothing is written to the repository).
# Each size runs RUNS times (default 3); the median is printed, with strict F1.
# Usage: bash benches/scale.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
gold=../shared/data/gold/steinbeck
[ -d "$gold" ] || { echo "needs $gold"; exit 2; }
cargo build --release -q
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sizes="1000 10000 100000"
[ "${FULL:-0}" = 1 ] && sizes="$sizes 1000000"
runs=${RUNS:-3}
printf '%10s %10s %10s %12s %8s\n' sentences "median s" "sent/s" "peak MB" "F1"
for n in $sizes; do
  python3 benches/long_bitext.py "$gold" "$tmp/$n" --sentences "$n" >/dev/null
  times=()
  for _ in $(seq "$runs"); do
    RAYON_NUM_THREADS=1 /usr/bin/time -f "%e %M" -o "$tmp/time" ./target/release/tandem -q align --presplit \
      --src-lang hu --tgt-lang en "$tmp/$n/src.txt" "$tmp/$n/tgt.txt" --format vecalign -o "$tmp/$n/out.vec" --force
    times+=("$(cat "$tmp/time")")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  secs=${median% *}; kb=${median#* }
  f1=$(./target/release/tandem eval --json -g "$tmp/$n/gold.txt" "$tmp/$n/out.vec" | python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["scores"]["f1_strict"])')
  printf '%10s %10s %10.0f %12.0f %8s\n' "$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$kb / 1024" | bc -l)" "$f1"
done
