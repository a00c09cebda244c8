#!/usr/bin/env bash
# Time bounds of issue 16, measured on the release build against a baseline binary in
# the same run (medians of 3, wall seconds):
#   cite   a 2,000-character misquotation of the bundled UDHR (near-match search)
#   show   an alignment with one 20,000-character token (table layout)
#   diff   two versions differing in one 20,000-character token (table layout)
#   -j     `align --all -j 100000` of the two bundled pairs (this build only: a build
#          without the cap starts 100,000 threads, which took minutes and drove a
#          shared 2-core machine's load average into the thousands)
#   ctrl-c seconds from SIGINT to exit, one 300,000-sentence document in `align --all`
#          (signal sent 5 s after the start, inside the search)
#   open   `cite` warm on 100 copies of the bundled alignments (index by content hash)
# Everything is written to a temporary folder.
# Usage: bash benches/hostile.sh [BASELINE_BINARY]   (from the repository root)
#   BASELINE_BINARY: e.g. a release build of main; without it only this build is timed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cargo build --release -q
new=$root/target/release/tandem
base=${1:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir -p corpus/originals corpus/translations
cp "$root"/originals/*.txt "$root"/originals/*.toml corpus/originals/
cp "$root"/translations/udhr.en.txt "$root"/translations/beck-1963-01-28.en.txt corpus/translations/
python3 - "$root" <<'PY'
import sys
root = sys.argv[1]
text = open(root + '/translations/udhr.en.txt', encoding='utf-8').read()
body = ' '.join(l for l in text.split('\n') if l.strip() and not l.startswith('#'))
quote = ''.join('q' if i % 40 == 20 and c.isalpha() else c for i, c in enumerate(body[2000:4000]))
open('misquote.txt', 'w', encoding='utf-8').write(quote)
tok = 'x' * 20000
open('l.hu.txt', 'w').write('Első mondat. %s. Vége.\n' % tok)
open('l.en.txt', 'w').write('First sentence. %sy. End.\n' % tok)
open('l2.en.txt', 'w').write('First sentence. %sz. End.\n' % tok)
import random
random.seed(7)
hu_w = ['alma', 'körte', 'szilva', 'barack', 'dió', 'mogyoró', 'eper', 'málna']
en_w = ['apple', 'pear', 'plum', 'peach', 'walnut', 'hazelnut', 'strawberry', 'raspberry']
import os
os.makedirs('long/originals'); os.makedirs('long/translations')
hu, en = [], []
for i in range(300000):
    idx = [random.randrange(8) for _ in range(random.randint(3, 12))]
    hu.append(' '.join(hu_w[x] for x in idx).capitalize() + '.')
    en.append(' '.join(en_w[x] for x in idx).capitalize() + '.')
open('long/originals/long.hu.txt', 'w').write(' '.join(hu))
open('long/translations/long.en.txt', 'w').write(' '.join(en))
PY
median() { sort -n | sed -n 2p; }
timed() { # seconds of one run of "$@"
  local s e
  s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
ctrl_c() { # seconds from SIGINT to exit
  local bin=$1 p s e
  rm -rf long/alignments
  (cd long && exec "$bin" -q align --all >/dev/null 2>&1) & p=$!
  sleep 5
  s=$(date +%s.%N); kill -INT "$p"; wait "$p" || true; e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
warm_open() {
  local bin=$1
  (cd big && "$bin" cite "Everyone has the right to life, liberty and the security of person." >/dev/null 2>&1 || true)
  (cd big && timed "$bin" cite "Everyone has the right to life, liberty and the security of person.")
}
measure() { # name, binary, label
  local bin=$2 what=$1 label=$3 xs=()
  case $what in
    cite) (cd corpus && rm -rf alignments && "$bin" -q align --all >/dev/null 2>&1 || true)
          for _ in 1 2 3; do xs+=("$(cd corpus && timed "$bin" cite "$(cat ../misquote.txt)")"); done ;;
    show) "$bin" -q align l.hu.txt l.en.txt -o "l-$label.json" --force >/dev/null 2>&1 || true
          for _ in 1 2 3; do xs+=("$(timed "$bin" show "l-$label.json" --allow-stale)"); done ;;
    diff) for _ in 1 2 3; do xs+=("$(timed "$bin" diff l.en.txt l2.en.txt)"); done ;;
    j)    for _ in 1 2 3; do (cd corpus && rm -rf alignments); xs+=("$(cd corpus && timed "$bin" -q align --all -j 100000)"); done ;;
    ctrl-c) for _ in 1 2 3; do xs+=("$(ctrl_c "$bin")"); done ;;
    open) rm -rf big && mkdir -p big/alignments && cp -r corpus/originals corpus/translations big/
          (cd big && "$bin" -q align --all >/dev/null 2>&1 || true)
          python3 - <<'PY'
import json, glob, os
for f in glob.glob('big/alignments/*.json'):
    a = json.load(open(f))
    for n in range(50):
        a2 = dict(a); a2['id'] = '%s-%02d' % (a['id'], n)
        json.dump(a2, open('big/alignments/%s-%02d.json' % (a['id'], n), 'w'))
PY
          for _ in 1 2 3; do xs+=("$(warm_open "$bin")"); done ;;
  esac
  printf '%s\n' "${xs[@]}" | median
}
printf '%-8s %10s %10s\n' case baseline this
for c in cite show diff j open ctrl-c; do
  b=nan; [ -n "$base" ] && [ "$c" != j ] && b=$(printf '%.3f' "$(measure "$c" "$base" base)")
  n=$(measure "$c" "$new" new)
  printf '%-8s %10s %10.3f\n' "$c" "$b" "$n"
done
