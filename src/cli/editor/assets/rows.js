// tandem review: one row of the page per bead, as HTML. Pure functions of the page's
// state (the view, the current bead and sentence, the split being made); editor.js
// puts the rows in the page and keeps them up to date.

export function esc(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// p8.s2–s3, p8.s3–p9.s1, l4–l6: the span of some sentences (as `tandem show` writes it).
function span(state, side, ids) {
  if (!ids.length) return '';
  const s = state.doc[side].sentences;
  const a = s[ids[0]].id;
  const z = s[ids[ids.length - 1]].id;
  if (a === z) return a;
  const pa = a.match(/^p(\d+)\.s\d+$/);
  const pz = z.match(/^p(\d+)\.s(\d+)$/);
  if (pa && pz && pa[1] === pz[1]) return a + '–s' + pz[2];
  return a + '–' + z;
}

function sentencesHtml(state, side, ids, k) {
  const sp = state.split && state.split.k === k ? state.split : null;
  const cutAt = sp ? (side === 'source' ? sp.a : sp.b) : -1;
  const cut = sp ? '<span class="cut' + (sp.side === side ? ' active' : '') + '" data-side="' + side + '"></span>' : '';
  let html = cutAt === 0 ? cut : '';
  if (!ids.length && !sp) {
    return '<span class="empty">' + (side === 'source' ? '(not in the original: added)' : '(not translated)') + '</span>';
  }
  ids.forEach((i, n) => {
    const sel = state.sel && state.sel.side === side && state.sel.i === i && state.cur === k;
    html += '<span class="s' + (sel ? ' sel' : '') + '" data-side="' + side + '" data-i="' + i + '" title="' + state.doc[side].sentences[i].id + '">' + esc(state.doc[side].sentences[i].text) + '</span>';
    if (n + 1 === cutAt) html += cut;
  });
  return html;
}

export function rowHtml(state, b, k) {
  const cls = ['row', 'q' + Math.floor(b.confidence * 10 + 1e-9)];
  if (b.fixed) cls.push('fixed');
  if (b.findings && b.findings.length) cls.push('flagged');
  if (k === state.cur) cls.push('cur');
  if (state.split && state.split.k === k) cls.push('splitting');
  // As `tandem show` writes them: an added sentence is `+` and its translation locator.
  const srcLoc = b.src.length ? span(state, 'source', b.src) : '+' + span(state, 'target', b.tgt);
  const tgtLoc = b.src.length ? (b.tgt.length ? span(state, 'target', b.tgt) : '—') : '';
  let html = '<div class="' + cls.join(' ') + '">' +
    '<div class="loc"><span class="n">#' + (k + 1) + '</span> <span class="src-loc" title="original">' + esc(srcLoc) + '</span><br><span title="translation">' + esc(tgtLoc) + '</span></div>' +
    '<div class="txt" lang="' + esc(state.doc.source.lang) + '">' + sentencesHtml(state, 'source', b.src, k) + '</div>' +
    '<div class="txt" lang="' + esc(state.doc.target.lang) + '">' + sentencesHtml(state, 'target', b.tgt, k) + '</div>' +
    '<div class="meta"><span class="type">' + esc(b.type) + '</span><span class="conf" title="confidence">' + b.confidence.toFixed(2) + '</span>' +
    (b.fixed ? '<span class="fixmark" title="confirmed by a person (a fix)">✓ fixed</span>' : '') +
    (!b.fixed && b.risk >= 0.05 ? '<span class="risk" title="how likely the bead is wrong' + (b.signals && b.signals.length ? ': ' + esc(b.signals.join(', ')) : '') + '">risk ' + b.risk.toFixed(2) + '</span>' : '') + '</div>';
  if (!b.findings) {
    html += '<ul class="findings"><li class="checking">checking…</li></ul>';
  } else if (b.findings.length) {
    html += '<ul class="findings">' + b.findings.map((f) => '<li class="' + f.severity + '"><b>' + esc(f.kind) + '</b>' + esc(f.reason) + '</li>').join('') + '</ul>';
  }
  if (state.split && state.split.k === k) {
    html += '<div class="splitbar"><button type="button" data-split="apply">Split here <kbd>Enter</kbd></button>' +
      '<button type="button" data-split="cancel">Cancel <kbd>Esc</kbd></button>' +
      '<span class="muted">↑ ↓ move the cut, Tab the other side, or click the sentence the first part ends with</span></div>';
  }
  return html + '</div>';
}
