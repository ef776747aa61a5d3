// Lagebild web app. All data from the API is put into the page as DOM text nodes (textContent / createTextNode),
// never as HTML, so article text cannot inject markup or scripts.
'use strict';

(function () {
  const CLASS_COLOURS = {
    lethal: '#c62828', dual_use: '#ef6c00', production: '#6a1b9a', service: '#00838f', economic: '#2e7d32', general: '#607d8b',
  };
  const MARK_START = '\u0002', MARK_END = '\u0003';
  const MAX_LIST = 300;
  const state = { edges: [], nodes: [], items: {}, labels: {}, cy: null, token: sessionStorage.getItem('lagebild-token') || '' };

  const $ = (id) => document.getElementById(id);

  // el('li', {className: 'x'}, 'text', child) : strings become text nodes.
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'className' || k === 'type' || k === 'title' || k === 'value' || k === 'hidden') node[k] = v;
      else if (k === 'onclick') node.addEventListener('click', v);
      else if (k.startsWith('data-')) node.setAttribute(k, String(v));
      else throw new Error('unsupported property ' + k);
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function safeLink(url, text) {
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return el('span', {}, text || url || '');
    const a = document.createElement('a');
    a.href = url;
    a.rel = 'noopener noreferrer nofollow';
    a.target = '_blank';
    a.textContent = text || url;
    return a;
  }

  // Text with spans [{start, end, classes}] as text nodes and <mark>s (overlaps are split into segments).
  function highlighted(text, spans, tag) {
    const frag = document.createDocumentFragment();
    const points = new Set([0, text.length]);
    for (const s of spans) {
      if (s.start >= 0 && s.end <= text.length && s.end > s.start) { points.add(s.start); points.add(s.end); }
    }
    const sorted = [...points].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = sorted[i], b = sorted[i + 1];
      const piece = text.slice(a, b);
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      if (covering.length === 0) { frag.appendChild(document.createTextNode(piece)); continue; }
      const m = document.createElement(tag || 'mark');
      m.className = [...new Set(covering.map((s) => s.classes))].join(' ');
      const title = covering.map((s) => s.title).filter(Boolean).join('; ');
      if (title) m.title = title;
      m.textContent = piece;
      frag.appendChild(m);
    }
    return frag;
  }

  async function api(path) {
    const headers = state.token ? { Authorization: 'Bearer ' + state.token } : {};
    const res = await fetch(path, { headers, credentials: 'same-origin' });
    if (res.status === 401) {
      $('token-form').hidden = false;
      throw new Error('This server needs an API token.');
    }
    if (!res.ok) throw new Error(path + ': HTTP ' + res.status);
    return res.json();
  }

  function showError(e) {
    const d = $('details');
    d.replaceChildren(el('p', { className: 'status-denied' }, String(e && e.message ? e.message : e)));
  }

  const itemClass = (item) => (state.items[item] && state.items[item].class) || 'general';
  const itemLabel = (item) => (state.items[item] && state.items[item].label) || item;
  const label = (id) => state.labels[id] || id;
  const onlyAlleged = (e) => (e.statuses.asserted || 0) === 0 && ((e.statuses.alleged || 0) + (e.statuses.hedged || 0)) > 0;
  const edgeId = (e) => 'e:' + e.supplier + '|' + e.recipient + '|' + e.item;

  // ---------- filters ----------
  function filters() {
    return {
      cls: $('f-class').value, item: $('f-item').value, status: $('f-status').value,
      from: $('f-from').value, to: $('f-to').value, actor: $('f-actor').value.trim().toLowerCase(),
    };
  }

  function matches(e, f) {
    if (f.cls && itemClass(e.item) !== f.cls) return false;
    if (f.item && e.item !== f.item) return false;
    if (f.status === 'contradicted' ? !e.contradicted : f.status && !(e.statuses[f.status] > 0)) return false;
    if (f.from && e.last_seen && e.last_seen < f.from) return false;
    if (f.to && e.first_seen && e.first_seen > f.to) return false;
    if (f.actor) {
      const hit = [e.supplier, e.recipient].some((a) => a.toLowerCase() === f.actor || label(a).toLowerCase().includes(f.actor));
      if (!hit) return false;
    }
    return true;
  }

  function fillSelect(select, values, text) {
    const keep = select.value;
    select.replaceChildren(el('option', { value: '' }, 'all'));
    for (const v of values) select.appendChild(el('option', { value: v }, text ? text(v) : v));
    select.value = values.includes(keep) ? keep : '';
  }

  // ---------- graph ----------
  function buildGraph(edges) {
    const nodeIds = new Set();
    for (const e of edges) { nodeIds.add(e.supplier); nodeIds.add(e.recipient); }
    const kinds = Object.fromEntries(state.nodes.map((n) => [n.id, n.kind]));
    const elements = [];
    for (const id of nodeIds) elements.push({ group: 'nodes', data: { id, label: label(id), kind: kinds[id] || 'state' } });
    for (const e of edges) {
      elements.push({
        group: 'edges',
        data: {
          id: edgeId(e), source: e.supplier, target: e.recipient, item: e.item, cls: itemClass(e.item),
          width: Math.min(10, 1.5 + 1.5 * Math.log2(1 + e.sources)), alleged: onlyAlleged(e), contradicted: e.contradicted,
        },
      });
    }
    const big = edges.length > 1500;
    if (state.cy) state.cy.destroy();
    state.cy = window.cytoscape({
      container: $('cy'),
      elements,
      textureOnViewport: big,
      hideEdgesOnViewport: big,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 10, width: 18, height: 18, 'background-color': '#37474f', 'text-valign': 'bottom' } },
        { selector: 'node[kind = "organisation"]', style: { shape: 'round-rectangle', 'background-color': '#5e35b1' } },
        { selector: 'node[kind = "person"]', style: { shape: 'diamond', 'background-color': '#8d6e63' } },
        { selector: 'edge', style: { width: 'data(width)', 'curve-style': big ? 'haystack' : 'bezier', 'target-arrow-shape': big ? 'none' : 'triangle', opacity: 0.85 } },
        ...Object.entries(CLASS_COLOURS).map(([cls, colour]) => ({
          selector: `edge[cls = "${cls}"]`, style: { 'line-color': colour, 'target-arrow-color': colour },
        })),
        { selector: 'edge[?alleged]', style: { 'line-style': 'dashed' } },
        { selector: 'edge[?contradicted]', style: { 'source-arrow-shape': 'tee', 'source-arrow-color': '#b00020', 'line-outline-width': 0, label: '✕', color: '#b00020', 'font-size': 12 } },
        { selector: ':selected', style: { 'overlay-opacity': 0.25, 'overlay-color': '#1742a0' } },
      ],
      layout: { name: nodeIds.size > 400 ? 'grid' : 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true },
    });
    state.cy.on('tap', 'edge', (ev) => {
      const d = ev.target.data();
      showEdge(d.source, d.target, d.item);
    });
    state.cy.on('tap', 'node', (ev) => showNode(ev.target.id()));
  }

  function render() {
    const f = filters();
    const shown = state.edges.filter((e) => matches(e, f));
    $('edge-count').textContent = `(${shown.length} of ${state.edges.length})`;
    if (window.cytoscape) buildGraph(shown);
    const list = $('edge-list');
    list.replaceChildren();
    for (const e of shown.slice(0, MAX_LIST)) {
      const text = `${e.supplier} → ${e.recipient} ${e.item}`;
      list.appendChild(el('li', { 'data-edge': edgeId(e), 'data-class': itemClass(e.item) },
        el('span', { className: 'swatch cls-' + itemClass(e.item) }),
        el('button', { type: 'button', className: 'edge-link', onclick: () => showEdge(e.supplier, e.recipient, e.item) }, text),
        ` · ${e.sources} source(s), ${e.evidence} sentence(s)`,
        onlyAlleged(e) ? ' · alleged only' : '',
        e.contradicted ? el('span', { className: 'contradicted' }, ' · contradicted') : null));
    }
    if (shown.length > MAX_LIST) list.appendChild(el('li', {}, `… ${shown.length - MAX_LIST} more (narrow the filters)`));
    loadTimeline(f).catch(showError);
  }

  async function loadTimeline(f) {
    const q = new URLSearchParams();
    if (f.item) q.set('item', f.item);
    const data = await api('/api/timeline?' + q);
    const months = data.months.filter((m) => (!f.from || m.month >= f.from.slice(0, 7)) && (!f.to || m.month <= f.to.slice(0, 7)));
    const max = Math.max(1, ...months.map((m) => m.claims));
    const box = $('timeline');
    box.replaceChildren();
    for (const m of months) {
      const bar = el('div', { className: 'bar', title: `${m.month}: ${m.claims} claim(s)`, 'data-month': m.month });
      bar.style.height = Math.max(2, Math.round((m.claims / max) * 100)) + '%';
      box.appendChild(bar);
    }
  }

  // ---------- details ----------
  async function showEdge(supplier, recipient, item) {
    if (state.cy) { state.cy.elements().unselect(); state.cy.getElementById(edgeId({ supplier, recipient, item })).select(); }
    const q = new URLSearchParams({ supplier, recipient, item });
    const data = await api('/api/evidence?' + q).catch(showError);
    if (!data) return;
    const list = el('ol', { className: 'evidence' });
    for (const x of data.evidence) {
      const spans = (x.highlights || []).map((h) => ({ start: h.start, end: h.end, classes: h.role, title: h.role }));
      list.appendChild(el('li', {},
        el('p', { className: 'sentence' }, highlighted(x.sentence, spans)),
        el('div', { className: 'meta' },
          'claimant ', el('strong', {}, label(x.claimant)), ' · ',
          el('span', { className: 'status-' + x.status }, x.status + (x.negated ? ' (negated)' : '')), ' · ',
          x.outlet || '(no outlet)', ' · ', x.date || '(no date)', ' · ',
          safeLink(x.url, 'link'), ' · ',
          el('button', { type: 'button', className: 'link', onclick: () => showDocument(x.document) }, 'document')),
        x.chain && x.chain.length ? el('div', { className: 'meta chain' }, 'citation chain: ' + x.chain.map(label).join(' › ')) : null));
    }
    $('details').replaceChildren(
      el('h2', {}, `${label(supplier)} → ${label(recipient)}: ${itemLabel(item)}`),
      el('p', { className: 'meta' }, `${data.evidence.length} evidence sentence(s), class ${itemClass(item)}`),
      list);
  }

  function showNode(id) {
    const out = state.edges.filter((e) => e.supplier === id);
    const inn = state.edges.filter((e) => e.recipient === id);
    const rel = (e, other) => el('li', {},
      el('span', { className: 'swatch cls-' + itemClass(e.item) }),
      el('button', { type: 'button', className: 'link', onclick: () => showEdge(e.supplier, e.recipient, e.item) },
        `${label(other)} — ${itemLabel(e.item)}`),
      ` (${e.sources} source(s))`);
    $('details').replaceChildren(
      el('h2', {}, `${label(id)} (${id})`),
      el('h3', {}, `Supplies (${out.length})`), el('ul', { className: 'relations-out' }, ...out.map((e) => rel(e, e.recipient))),
      el('h3', {}, `Receives (${inn.length})`), el('ul', { className: 'relations-in' }, ...inn.map((e) => rel(e, e.supplier))));
  }

  async function showDocument(id) {
    const d = await api('/api/documents/' + encodeURIComponent(id)).catch(showError);
    if (!d) return;
    const spans = [
      ...d.mentions.map((m) => ({ start: m.start, end: m.end, classes: 'mention-' + m.kind, title: `${m.kind}: ${m.label}` })),
    ];
    const text = highlighted(d.text, spans);
    // Quotes and claim sentences as outer spans would nest badly; list them below the text instead.
    $('details').replaceChildren(
      el('h2', { className: 'doc-title' }, d.title || '(untitled)'),
      el('p', { className: 'meta' }, d.outlet || '(no outlet)', ' · ', d.date || '(no date)', ' · ', d.lang, ' · ', safeLink(d.url, 'original')),
      el('div', { className: 'doc-text' }, text),
      el('h3', {}, `Claims (${d.claims.length})`),
      el('ul', {}, ...d.claims.map((c) => el('li', {},
        el('button', { type: 'button', className: 'link', onclick: () => showEdge(c.supplier, c.recipient, c.item) },
          `${c.supplier} → ${c.recipient} ${c.item}`), ` · ${c.status}${c.negated ? ' (negated)' : ''} · claimant ${label(c.claimant)} · `,
        el('q', {}, d.text.slice(c.start, c.end))))),
      el('h3', {}, `Quotes (${d.quotes.length})`),
      el('ul', {}, ...d.quotes.map((q) => el('li', { className: 'quote' }, d.text.slice(q.start, q.end), q.speaker_name ? ` — ${q.speaker_name}` : ''))));
  }

  async function search(q) {
    const data = await api('/api/search?q=' + encodeURIComponent(q)).catch(showError);
    if (!data) return;
    const list = el('ol', { className: 'hits' });
    for (const h of data.hits) {
      const snippet = el('p', { className: 'snippet' });
      const parts = h.snippet.split(MARK_START);
      snippet.appendChild(document.createTextNode(parts[0]));
      for (const p of parts.slice(1)) {
        const [hit, rest] = p.split(MARK_END);
        snippet.appendChild(el('mark', {}, hit || ''));
        snippet.appendChild(document.createTextNode(rest || ''));
      }
      list.appendChild(el('li', {},
        el('button', { type: 'button', className: 'link', onclick: () => showDocument(h.id) }, h.title || '(untitled)'),
        el('div', { className: 'meta' }, h.outlet || '', ' · ', h.date || ''), snippet));
    }
    $('details').replaceChildren(el('h2', {}, `Search: ${data.query}`), el('p', { className: 'meta' }, `${data.hits.length} article(s)`), list);
  }

  // ---------- start ----------
  async function load() {
    const [graph, entities] = await Promise.all([api('/api/graph'), api('/api/entities')]);
    state.edges = graph.edges;
    state.nodes = graph.nodes;
    state.items = graph.items;
    state.labels = Object.fromEntries(graph.nodes.map((n) => [n.id, n.label]));
    for (const e of entities.entities) if (!state.labels[e.id]) state.labels[e.id] = e.label;
    const classes = [...new Set(Object.values(state.items).map((i) => i.class))].sort();
    fillSelect($('f-class'), classes);
    fillSelect($('f-item'), Object.keys(state.items).sort(), itemLabel);
    $('actors').replaceChildren(...graph.nodes.map((n) => el('option', { value: n.id }, n.label)));
    $('legend').replaceChildren(...Object.keys(CLASS_COLOURS).map((c) => el('li', {}, el('span', { className: 'swatch cls-' + c }), c.replace('_', '-'))),
      el('li', {}, '- - - alleged only'), el('li', { className: 'contradicted' }, '✕ contradicted or denied'));
    $('summary').textContent = `${state.edges.length} edges, ${graph.nodes.length} actors`;
    render();
  }

  function start() {
    const hash = new URLSearchParams(location.hash.slice(1));
    if (hash.get('token')) {
      state.token = hash.get('token');
      sessionStorage.setItem('lagebild-token', state.token);
      history.replaceState(null, '', location.pathname);
    }
    for (const id of ['f-class', 'f-item', 'f-status', 'f-from', 'f-to']) $(id).addEventListener('change', render);
    let timer = 0;
    $('f-actor').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(render, 250); });
    $('f-reset').addEventListener('click', () => {
      for (const id of ['f-class', 'f-item', 'f-status', 'f-from', 'f-to', 'f-actor']) $(id).value = '';
      render();
    });
    $('search-form').addEventListener('submit', (ev) => { ev.preventDefault(); const q = $('search').value.trim(); if (q) search(q); });
    $('token-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      state.token = $('token').value;
      sessionStorage.setItem('lagebild-token', state.token);
      $('token-form').hidden = true;
      load().catch(showError);
    });
    load().catch(showError);
  }

  document.addEventListener('DOMContentLoaded', start);
})();
