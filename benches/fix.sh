#!/usr/bin/env bash
# `tandem fix` on a book: wall time of each call (read the alignment, rebuild the
# aligner's model, re-align around the fix, write the file atomically) on the 5,448 /
# 5,322-sentence alignment of ../shared/data/gold/steinbeck, against a full `tandem
# align` of the same pair in the same run. The fixes are the gold beads of the first
# FIXES beads that are wrong at the start, in text order (a reviewer reading from the
# top). Files go to a temporary folder, never to the repository.
# Usage: bash benches/fix.sh [FIXES]     (from the repository root; default 40)
set -euo pipefail
cd "$(dirname "$0")/.."
gold=../shared/data/gold/steinbeck
[ -d "$gold" ] || { echo "needs $gold"; exit 2; }
fixes=${1:-40}
cargo build --release -q
tandem=$PWD/target/release/tandem
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
align() {
  "$tandem" -q align --presplit --src-lang hu --tgt-lang en "$gold/src.txt" "$gold/tgt.txt" \
    -o "$tmp/st.json" --force
}
# Baseline: the median of three full alignments.
for k in 1 2 3; do
  /usr/bin/time -f "%e" -a -o "$tmp/align.times" bash -c "$(declare -f align); tandem=$tandem gold=$gold tmp=$tmp align"
done
# The gold beads of the first wrong beads, as `--src`/`--tgt` ranges.
python3 - "$gold/gold.txt" "$tmp/st.json" "$fixes" > "$tmp/fixes.txt" <<'PY'
import json, re, sys
gold = []
for line in open(sys.argv[1]):
    m = re.match(r'\[(.*)\]:\[(.*)\]', line.strip())
    ids = lambda s: [int(x) for x in s.split(',')] if s.strip() else []
    gold.append((ids(m.group(1)), ids(m.group(2))))
keys = {(tuple(s), tuple(t)) for s, t in gold}
by_src = {i: g for g in gold for i in g[0]}
by_tgt = {j: g for g in gold for j in g[1]}
rng = lambda ids: 'l%d..l%d' % (ids[0], ids[-1]) if ids else 'none'
seen, out = set(), []
for b in json.load(open(sys.argv[2]))['beads']:
    if (tuple(b['src']), tuple(b['tgt'])) in keys:
        continue
    g = by_src[b['src'][0]] if b['src'] else by_tgt[b['tgt'][0]]
    if (tuple(g[0]), tuple(g[1])) not in seen:
        seen.add((tuple(g[0]), tuple(g[1])))
        out.append('%s %s' % (rng(g[0]), rng(g[1])))
print('\n'.join(out[:int(sys.argv[3])]))
PY
while read -r src tgt; do
  # A gold bead already placed by an earlier fix's re-alignment is confirmed all the same.
  /usr/bin/time -f "%e" -a -o "$tmp/fix.times" "$tandem" -q fix "$tmp/st.json" --src "$src" --tgt "$tgt" \
    --replace > /dev/null
done < "$tmp/fixes.txt"
python3 - "$tmp/align.times" "$tmp/fix.times" <<'PY'
import statistics, sys
a = [float(x) for x in open(sys.argv[1]).read().split()]
f = sorted(float(x) for x in open(sys.argv[2]).read().split())
ma, mf = statistics.median(a), statistics.median(f)
print(f"align (median of {len(a)}): {ma:.2f} s")
print(f"fix ({len(f)} calls): median {mf:.3f} s, 90th percentile {f[int(0.9 * (len(f) - 1))]:.3f} s, max {f[-1]:.3f} s")
print(f"a fix costs {mf / ma:.0%} of a full alignment")
PY
