#!/usr/bin/env python3
"""Build a long test bitext from a hand-aligned gold set, for scale and omission tests.

Concatenates COPIES copies of a gold set (src.txt, tgt.txt, gold.txt in vecalign
format, e.g. ../shared/data/gold/steinbeck) and optionally deletes GAP consecutive
target sentences starting at target sentence START. Writes src.txt, tgt.txt and the
matching gold.txt (the source sentences of beads whose target sentences were all deleted become
one 1-0 bead each, as in hand alignments; beads that lost part of their target keep
the rest) into OUT.

Nothing of the gold data is kept in the repository: the output goes where you say
(use a temporary folder).

usage: long_bitext.py GOLD_DIR OUT_DIR [--copies N] [--sentences N] [--gap START:LEN]
"""
import argparse
import os
import re

BEAD = re.compile(r'^\s*\[([^\]]*)\]\s*:\s*\[([^\]]*)\]')


def ids(s):
    s = s.strip()
    return [int(x) for x in s.split(',')] if s else []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('gold_dir')
    ap.add_argument('out_dir')
    ap.add_argument('--copies', type=int, default=1)
    ap.add_argument('--sentences', type=int, help='stop after about N source sentences')
    ap.add_argument('--gap', help='START:LEN target sentences to delete')
    a = ap.parse_args()
    src = open(os.path.join(a.gold_dir, 'src.txt'), encoding='utf-8').read().split('\n')
    tgt = open(os.path.join(a.gold_dir, 'tgt.txt'), encoding='utf-8').read().split('\n')
    if src and src[-1] == '':
        src.pop()
    if tgt and tgt[-1] == '':
        tgt.pop()
    beads = []
    for line in open(os.path.join(a.gold_dir, 'gold.txt'), encoding='utf-8'):
        m = BEAD.match(line)
        if m:
            beads.append((ids(m.group(1)), ids(m.group(2))))
    out_src, out_tgt, out_beads = [], [], []
    copies = a.copies
    if a.sentences:
        copies = max(copies, -(-a.sentences // len(src)))
    for _ in range(copies):
        so, to = len(out_src), len(out_tgt)
        for s, t in beads:
            if a.sentences and so + (s[0] if s else 0) >= a.sentences and s:
                break
            out_beads.append(([i + so for i in s], [j + to for j in t]))
        out_src.extend(src)
        out_tgt.extend(tgt)
        if a.sentences and len(out_src) >= a.sentences:
            break
    # Trim to the beads kept (so that every sentence is covered).
    n = max((i + 1 for s, _ in out_beads for i in s), default=0)
    m = max((j + 1 for _, t in out_beads for j in t), default=0)
    out_src, out_tgt = out_src[:n], out_tgt[:m]
    if a.gap:
        start, length = (int(x) for x in a.gap.split(':'))
        gone = set(range(start, start + length))
        new_index = {}
        k = 0
        for j in range(len(out_tgt)):
            if j not in gone:
                new_index[j] = k
                k += 1
        out_tgt = [t for j, t in enumerate(out_tgt) if j not in gone]
        kept = []
        for s, t in out_beads:
            t2 = [new_index[j] for j in t if j in new_index]
            if t2:
                kept.append((s, t2))
            elif t and len(s) > 1:
                # A bead that lost all of its translation: hand alignments (the gold
                # sets here, vecalign's and hunalign's data) never draw an n-0 bead,
                # every untranslated sentence is its own 1-0 bead.
                kept.extend(([i], []) for i in s)
            elif s:
                kept.append((s, t2))
        out_beads = kept
    os.makedirs(a.out_dir, exist_ok=True)
    with open(os.path.join(a.out_dir, 'src.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(out_src) + '\n')
    with open(os.path.join(a.out_dir, 'tgt.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(out_tgt) + '\n')
    with open(os.path.join(a.out_dir, 'gold.txt'), 'w', encoding='utf-8') as f:
        for s, t in out_beads:
            f.write('[%s]:[%s]\n' % (', '.join(map(str, s)), ', '.join(map(str, t))))
    print('%d source, %d target sentences, %d beads -> %s' % (len(out_src), len(out_tgt), len(out_beads), a.out_dir))


if __name__ == '__main__':
    main()
