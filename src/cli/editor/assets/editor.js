// tandem review: the page. Reads the alignment from /api/alignment, draws one row per
// bead, and sends each action to /api/action, naming the file version it was made on.
// The server saves the action as a fix before it answers; only then does the page
// redraw the beads that changed.
import { rowHtml } from '/rows.js';

(function () {
  const TOKEN = document.querySelector('meta[name="tandem-token"]').content;
  // The token stays in the cookie the page was served with; keep it out of the address
  // bar, bookmarks and screenshots.
  if (location.search) history.replaceState(null, '', location.pathname);

  const $ = (id) => document.getElementById(id);
  const rowsEl = $('rows');
  // The row of each bead, in order. Rows live in blocks of BLOCK rows: the browser lays
  // out and paints only the blocks on screen (content-visibility), which keeps a
  // 6,000-bead novel fast without a virtual list (docs/review.md has the figures).
  let rowEls = [];
  const BLOCK = 64;
  const ROW_ESTIMATE = 72; // px, a block's height before it was ever drawn
  const tpl = document.createElement('template');
  const element = (html) => { tpl.innerHTML = html; return tpl.content.firstElementChild; };
  const LANGS = { hu: 'Hungarian', en: 'English', de: 'German', fr: 'French', it: 'Italian', es: 'Spanish', ru: 'Russian', pl: 'Polish', cs: 'Czech', sk: 'Slovak', ro: 'Romanian', hr: 'Croatian', sr: 'Serbian', sl: 'Slovenian' };

  const state = {
    doc: null, // the view: texts, beads (with their findings), version
    order: [], // bead indices in review order (from the checks)
    checking: null, // the request for the checks of a new version, while it runs
    cur: 0, // current bead
    sel: null, // selected sentence: {side: 'source'|'target', i}
    filter: 'all',
    query: '',
    seen: new Set(), // beads visited with "next risky", by content
    busy: false,
    split: null, // {k, a, b, side}: cut after a source and b target sentences
  };
  let folded = { source: [], target: [] }; // sentence texts folded for search

  // ---- server ----------------------------------------------------------------------

  async function api(path, body) {
    const init = { headers: { 'X-Tandem-Token': TOKEN }, credentials: 'same-origin', cache: 'no-store' };
    if (body) {
      init.method = 'POST';
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let r;
    try {
      r = await fetch(path, init);
    } catch (e) {
      return { ok: false, status: 0, data: { error: 'the tandem review server does not answer (was it stopped?)' } };
    }
    const text = await r.text();
    let data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = { error: text.trim() || r.statusText };
    }
    return { ok: r.ok, status: r.status, data };
  }

  async function load() {
    const r = await api('/api/alignment');
    if (!r.ok) {
      rowsEl.innerHTML = '<p class="failed"></p>';
      rowsEl.firstChild.textContent = r.data.error || 'cannot load the alignment';
      status(r.data.error || 'cannot load the alignment', 'error', r.data.reload);
      return;
    }
    state.doc = r.data;
    state.order = [];
    withChecks(r.data.checks);
    foldTexts();
    const src = r.data.source;
    const tgt = r.data.target;
    $('doc-id').textContent = r.data.id;
    $('doc-file').textContent = r.data.file;
    document.title = r.data.id + ' · tandem review';
    $('src-head').textContent = (LANGS[src.lang] || src.lang) + ' (' + src.lang + ')';
    $('src-head').title = src.path;
    $('tgt-head').textContent = (LANGS[tgt.lang] || tgt.lang) + ' (' + tgt.lang + ')';
    $('tgt-head').title = tgt.path;
    const notes = $('notes');
    notes.hidden = !r.data.notes.length;
    notes.textContent = r.data.notes.join(' · ');
    state.cur = Math.min(state.cur, r.data.beads.length - 1);
    const t0 = performance.now();
    renderAll();
    select(Math.max(0, state.cur), null, false);
    // How long drawing took (read by the browser test on a long document).
    document.body.dataset.renderMs = Math.round(performance.now() - t0);
    status('Loaded ' + r.data.beads.length + ' beads. Press ? for the keys.');
  }

  async function act(body, what) {
    if (state.busy || !state.doc) return;
    state.busy = true;
    document.body.classList.add('busy');
    status('Saving: ' + what + '…');
    body.version = state.doc.version;
    const r = await api('/api/action', body);
    state.busy = false;
    document.body.classList.remove('busy');
    // Actions answered so far (tests wait on it).
    document.body.dataset.answered = (+document.body.dataset.answered || 0) + 1;
    if (!r.ok) {
      status(r.data.error || 'the action failed', 'error', r.data.reload);
      return;
    }
    state.split = null;
    const changed = update(r.data.view);
    const focus = typeof r.data.focus === 'number' ? r.data.focus : state.cur;
    select(Math.min(focus, state.doc.beads.length - 1), null, true);
    // With a filter such as "not fixed yet", the bead just fixed leaves the list: go on
    // to the next one shown.
    if (rowEls[state.cur].hidden) move(1);
    state.checking = refreshChecks();
    status('Saved: ' + r.data.message + ' (' + changed + ' bead' + (changed === 1 ? '' : 's') + ' redrawn)', 'ok');
  }

  // ---- drawing ---------------------------------------------------------------------

  function renderAll() {
    const beads = state.doc.beads;
    let html = '';
    for (let k = 0; k < beads.length; k += BLOCK) {
      html += '<div class="block">' + beads.slice(k, k + BLOCK).map((b, n) => rowHtml(state, b, k + n)).join('') + '</div>';
    }
    rowsEl.innerHTML = html;
    rowEls = Array.from(rowsEl.querySelectorAll('.row'));
    applyFilter();
    stats();
  }

  function redraw(k) {
    const row = rowEls[k];
    if (!row) return;
    const el = element(rowHtml(state, state.doc.beads[k], k));
    el.hidden = row.hidden;
    row.replaceWith(el);
    rowEls[k] = el;
  }

  // Replace the rows that differ between the old and the new beads (one window: the
  // beads re-aligned around the fix), keep the others. Returns how many were redrawn.
  function update(view) {
    const old = state.doc.beads;
    const beads = view.beads;
    const key = (b) => JSON.stringify([b.src, b.tgt, b.type, b.confidence, b.fixed]);
    let p = 0;
    while (p < old.length && p < beads.length && key(old[p]) === key(beads[p])) p++;
    let s = 0;
    while (s < old.length - p && s < beads.length - p && key(old[old.length - 1 - s]) === key(beads[beads.length - 1 - s])) s++;
    // Beads that did not change keep their findings until the new checks come; the
    // others show "checking…".
    const carry = (to, from) => { to.findings = from.findings; to.risk = from.risk; to.signals = from.signals; };
    for (let k = 0; k < p; k++) carry(beads[k], old[k]);
    for (let n = 1; n <= s; n++) carry(beads[beads.length - n], old[old.length - n]);
    view.source.sentences = state.doc.source.sentences;
    view.target.sentences = state.doc.target.sentences;
    state.doc = view;
    // The new rows go where the old ones were (into the block of the first of them).
    const after = p > 0 ? rowEls[p - 1] : null;
    const before = old.length - s < old.length ? rowEls[old.length - s] : null;
    const fresh = beads.slice(p, beads.length - s).map((b, n) => element(rowHtml(state, b, p + n)));
    for (let k = p; k < old.length - s; k++) rowEls[k].remove();
    if (after) after.after(...fresh);
    else if (before) before.before(...fresh);
    else renderAll();
    rowEls.splice(p, old.length - s - p, ...fresh);
    for (const el of fresh) {
      // Flash once; the class goes, so that the flash does not come back when the row
      // scrolls out of view and in again.
      el.classList.add('changed');
      const done = () => el.classList.remove('changed');
      el.addEventListener('animationend', done, { once: true });
      setTimeout(done, 3000);
    }
    // Bead numbers after the window moved.
    if (old.length !== beads.length) {
      for (let k = beads.length - s; k < beads.length; k++) {
        const n = rowEls[k].querySelector('.n');
        if (n) n.textContent = '#' + (k + 1);
      }
    }
    applyFilter();
    stats();
    return beads.length - s - p;
  }

  // Findings and review order of the file version shown.
  function withChecks(checks) {
    if (!checks || checks.version !== state.doc.version) return false;
    const beads = state.doc.beads;
    for (let k = 0; k < beads.length; k++) {
      beads[k].findings = checks.findings[k] || [];
      beads[k].risk = checks.risk[k] || 0;
      beads[k].signals = checks.signals[k] || [];
    }
    state.order = checks.order;
    return true;
  }

  // After an action: ask for the checks of the new version, redraw the rows whose
  // findings changed.
  async function refreshChecks() {
    const version = state.doc.version;
    const before = state.doc.beads.map((b) => JSON.stringify([b.findings, b.risk]));
    // The version is `sha256:` and hex digits: nothing to escape in a query.
    const r = await api('/api/checks?version=' + version);
    if (!r.ok || !state.doc || state.doc.version !== version) return;
    withChecks(r.data);
    state.doc.beads.forEach((b, k) => {
      if (JSON.stringify([b.findings, b.risk]) !== before[k] && !(state.split && state.split.k === k)) redraw(k);
    });
    applyFilter();
    stats();
    select(state.cur, state.sel, false);
  }

  function stats() {
    const b = state.doc.beads;
    state.counts = {
      flagged: b.filter((x) => x.findings && x.findings.length).length,
      low: b.filter((x) => x.confidence < 0.5).length,
      fixed: b.filter((x) => x.fixed).length,
    };
    buttons();
    position();
  }

  // ---- filters and search ----------------------------------------------------------

  function fold(s) {
    return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }

  function foldTexts() {
    folded = {
      source: state.doc.source.sentences.map((s) => fold(s.text)),
      target: state.doc.target.sentences.map((s) => fold(s.text)),
    };
  }

  function passes(b) {
    switch (state.filter) {
      case 'flagged': return !!b.findings && b.findings.length > 0;
      case 'low': return b.confidence < 0.5;
      case 'uncertain': return b.confidence < 0.9;
      case 'unfixed': return !b.fixed;
      case 'fixed': return !!b.fixed;
      default: return true;
    }
  }

  function matches(b) {
    if (!state.query) return true;
    return b.src.some((i) => folded.source[i].includes(state.query)) || b.tgt.some((i) => folded.target[i].includes(state.query));
  }

  function applyFilter() {
    const beads = state.doc.beads;
    let shown = 0;
    let found = 0;
    for (let k = 0; k < beads.length; k++) {
      const m = state.query ? matches(beads[k]) : true;
      const show = passes(beads[k]) && m;
      if (m && state.query) found++;
      const row = rowEls[k];
      if (row.hidden === show) row.hidden = !show;
      if (show) shown++;
    }
    // A block of hidden rows takes no room; the others are estimated by what they show
    // until they have been drawn once.
    for (const block of rowsEl.children) {
      let visible = 0;
      for (const row of block.children) if (!row.hidden) visible++;
      block.hidden = visible === 0;
      block.style.containIntrinsicSize = 'auto ' + visible * ROW_ESTIMATE + 'px';
    }
    $('search-count').textContent = state.query ? found + ' bead' + (found === 1 ? '' : 's') + ' match' : '';
    highlight();
    position(shown);
  }

  // Mark search matches with the CSS Custom Highlight API (no change to the rows).
  function highlight() {
    if (!window.CSS || !CSS.highlights) return;
    CSS.highlights.delete('search');
    if (!state.query) return;
    const ranges = [];
    const q = state.query;
    for (const el of rowsEl.querySelectorAll('.row:not([hidden]) .s')) {
      const node = el.firstChild;
      if (!node || node.nodeType !== 3) continue;
      const t = node.data;
      let f = '';
      const at = [];
      for (let i = 0; i < t.length; i++) {
        const c = fold(t[i]);
        f += c;
        for (let n = 0; n < c.length; n++) at.push(i);
      }
      at.push(t.length);
      let from = f.indexOf(q);
      while (from >= 0 && ranges.length < 5000) {
        const r = new Range();
        r.setStart(node, at[from]);
        r.setEnd(node, at[from + q.length]);
        ranges.push(r);
        from = f.indexOf(q, from + q.length);
      }
    }
    CSS.highlights.set('search', new Highlight(...ranges));
  }

  // ---- moving around ---------------------------------------------------------------

  function sentencesOf(k) {
    const b = state.doc.beads[k];
    return b.src.map((i) => ({ side: 'source', i })).concat(b.tgt.map((i) => ({ side: 'target', i })));
  }

  function select(k, sel, scroll) {
    const beads = state.doc.beads;
    if (!beads.length) return;
    k = Math.max(0, Math.min(beads.length - 1, k));
    const prev = state.cur;
    state.cur = k;
    const list = sentencesOf(k);
    state.sel = sel || list[0] || null;
    if (prev !== k && rowEls[prev]) {
      rowEls[prev].classList.remove('cur');
      for (const s of rowEls[prev].querySelectorAll('.s.sel')) s.classList.remove('sel');
    }
    const row = rowEls[k];
    row.classList.add('cur');
    for (const s of row.querySelectorAll('.s')) {
      s.classList.toggle('sel', !!state.sel && s.dataset.side === state.sel.side && +s.dataset.i === state.sel.i);
    }
    if (scroll) row.scrollIntoView({ block: 'nearest' });
    buttons();
    position();
  }

  function move(d) {
    const rows = rowEls;
    for (let k = state.cur + d; k >= 0 && k < rows.length; k += d) {
      if (!rows[k].hidden) return select(k, null, true);
    }
  }

  function moveSel(d) {
    const list = sentencesOf(state.cur);
    if (!list.length) return;
    let n = list.findIndex((s) => state.sel && s.side === state.sel.side && s.i === state.sel.i);
    n = Math.max(0, Math.min(list.length - 1, n + d));
    select(state.cur, list[n], false);
  }

  function beadKey(b) {
    return (b.src[0] ?? '') + '/' + (b.tgt[0] ?? '') + '/' + b.type;
  }

  async function nextRisky() {
    if (state.checking) await state.checking;
    const beads = state.doc.beads;
    for (const k of state.order) {
      if (k >= beads.length) continue;
      const b = beads[k];
      if (b.fixed || state.seen.has(beadKey(b)) || rowEls[k].hidden) continue;
      state.seen.add(beadKey(b));
      select(k, null, true);
      const left = state.order.filter((j) => j < beads.length && !beads[j].fixed && !state.seen.has(beadKey(beads[j]))).length;
      status('Review order: bead #' + (k + 1) + ', risk ' + (b.risk || 0).toFixed(2) + (b.signals && b.signals.length ? ' (' + b.signals.join(', ') + ')' : '') + '; ' + left + ' not visited yet');
      return;
    }
    status('Every bead shown has been visited in review order (or is fixed).');
  }

  // The status bar's right side: where the selection is, and counts of the file.
  function position(shown) {
    if (!state.doc || !state.counts) return;
    if (typeof shown === 'number') position.shown = shown;
    const n = state.doc.beads.length;
    const c = state.counts;
    $('position').textContent = 'bead ' + (state.cur + 1) + ' of ' + n +
      (position.shown !== undefined && position.shown !== n ? ' (' + position.shown + ' shown)' : '') +
      ' · ' + c.flagged + ' flagged · ' + c.low + ' below 0.5 · ' + c.fixed + ' fixed';
  }

  // ---- actions ---------------------------------------------------------------------

  function buttons() {
    const n = state.doc.beads.length;
    const k = state.cur;
    const sel = state.sel;
    const set = (act, ok) => { document.querySelector('[data-act="' + act + '"]').disabled = !ok || state.busy; };
    set('confirm', n > 0 && !state.doc.beads[k].fixed);
    set('merge-next', k + 1 < n);
    set('merge-previous', k > 0);
    const b = state.doc.beads[k];
    set('split', b && b.src.length + b.tgt.length >= 2);
    set('shift-up', !!sel && k > 0);
    set('shift-down', !!sel && k + 1 < n);
    set('alone', !!sel);
    set('unfix', !!b && !!b.fixed);
    $('alone-button').firstChild.textContent = sel && sel.side === 'target' ? 'Added ' : 'Untranslated ';
    set('undo', !!state.doc.undo);
    set('next-risky', n > 0);
  }

  function describe(side, i) {
    const s = state.doc[side].sentences[i];
    return (side === 'source' ? state.doc.source.lang : state.doc.target.lang) + ' ' + s.id;
  }

  function run(what) {
    if (!state.doc || state.busy) return;
    const k = state.cur;
    const b = state.doc.beads[k];
    const sel = state.sel;
    const n = state.doc.beads.length;
    const needSel = () => {
      if (!sel) status('Select a sentence first (h / l, or click it).', 'error');
      return !!sel;
    };
    switch (what) {
      case 'next-risky': return nextRisky();
      case 'confirm':
        if (b.fixed) return status('This bead is fixed already.', 'error');
        return act({ action: 'confirm', bead: k }, 'confirm bead #' + (k + 1));
      case 'merge-next':
        if (k + 1 >= n) return status('The last bead has no next bead.', 'error');
        return act({ action: 'merge-next', bead: k }, 'merge beads #' + (k + 1) + ' and #' + (k + 2));
      case 'merge-previous':
        if (k === 0) return status('The first bead has no previous bead.', 'error');
        return act({ action: 'merge-previous', bead: k }, 'merge beads #' + k + ' and #' + (k + 1));
      case 'split': return openSplit();
      case 'shift-up': {
        if (!needSel()) return;
        if (k === 0) return status('The first bead has no previous bead.', 'error');
        const ids = sel.side === 'source' ? b.src : b.tgt;
        return act({ action: 'shift-up', bead: k, side: sel.side }, 'move ' + describe(sel.side, ids[0]) + ' up');
      }
      case 'shift-down': {
        if (!needSel()) return;
        if (k + 1 >= n) return status('The last bead has no next bead.', 'error');
        const ids = sel.side === 'source' ? b.src : b.tgt;
        return act({ action: 'shift-down', bead: k, side: sel.side }, 'move ' + describe(sel.side, ids[ids.length - 1]) + ' down');
      }
      case 'alone':
        if (!needSel()) return;
        return act({ action: 'alone', side: sel.side, sentence: sel.i }, describe(sel.side, sel.i) + (sel.side === 'source' ? ' untranslated' : ' added'));
      case 'unfix':
        if (!b.fixed) return status('This bead is not fixed.', 'error');
        return act({ action: 'unfix', bead: k }, 'remove the fix of bead #' + (k + 1));
      case 'undo': return act({ action: 'undo' }, 'undo the last change');
    }
  }

  // ---- split mode ------------------------------------------------------------------

  function chars(side, ids) {
    return ids.reduce((n, i) => n + state.doc[side].sentences[i].text.length, 0);
  }

  function openSplit() {
    const k = state.cur;
    const b = state.doc.beads[k];
    if (b.src.length + b.tgt.length < 2) return status('A bead of one sentence cannot be split.', 'error');
    const sel = state.sel || { side: b.src.length ? 'source' : 'target', i: -1 };
    const side = sel.side;
    const ids = side === 'source' ? b.src : b.tgt;
    const other = side === 'source' ? b.tgt : b.src;
    const otherSide = side === 'source' ? 'target' : 'source';
    // The cut goes before the selected sentence (after the first if it is the first);
    // the other side is cut where the share of characters is closest.
    let cut = Math.max(1, ids.indexOf(sel.i));
    cut = Math.min(cut, ids.length);
    const share = ids.length ? chars(side, ids.slice(0, cut)) / Math.max(1, chars(side, ids)) : 0.5;
    let best = 0;
    for (let c = 0; c <= other.length; c++) {
      const d = Math.abs(chars(otherSide, other.slice(0, c)) / Math.max(1, chars(otherSide, other)) - share);
      if (d < Math.abs(chars(otherSide, other.slice(0, best)) / Math.max(1, chars(otherSide, other)) - share)) best = c;
    }
    const sp = side === 'source' ? { a: cut, b: best } : { a: best, b: cut };
    state.split = { k, a: sp.a, b: sp.b, side: ids.length ? side : otherSide };
    fixSplit(0);
    redraw(k);
    select(k, state.sel, true);
    status('Split: move the cut with ↑ ↓ (Tab: other side), Enter to split, Esc to cancel.');
  }

  // Keep the cut inside the bead and leave sentences on both sides of it.
  function fixSplit(d) {
    const sp = state.split;
    const b = state.doc.beads[sp.k];
    const ns = b.src.length;
    const nt = b.tgt.length;
    const clamp = () => { sp.a = Math.max(0, Math.min(ns, sp.a)); sp.b = Math.max(0, Math.min(nt, sp.b)); };
    clamp();
    const bad = () => (sp.a === 0 && sp.b === 0) || (sp.a === ns && sp.b === nt);
    if (bad()) {
      if (sp.side === 'source') sp.a += d || (sp.a === 0 ? 1 : -1);
      else sp.b += d || (sp.b === 0 ? 1 : -1);
      clamp();
      if (bad()) {
        if (sp.side === 'source') sp.b += sp.b === 0 ? 1 : -1;
        else sp.a += sp.a === 0 ? 1 : -1;
        clamp();
      }
    }
  }

  function splitKey(e) {
    const sp = state.split;
    const b = state.doc.beads[sp.k];
    const moveCut = (d) => {
      if (sp.side === 'source') sp.a += d;
      else sp.b += d;
      fixSplit(d);
      redraw(sp.k);
    };
    switch (e.key) {
      case 'ArrowUp': case 'k': moveCut(-1); break;
      case 'ArrowDown': case 'j': moveCut(1); break;
      case 'Tab': case 'h': case 'l': case 'ArrowLeft': case 'ArrowRight':
        if (b.src.length && b.tgt.length) sp.side = sp.side === 'source' ? 'target' : 'source';
        redraw(sp.k);
        break;
      case 'Enter': applySplit(); break;
      case 'Escape': cancelSplit(); break;
      default: return;
    }
    e.preventDefault();
  }

  function applySplit() {
    const sp = state.split;
    act({ action: 'split', bead: sp.k, src_cut: sp.a, tgt_cut: sp.b }, 'split bead #' + (sp.k + 1));
  }

  function cancelSplit() {
    const k = state.split.k;
    state.split = null;
    redraw(k);
    select(k, state.sel, false);
    status('Split cancelled.');
  }

  // ---- status, help ----------------------------------------------------------------

  function status(text, kind, reload) {
    const el = $('status');
    el.className = kind || '';
    el.textContent = text;
    if (reload) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = 'Reload';
      b.addEventListener('click', () => location.reload());
      el.appendChild(b);
    }
  }

  function help(show) {
    $('help').hidden = !show;
    if (show) $('help-close').focus();
  }

  // ---- events ----------------------------------------------------------------------

  document.addEventListener('keydown', (e) => {
    if (!$('help').hidden) {
      if (e.key === 'Escape' || e.key === '?') { help(false); e.preventDefault(); }
      return;
    }
    const t = e.target;
    if (t.matches && t.matches('input, select, textarea')) {
      if (e.key === 'Escape') { t.blur(); e.preventDefault(); }
      if (e.key === 'Enter' && t.id === 'search') { nextMatch(); e.preventDefault(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || !state.doc) return;
    if (state.split) return splitKey(e);
    const keys = {
      j: () => move(1), ArrowDown: () => move(1), k: () => move(-1), ArrowUp: () => move(-1),
      h: () => moveSel(-1), ArrowLeft: () => moveSel(-1), l: () => moveSel(1), ArrowRight: () => moveSel(1),
      g: () => { const k = rowEls.findIndex((r) => !r.hidden); if (k >= 0) select(k, null, true); },
      G: () => { for (let k = rowEls.length - 1; k >= 0; k--) if (!rowEls[k].hidden) return select(k, null, true); },
      n: () => run('next-risky'), c: () => run('confirm'), m: () => run('merge-next'), M: () => run('merge-previous'),
      s: () => run('split'), u: () => run('shift-up'), d: () => run('shift-down'), x: () => run('alone'), r: () => run('unfix'), z: () => run('undo'),
      '/': () => $('search').focus(),
      f: () => { const f = $('filter'); f.selectedIndex = (f.selectedIndex + 1) % f.options.length; setFilter(f.value); },
      '?': () => help(true),
    };
    const fn = keys[e.key];
    if (!fn) return;
    e.preventDefault();
    fn();
  });

  function nextMatch() {
    if (!state.query) return;
    const beads = state.doc.beads;
    for (let d = 1; d <= beads.length; d++) {
      const k = (state.cur + d) % beads.length;
      if (!rowEls[k].hidden && matches(beads[k])) return select(k, null, true);
    }
  }

  function setFilter(value) {
    state.filter = value;
    applyFilter();
    const row = rowEls[state.cur];
    if (row && row.hidden) move(1);
    status('Showing ' + $('filter').selectedOptions[0].textContent + '.');
  }

  $('filter').addEventListener('change', (e) => setFilter(e.target.value));
  let searchTimer = 0;
  $('search').addEventListener('input', (e) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.query = fold(e.target.value.trim());
      if (state.doc) applyFilter();
    }, 120);
  });

  rowsEl.addEventListener('click', (e) => {
    if (!state.doc) return;
    const row = e.target.closest('.row');
    if (!row) return;
    const k = rowEls.indexOf(row);
    const splitButton = e.target.closest('[data-split]');
    if (splitButton) return splitButton.dataset.split === 'apply' ? applySplit() : cancelSplit();
    const s = e.target.closest('.s');
    if (state.split) {
      if (state.split.k !== k || !s) return;
      // Clicking a sentence ends the first part with it.
      const b = state.doc.beads[k];
      const i = +s.dataset.i;
      if (s.dataset.side === 'source') { state.split.a = b.src.indexOf(i) + 1; state.split.side = 'source'; } else { state.split.b = b.tgt.indexOf(i) + 1; state.split.side = 'target'; }
      fixSplit(0);
      redraw(k);
      return;
    }
    select(k, s ? { side: s.dataset.side, i: +s.dataset.i } : null, false);
  });

  document.querySelector('#actions').addEventListener('click', (e) => {
    const b = e.target.closest('[data-act]');
    if (!b) return;
    // Keys go to the beads again, not to the button (Space would press it again).
    b.blur();
    run(b.dataset.act);
  });
  $('help-button').addEventListener('click', () => help(true));
  $('help-close').addEventListener('click', () => help(false));
  $('help').addEventListener('click', (e) => { if (e.target.id === 'help') help(false); });

  // The heights of the sticky header and the status bar, for scrolling rows into view
  // between them.
  const root = document.documentElement.style;
  new ResizeObserver(() => root.setProperty('--head', $('top').offsetHeight + 'px')).observe($('top'));
  new ResizeObserver(() => root.setProperty('--foot', $('status-bar').offsetHeight + 'px')).observe($('status-bar'));

  load();
})();
