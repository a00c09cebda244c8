#!/usr/bin/env bash
# Batch alignment of a synthetic 1,000-document corpus with 1 and 2 worker threads.
# Documents are slices of ../shared/data/gold/steinbeck (50 beads each, paragraphs of
# 5 sentences), written to a temporary folder, never to the repository.
# Usage: bash benches/batch.sh [DOCS]     (from the repository root; default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
gold=../shared/data/gold/steinbeck
[ -d "$gold" ] || { echo "needs $gold"; exit 2; }
docs=${1:-1000}
cargo build --release -q
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$gold" "$tmp" "$docs" <<'PY'
import os, re, sys
gold, out, docs = sys.argv[1], sys.argv[2], int(sys.argv[3])
src = open(os.path.join(gold, 'src.txt'), encoding='utf-8').read().split('\n')
tgt = open(os.path.join(gold, 'tgt.txt'), encoding='utf-8').read().split('\n')
beads = []
for line in open(os.path.join(gold, 'gold.txt')):
    m = re.match(r'\[(.*)\]:\[(.*)\]', line.strip())
    ids = lambda s: [int(x) for x in s.split(',')] if s.strip() else []
    beads.append((ids(m.group(1)), ids(m.group(2))))
beads = beads[20:]  # skip the title page
os.makedirs(os.path.join(out, 'originals'))
os.makedirs(os.path.join(out, 'translations'))
def text(lines):
    paras = [' '.join(lines[i:i + 5]) for i in range(0, len(lines), 5)]
    return '\n\n'.join(p for p in paras if p.strip()) + '\n'
for k in range(docs):
    start = (k * 50) % (len(beads) - 50)
    part = beads[start:start + 50]
    s = [src[i] for b in part for i in b[0]]
    t = [tgt[j] for b in part for j in b[1]]
    open(os.path.join(out, 'originals', 'doc%04d.hu.txt' % k), 'w', encoding='utf-8').write(text(s))
    open(os.path.join(out, 'translations', 'doc%04d.en.txt' % k), 'w', encoding='utf-8').write(text(t))
PY
run() {
  rm -rf "$tmp/out"
  /usr/bin/time -f "%e" -o "$tmp/t" ./target/release/tandem -q align --originals "$tmp/originals" \
    --translations "$tmp/translations" --out "$tmp/out" --jobs "$1" >/dev/null
  cat "$tmp/t"
}
one=(); two=()
for _ in 1 2 3; do one+=("$(run 1)"); two+=("$(run 2)"); done
m1=$(printf '%s\n' "${one[@]}" | sort -n | sed -n 2p)
m2=$(printf '%s\n' "${two[@]}" | sort -n | sed -n 2p)
echo "$docs documents: 1 thread ${m1}s, 2 threads ${m2}s (medians of 3), speed-up $(echo "$m1 / $m2" | bc -l | cut -c1-4)x"
