// The lineage page (src/render/html.rs): draws the graph JSON on the
// timeline computed by rescite, with cytoscape.js. Data text reaches the
// DOM only through textContent and attribute setters, never as markup.
(function () {
  'use strict';

  var graph = JSON.parse(document.getElementById('graph-data').textContent);
  var layout = JSON.parse(document.getElementById('layout-data').textContent);
  var focusId = graph.graph.focus;
  var body = document.body;
  var $ = function (id) { return document.getElementById(id); };

  var place = {};
  layout.nodes.forEach(function (p) { place[p.id] = p; });
  var nodeById = {};
  graph.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var laneByOrgan = {};
  layout.lanes.forEach(function (l) { laneByOrgan[l.organ] = l; });

  function text(el, value) { el.textContent = value == null ? '' : String(value); return el; }
  function make(tag, cls, value) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (value != null) { text(el, value); }
    return el;
  }

  // ---------------------------------------------------------- elements
  var elements = [];
  var left = -170;
  var right = layout.width + 30;
  layout.lanes.forEach(function (lane, i) {
    elements.push({
      group: 'nodes',
      data: { id: '__lane_' + lane.organ, label: lane.name, w: right - left, h: lane.height - 6, fill: i % 2 ? '#f3f5f8' : '#fafbfc' },
      position: { x: (left + right) / 2, y: lane.y },
      classes: 'lane', selectable: false, grabbable: false, locked: true
    });
  });
  layout.years.forEach(function (col) {
    elements.push({
      group: 'nodes',
      data: { id: '__year_' + (col.year == null ? 'undated' : col.year), label: col.year == null ? 'undated' : String(col.year) },
      position: { x: col.x, y: -24 },
      classes: 'year', selectable: false, grabbable: false, locked: true
    });
  });
  graph.nodes.forEach(function (n) {
    var p = place[n.id] || { x: 0, y: 0, size: 24, colour: '#ccc', cited_by: 0 };
    var classes = ['res'];
    if (n.id === focusId) { classes.push('focus'); }
    if (!n.in_corpus) { classes.push('cited-only'); }
    elements.push({
      group: 'nodes',
      data: {
        id: n.id, label: n.label.indexOf(n.organ + ' ') === 0 ? n.label.slice(n.organ.length + 1) : n.label,
        size: p.size, colour: p.colour, ring: (laneByOrgan[n.organ] || {}).colour || '#4a4f55', organ: n.organ, year: n.year
      },
      position: { x: p.x, y: p.y },
      classes: classes.join(' '), grabbable: false
    });
  });
  graph.edges.forEach(function (e, i) {
    // Edges arc by a share of their length, so that long citations along
    // a row pass above the nodes between their ends.
    var a = place[e.source] || { x: 0, y: 0 }, b = place[e.target] || { x: 0, y: 0 };
    var length = Math.sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y));
    elements.push({
      group: 'edges',
      data: {
        id: '__edge_' + i, source: e.source, target: e.target, weight: 1,
        width: Math.min(2 + Math.log(e.count) * 1.5, 7), bend: Math.round(Math.min(length * 0.08, 70))
      },
      classes: 'cite ' + e.family + (e.forward ? ' forward' : '')
    });
  });

  var style = [
    { selector: 'node, edge', style: { 'z-index-compare': 'manual' } },
    { selector: 'node', style: { 'font-family': getComputedStyle(document.documentElement).fontFamily } },
    { selector: 'node.lane', style: {
      shape: 'rectangle', width: 'data(w)', height: 'data(h)', 'background-color': 'data(fill)',
      'border-width': 0, label: 'data(label)', 'text-halign': 'left', 'text-valign': 'center',
      'text-wrap': 'wrap', 'text-max-width': 140, 'font-size': 17, 'font-weight': 600, color: '#3d444d',
      'text-margin-x': 158, 'text-justification': 'left', events: 'no', 'z-index': 0 } },
    { selector: 'node.year', style: {
      shape: 'rectangle', width: 1, height: 1, 'background-opacity': 0, label: 'data(label)',
      'font-size': 16, color: '#3d444d', 'text-valign': 'center', events: 'no' } },
    { selector: 'node.res', style: {
      width: 'data(size)', height: 'data(size)', 'background-color': 'data(colour)',
      'border-width': 2, 'border-color': '#3d444d', label: 'data(label)', 'font-size': 14,
      'text-valign': 'bottom', 'text-margin-y': 3, color: '#1b1f24',
      'text-background-color': '#ffffff', 'text-background-opacity': 0.8, 'text-background-padding': 1,
      'z-index': 10 } },
    { selector: 'node.cited-only', style: { 'border-color': 'data(ring)', 'border-width': 2.5 } },
    { selector: 'node.focus', style: { 'border-width': 6, 'border-color': '#1b1f24', 'border-style': 'solid', 'font-weight': 700, 'font-size': 18 } },
    { selector: 'edge', style: {
      width: 'data(width)', 'line-color': '#6e7781', 'target-arrow-color': '#6e7781',
      'target-arrow-shape': 'triangle', 'arrow-scale': 1.1, 'curve-style': 'unbundled-bezier', 'control-point-distances': 'data(bend)', 'control-point-weights': 0.5, opacity: 0.5, 'z-index': 5 } },
    { selector: 'edge.note', style: { 'line-style': 'dashed' } },
    { selector: 'edge.other', style: { 'line-style': 'dotted' } },
    { selector: 'edge.forward', style: { 'line-color': '#D55E00', 'target-arrow-color': '#D55E00', opacity: 0.9 } },
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'edge.near', style: { opacity: 0.95, 'line-color': '#0b5cad', 'target-arrow-color': '#0b5cad', 'z-index': 20 } },
    { selector: 'node.match', style: { 'underlay-color': '#ffd33d', 'underlay-opacity': 0.8, 'underlay-padding': 6 } },
    { selector: 'node:selected', style: { 'overlay-color': '#0b5cad', 'overlay-opacity': 0.25, 'overlay-padding': 5, 'border-color': '#0b5cad', 'border-width': 4 } },
    { selector: 'node.path-start', style: { 'underlay-color': '#c2185b', 'underlay-opacity': 0.45, 'underlay-padding': 7 } },
    { selector: '.path', style: { opacity: 1, 'line-color': '#c2185b', 'target-arrow-color': '#c2185b', 'border-color': '#c2185b', 'border-width': 4, width: 4, 'z-index': 30 } },
    { selector: '.hidden', style: { display: 'none' } }
  ];

  var cy = cytoscape({
    container: $('cy'), elements: elements, style: style,
    layout: { name: 'preset', padding: 24 },
    minZoom: 0.1, maxZoom: 4, wheelSensitivity: 0.3,
    autoungrabify: true, boxSelectionEnabled: false, selectionType: 'single'
  });
  var res = cy.nodes('.res');

  // ---------------------------------------------------------- summary, legend, print list
  var organsPresent = layout.lanes.map(function (l) { return l.organ; });
  var years = graph.nodes.map(function (n) { return n.year; }).filter(function (y) { return y != null; });
  var minYear = years.length ? Math.min.apply(null, years) : null;
  var maxYear = years.length ? Math.max.apply(null, years) : null;
  text($('summary'), graph.nodes.length + ' resolutions and decisions, ' + graph.edges.length +
    ' citation links' + (minYear != null ? ', ' + minYear + '\u2013' + maxYear : '') +
    (focusId ? '. In focus: ' + focusId : '') + '.');

  layout.lanes.forEach(function (lane) {
    var li = make('li');
    var sw = make('span', 'swatch'); sw.style.background = lane.colour;
    li.appendChild(sw); li.appendChild(document.createTextNode(lane.name + ' (' + lane.organ + ')'));
    $('legend-organs').appendChild(li);

    var label = make('label', 'organ-check');
    var box = make('input'); box.type = 'checkbox'; box.checked = true; box.value = lane.organ;
    box.setAttribute('aria-label', lane.name);
    var dot = make('span', 'dot'); dot.style.background = lane.colour;
    label.appendChild(box); label.appendChild(dot); label.appendChild(document.createTextNode(lane.organ));
    $('organ-filter').appendChild(label);
    box.addEventListener('change', applyFilters);
  });

  graph.nodes.slice().sort(function (a, b) {
    return String(a.date || a.year || '').localeCompare(String(b.date || b.year || '')) || a.id.localeCompare(b.id);
  }).forEach(function (n) {
    var tr = make('tr');
    tr.appendChild(make('td', null, n.id));
    tr.appendChild(make('td', null, n.date || n.year || ''));
    tr.appendChild(make('td', null, n.organ));
    tr.appendChild(make('td', null, n.title || ''));
    tr.appendChild(make('td', null, (place[n.id] || {}).cited_by || 0));
    $('print-rows').appendChild(tr);
  });

  // ---------------------------------------------------------- filters
  var yearFrom = $('year-from'), yearTo = $('year-to');
  if (minYear != null) {
    yearFrom.min = yearTo.min = minYear; yearFrom.max = yearTo.max = maxYear;
    yearFrom.value = minYear; yearTo.value = maxYear;
  }
  function applyFilters() {
    var on = {};
    Array.prototype.forEach.call($('organ-filter').querySelectorAll('input'), function (b) { on[b.value] = b.checked; });
    var from = parseInt(yearFrom.value, 10), to = parseInt(yearTo.value, 10);
    cy.batch(function () {
      res.forEach(function (node) {
        var y = node.data('year');
        var show = on[node.data('organ')] !== false &&
          (isNaN(from) || y == null || y >= from) && (isNaN(to) || y == null || y <= to);
        node.toggleClass('hidden', !show);
      });
    });
    publish();
  }
  yearFrom.addEventListener('input', applyFilters);
  yearTo.addEventListener('input', applyFilters);

  // ---------------------------------------------------------- details
  function showDetails(id) {
    var n = nodeById[id];
    if (!n) { return; }
    $('details-empty').hidden = true;
    $('details-body').hidden = false;
    text($('d-symbol'), n.id + (n.label !== n.id ? '  (' + n.label + ')' : ''));
    text($('d-title'), n.title || 'Title not known');
    text($('d-date'), n.date || (n.year != null ? String(n.year) : 'not known'));
    text($('d-organ'), (laneByOrgan[n.organ] || {}).name || n.organ);
    text($('d-corpus'), n.in_corpus ? 'yes' : 'no, only cited' + (n.unavailable ? ' (' + n.unavailable + ')' : ''));
    var link = $('d-link');
    if (/^https?:\/\//.test(n.url)) { link.href = n.url; link.hidden = false; } else { link.hidden = true; }
    var citedBy = $('d-cited-by'), cites = $('d-cites');
    citedBy.replaceChildren(); cites.replaceChildren();
    var into = graph.edges.filter(function (e) { return e.target === id; });
    var out = graph.edges.filter(function (e) { return e.source === id; });
    text($('d-cited-heading'), 'Cited by ' + into.length + (into.length === 1 ? ' document' : ' documents'));
    into.forEach(function (e) {
      var li = make('li');
      var src = nodeById[e.source];
      li.appendChild(make('strong', null, src ? src.label : e.source));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(make('span', 'verb', e.verbs.length ? e.verbs.join(', ') : 'cites'));
      if (e.count > 1) { li.appendChild(document.createTextNode(' (' + e.count + ' times)')); }
      if (e.forward) { li.appendChild(make('span', 'hint', ' \u2014 cites a later document')); }
      if (e.evidence) { li.appendChild(make('blockquote', null, e.evidence)); }
      citedBy.appendChild(li);
    });
    text($('d-cites-heading'), 'Cites ' + out.length + (out.length === 1 ? ' document' : ' documents'));
    out.forEach(function (e) {
      var t = nodeById[e.target];
      cites.appendChild(make('li', null, (t ? t.label : e.target) + (t && t.title ? ' \u2014 ' + t.title : '')));
    });
    $('path-end').hidden = !(pathStart && pathStart !== id);
    if (pathStart && pathStart !== id) { text($('path-end'), 'Show the path from ' + nodeById[pathStart].label + ' to here'); }
    body.setAttribute('data-selected', id);
  }

  function select(id, center) {
    var node = cy.getElementById(id);
    if (!node.length || !node.hasClass('res')) { return false; }
    cy.elements().unselect();
    cy.edges().removeClass('near');
    node.select();
    node.connectedEdges().addClass('near');
    if (center) { cy.center(node); }
    showDetails(id);
    publish();
    return true;
  }

  function clearAll() {
    cy.elements().unselect().removeClass('near match faded path path-start');
    pathStart = null;
    $('details-empty').hidden = false;
    $('details-body').hidden = true;
    $('path-result').hidden = true;
    body.removeAttribute('data-selected');
    body.removeAttribute('data-path');
    publish();
  }

  // ---------------------------------------------------------- path
  var pathStart = null;
  function showPath(a, b) {
    cy.elements().removeClass('path faded');
    var visible = cy.elements().not('.hidden').not('.lane').not('.year');
    var result = visible.aStar({ root: cy.getElementById(a), goal: cy.getElementById(b), directed: true });
    if (!result.found) {
      result = visible.aStar({ root: cy.getElementById(b), goal: cy.getElementById(a), directed: true });
    }
    $('path-result').hidden = false;
    if (result.found) {
      visible.not(result.path).addClass('faded');
      result.path.addClass('path');
      var ids = result.path.nodes().map(function (n) { return n.id(); });
      text($('path-text'), ids.map(function (i) { return nodeById[i].label; }).join(' \u2192 ') +
        ' (' + (ids.length - 1) + (ids.length === 2 ? ' step' : ' steps') + ')');
      body.setAttribute('data-path', ids.join(' '));
    } else {
      text($('path-text'), 'No citation path between ' + nodeById[a].label + ' and ' + nodeById[b].label + '.');
      body.setAttribute('data-path', '');
    }
    cy.nodes('.path-start').removeClass('path-start');
    pathStart = null;
    $('path-end').hidden = true;
  }
  $('path-start').addEventListener('click', function () {
    var id = body.getAttribute('data-selected');
    if (!id) { return; }
    cy.nodes('.path-start').removeClass('path-start');
    pathStart = id;
    cy.getElementById(id).addClass('path-start');
    $('path-result').hidden = false;
    text($('path-text'), 'Path from ' + nodeById[id].label + ': now select another resolution and shift-click it, or use \u201cShow the path to here\u201d.');
  });
  $('path-end').addEventListener('click', function () {
    var id = body.getAttribute('data-selected');
    if (pathStart && id && pathStart !== id) { showPath(pathStart, id); }
  });

  cy.on('tap', 'node.res', function (evt) {
    var id = evt.target.id();
    var shift = evt.originalEvent && evt.originalEvent.shiftKey;
    if (shift) {
      if (pathStart && pathStart !== id) {
        select(id, false);
        showPath(pathStart, id);
      } else {
        cy.nodes('.path-start').removeClass('path-start');
        pathStart = id;
        evt.target.addClass('path-start');
        select(id, false);
        $('path-result').hidden = false;
        text($('path-text'), 'Path from ' + nodeById[id].label + ': shift-click a second resolution.');
      }
    } else {
      select(id, false);
    }
  });
  cy.on('tap', function (evt) { if (evt.target === cy) { clearAll(); } });

  // ---------------------------------------------------------- search
  var search = $('search');
  function matches(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) { return []; }
    return graph.nodes.filter(function (n) {
      var hay = (n.id + ' ' + n.label + ' ' + (n.title || '')).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    }).filter(function (n) { return !cy.getElementById(n.id).hasClass('hidden'); });
  }
  search.addEventListener('input', function () {
    var found = matches(search.value);
    cy.batch(function () {
      res.removeClass('match faded');
      if (search.value.trim()) {
        var ids = {};
        found.forEach(function (n) { ids[n.id] = true; cy.getElementById(n.id).addClass('match'); });
        res.forEach(function (node) { if (!ids[node.id()]) { node.addClass('faded'); } });
      }
    });
    body.setAttribute('data-matches', String(found.length));
  });
  search.addEventListener('keydown', function (evt) {
    if (evt.key === 'Enter') {
      var found = matches(search.value);
      if (found.length) { select(found[0].id, true); }
      evt.preventDefault();
    } else if (evt.key === 'Escape') {
      search.value = '';
      res.removeClass('match faded');
      body.removeAttribute('data-matches');
      clearAll();
      evt.preventDefault();
    }
  });
  document.addEventListener('keydown', function (evt) {
    if (evt.key === 'Escape' && document.activeElement !== search) { clearAll(); }
    if (evt.key === '/' && document.activeElement !== search && !/^(INPUT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      search.focus(); evt.preventDefault();
    }
  });

  // ---------------------------------------------------------- buttons
  $('fit').addEventListener('click', function () { cy.fit(cy.nodes(':visible'), 24); });
  $('clear').addEventListener('click', function () {
    search.value = ''; res.removeClass('match faded'); clearAll();
  });
  function fileName(ext) {
    return (focusId ? 'lineage-' + focusId.replace(/[^A-Za-z0-9]+/g, '-') : 'citations') + '.' + ext;
  }
  function download(url, name) {
    var a = document.createElement('a');
    a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  }
  $('export-png').addEventListener('click', function () {
    download(cy.png({ full: true, scale: 2, bg: '#ffffff' }), fileName('png'));
  });
  $('export-svg').addEventListener('click', function () {
    var blob = new Blob([toSvg()], { type: 'image/svg+xml' });
    var url = URL.createObjectURL(blob);
    download(url, fileName('svg'));
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  // The visible graph as SVG, drawn from the model positions.
  function toSvg() {
    var NS = 'http://www.w3.org/2000/svg';
    var bb = cy.elements(':visible').boundingBox({ includeLabels: true });
    var pad = 20;
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('xmlns', NS);
    svg.setAttribute('viewBox', [bb.x1 - pad, bb.y1 - pad, bb.w + 2 * pad, bb.h + 2 * pad].join(' '));
    svg.setAttribute('width', Math.round(bb.w + 2 * pad));
    svg.setAttribute('height', Math.round(bb.h + 2 * pad));
    svg.setAttribute('font-family', 'Arial, sans-serif');
    function el(tag, attrs, parent, content) {
      var e = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (content != null) { e.textContent = content; }
      (parent || svg).appendChild(e);
      return e;
    }
    el('title', {}, svg, graph.graph.title || 'Citation graph');
    el('rect', { x: bb.x1 - pad, y: bb.y1 - pad, width: bb.w + 2 * pad, height: bb.h + 2 * pad, fill: '#ffffff' });
    var defs = el('defs', {});
    var marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#6e7781' }, marker);
    cy.nodes('.lane').forEach(function (n) {
      var p = n.position(), w = n.data('w'), h = n.data('h');
      el('rect', { x: p.x - w / 2, y: p.y - h / 2, width: w, height: h, fill: n.data('fill') });
      el('text', { x: p.x - w / 2 + 6, y: p.y, 'font-size': 13, 'font-weight': 600, fill: '#57606a', 'dominant-baseline': 'middle' }, svg, n.data('label'));
    });
    cy.nodes('.year').forEach(function (n) {
      var p = n.position();
      el('text', { x: p.x, y: p.y, 'font-size': 12, fill: '#57606a', 'text-anchor': 'middle' }, svg, n.data('label'));
    });
    cy.edges(':visible').forEach(function (e) {
      var s = e.source().position(), t = e.target().position();
      var dx = t.x - s.x, dy = t.y - s.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var rt = e.target().data('size') / 2, rs = e.source().data('size') / 2;
      var dash = e.hasClass('note') ? '6 4' : e.hasClass('other') ? '2 3' : null;
      var attrs = {
        x1: s.x + dx / len * rs, y1: s.y + dy / len * rs, x2: t.x - dx / len * rt, y2: t.y - dy / len * rt,
        stroke: e.hasClass('path') ? '#c2185b' : e.hasClass('forward') ? '#D55E00' : '#8c959f',
        'stroke-width': e.hasClass('path') ? 4 : e.data('width'), 'stroke-opacity': e.hasClass('faded') ? 0.15 : 0.7,
        'marker-end': 'url(#arrow)'
      };
      if (dash) { attrs['stroke-dasharray'] = dash; }
      el('line', attrs);
    });
    res.filter(':visible').forEach(function (n) {
      var p = n.position(), r = n.data('size') / 2;
      var focus = n.hasClass('focus');
      var g = el('g', { opacity: n.hasClass('faded') ? 0.15 : 1 });
      el('title', {}, g, n.id() + (nodeById[n.id()].title ? ': ' + nodeById[n.id()].title : ''));
      el('circle', { cx: p.x, cy: p.y, r: r, fill: n.data('colour'), stroke: n.hasClass('path') ? '#c2185b' : focus ? '#1b1f24' : n.hasClass('cited-only') ? n.data('ring') : '#3d444d', 'stroke-width': focus ? 6 : 2.5 }, g);
      el('text', { x: p.x, y: p.y + r + 17, 'font-size': focus ? 18 : 15, 'font-weight': focus ? 700 : 400, 'text-anchor': 'middle', fill: '#1b1f24' }, g, n.data('label'));
    });
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
  }

  // ---------------------------------------------------------- state for tests and links
  function publish() {
    // A class change restyles lazily: count what the filters leave shown
    // and cytoscape draws.
    var shown = function (n) { return !n.hasClass('hidden') && n.visible(); };
    body.setAttribute('data-node-count', String(res.length));
    body.setAttribute('data-nodes-drawn', String(res.filter(shown).length));
    body.setAttribute('data-edges-drawn', String(cy.edges().filter(function (e) {
      return shown(e.source()) && shown(e.target()) && e.visible();
    }).length));
  }
  function honourHash() {
    var hash = decodeURIComponent(location.hash.replace(/^#/, ''));
    var m = /^select=(.+)$/.exec(hash);
    if (m) { select(m[1], false); }
    m = /^path=([^,]+),(.+)$/.exec(hash);
    if (m) { select(m[2], false); showPath(m[1], m[2]); }
  }
  window.addEventListener('hashchange', honourHash);
  window.addEventListener('beforeprint', function () { cy.resize(); cy.fit(cy.nodes(':visible'), 10); });

  cy.fit(undefined, 24);
  publish();
  honourHash();
  cy.one('render', function () { body.setAttribute('data-rendered', 'yes'); });
  body.setAttribute('data-state', 'ready');
})();
