/**
 * The dashboard's script, as it runs in the browser (plain ES2020, no template literals so it can live
 * in this one). It polls `/api/status` (every 2 s; `?every=MS` for tests), renders each part of the
 * page from it, and sends the rule buttons to `/api/rules/<action>`. A rule card is a list of sections
 * (RULE_SECTIONS): a new panel (an audit result, say) is one more function there. Markup is built with
 * el(), which escapes attribute values; text from the server goes through esc().
 */
export const DASHBOARD_SCRIPT = String.raw`
'use strict';
/* ?every=MS polls faster (tests); never below 250 ms. */
var POLL_MS = Math.max(250, Number(new URLSearchParams(location.search).get('every')) || 2000);
var last = {};
var messages = {};
var openDetails = {};

function esc(v) {
  return String(v === undefined || v === null ? '' : v).replace(/[&<>"']/g, function (c) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
  });
}
/* An element: attribute values are escaped here; inner is markup (escape text with esc()). */
function el(name, attrs, inner) {
  var a = Object.keys(attrs || {}).filter(function (k) { return attrs[k] !== undefined; });
  var open = '<' + name + a.map(function (k) { return ' ' + k + '="' + esc(attrs[k]) + '"'; }).join('');
  return open + '>' + (inner === undefined ? '' : inner) + '</' + name + '>';
}
function span(cls, text) { return el('span', { class: cls }, esc(text)); }
function pad(n) { return (n < 10 ? '0' : '') + n; }
function clock(iso) {
  var d = new Date(iso);
  return isNaN(d) ? '' : pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
}
function dur(s) {
  if (s === undefined || s === null || !isFinite(s)) return '';
  s = Math.max(0, Math.round(s));
  if (s < 60) return s + ' s';
  var m = Math.floor(s / 60);
  if (m < 60) return m + ' min';
  var h = Math.floor(m / 60);
  return h < 48 ? h + ' h' + (m % 60 ? ' ' + (m % 60) + ' min' : '') : Math.floor(h / 24) + ' d';
}
function pct(f) { return (Math.round(f * 1000) / 10).toFixed(1) + '%'; }
function bytes(n) {
  var units = ['B', 'KB', 'MB', 'GB', 'TB'];
  var i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}
function since(iso, now) { return dur((now - Date.parse(iso)) / 1000); }
function words(kind) { var s = String(kind).replace(/-/g, ' '); return s.charAt(0).toUpperCase() + s.slice(1); }
function key(b, r) { return b + '/' + r; }
function set(id, html) {
  if (last[id] === html) return;
  last[id] = html;
  var node = document.getElementById(id);
  node.innerHTML = html;
  node.querySelectorAll('details[data-key]').forEach(function (d) { if (openDetails[d.dataset.key]) d.open = true; });
}
function details(k, summary, text) { return el('details', { 'data-key': k }, el('summary', {}, esc(summary)) + el('pre', {}, esc(text))); }

/* ---- charts: inline SVG, 300 x 64 user units stretched to the panel's width ---- */
function svg(label, inner) {
  return el('svg', { class: 'chart', viewBox: '0 0 300 64', preserveAspectRatio: 'none', role: 'img', 'aria-label': label }, inner);
}
function axis(left, middle, right) { return el('div', { class: 'axis' }, span('', left) + span('legend', middle) + span('', right)); }

function lagChart(rule) {
  var pts = (rule.history || []).filter(function (p) { return p.lagSeconds !== undefined; });
  if (pts.length < 2) return el('p', { class: 'meta' }, "waiting for the monitor's samples");
  var t0 = Date.parse(pts[0].at);
  var spanMs = Math.max(1, Date.parse(pts[pts.length - 1].at) - t0);
  var limit = rule.maxLagSeconds;
  var highest = Math.max.apply(null, pts.map(function (p) { return p.lagSeconds; }));
  var top = Math.max(1, limit ? limit * 1.25 : 0, highest * 1.1);
  var y = function (s) { return (64 - (Math.min(s, top) / top) * 60).toFixed(1); };
  var xy = pts.map(function (p) { return (((Date.parse(p.at) - t0) / spanMs) * 300).toFixed(1) + ',' + y(p.lagSeconds); }).join(' ');
  var over = limit !== undefined && pts[pts.length - 1].lagSeconds > limit;
  var line = { fill: 'none', stroke: over ? '#c53030' : '#2b6cb0', 'stroke-width': 1.5, 'vector-effect': 'non-scaling-stroke' };
  var inner = el('polygon', { points: '0,64 ' + xy + ' 300,64', fill: over ? '#fde8e8' : '#e6eefa' });
  inner += el('polyline', Object.assign({ points: xy }, line));
  if (limit !== undefined) {
    var dash = { stroke: '#c53030', 'stroke-dasharray': '4 3', 'stroke-width': 1, 'vector-effect': 'non-scaling-stroke' };
    inner += el('line', Object.assign({ x1: 0, x2: 300, y1: y(limit), y2: y(limit) }, dash));
  }
  var legend = 'max ' + dur(top) + (limit !== undefined ? ' · dashed: limit ' + dur(limit) : '');
  return svg('lag over time', inner) + axis(clock(pts[0].at), legend, clock(pts[pts.length - 1].at));
}

function canaryChart(canaries) {
  var list = canaries.slice(-30);
  if (list.length === 0) return '';
  var top = Math.max(1, Math.max.apply(null, list.map(function (c) { return c.latencyMs || 0; })));
  var w = 300 / Math.max(12, list.length);
  var bars = list.map(function (c, i) {
    var ok = c.outcome === 'arrived';
    var h = ok ? Math.max(3, ((c.latencyMs || 0) / top) * 58) : 60;
    var what = ok ? 'arrived in ' + c.latencyMs + ' ms' : c.outcome + (c.diagnosis ? ': ' + c.diagnosis.code : '');
    var tip = clock(c.checkedAt || c.writtenAt) + ' ' + what;
    var box = { x: (i * w + 1).toFixed(1), y: (64 - h).toFixed(1), width: (w - 2).toFixed(1), height: h.toFixed(1) };
    box.fill = ok ? '#38a169' : '#e53e3e';
    return el('rect', box, el('title', {}, esc(tip)));
  });
  var legend = 'green: latency (max ' + top + ' ms) · red: failed';
  return svg('canary latency per check', bars.join('')) + axis(list.length + ' check(s)', legend, '');
}

/* ---- rule card sections: each takes (rule, bucket, status) and returns markup ---- */
function ruleHead(r, b) {
  var live = r.paused ? 'paused' : r.liveStatus || r.status || 'unknown';
  var route = esc(b.bucket) + ' ' + span('region', b.region) + ' → ' + esc(r.destination) + ' ' + span('region', r.destinationRegion);
  var pills = el('span', { class: 'pill ' + live, 'data-field': 'live-status' }, esc(live)) + span('pill muted', r.policy);
  var id = el('code', { class: 'rule-id' }, esc(r.ruleId));
  return el('div', { class: 'rule-head' }, el('span', { class: 'route' }, route) + pills + id);
}

function backfillPanel(r, b) {
  var title = el('div', { class: 'panel-title' }, 'Backfill');
  if (r.backfill === undefined) {
    var why = r.status ? 'new objects only (historical replication off)' : 'waiting for the first sample';
    return el('div', {}, title + el('p', { class: 'meta' }, why));
  }
  var done = Math.min(1, Math.max(0, r.backfill));
  var fill = el('span', { style: 'width:' + (done * 100).toFixed(1) + '%' }) + el('b', {}, pct(done));
  var bar = el('div', { class: 'bar', 'data-field': 'backfill', 'data-value': done }, fill);
  var eta = r.backfillEta || {};
  var speed = r.backfillRate > 0 ? esc(pct(r.backfillRate * 60)) + '/min' : '';
  var when = eta.kind === 'complete' ? span('ok', 'complete') : eta.kind === 'estimated' ? 'ETA ' + esc(dur(eta.seconds)) :
    eta.reason === 'not-moving' ? span('warn', 'not moving') : 'ETA once two samples are in';
  var lines = [[speed, when].filter(Boolean).join(' · ')];
  if (r.backfillBytes) lines.push('≈ ' + esc(bytes(r.backfillBytes.copied)) + ' of ' + esc(bytes(r.backfillBytes.total)) + ' copied');
  if (b.size) lines.push('source: ' + esc(b.size.objectCount) + ' object(s), ' + esc(bytes(b.size.storageBytes)));
  return el('div', {}, title + bar + lines.map(function (l) { return el('div', { class: 'meta' }, l); }).join(''));
}

function lagPanel(r) {
  var over = r.maxLagSeconds !== undefined && r.lagSeconds > r.maxLagSeconds;
  var lag = el('span', { class: 'big' + (over ? ' bad' : ''), 'data-field': 'lag' }, esc(dur(r.lagSeconds)));
  var now = r.lagSeconds === undefined ? span('muted', 'no sample yet') : lag;
  return el('div', {}, el('div', { class: 'panel-title' }, 'Lag behind new objects') + now + lagChart(r));
}

/* A canary verify has yet to write or check. */
function pending(dueAt, now) {
  var wait = (Date.parse(dueAt) - now) / 1000;
  var next = wait > 0 ? 'next check at ' + clock(dueAt) + ' (in ' + dur(wait) + ')' : 'verify takes it on its next run';
  return span('muted', 'pending:') + ' ' + esc(next);
}

function canaryPanel(r, b, s) {
  var c = r.lastCanary;
  var head = r.canaryDueAt ? pending(r.canaryDueAt, s.now) : span('muted', 'none yet');
  if (c) {
    var outcome = el('span', { class: c.outcome === 'arrived' ? 'ok' : 'bad', 'data-field': 'canary' }, esc(c.outcome));
    var latency = c.latencyMs !== undefined ? ' in ' + esc(c.latencyMs) + ' ms' : '';
    var ago = span('muted', since(c.checkedAt || c.writtenAt, s.now) + ' ago');
    head = outcome + latency + ' ' + ago + (r.canaryDueAt ? el('div', { class: 'meta' }, head) : '');
  }
  var failures = (r.canaries || []).filter(function (x) { return x.diagnosis; }).slice(-2).reverse().map(function (x) {
    var when = ' at ' + esc(clock(x.checkedAt || x.writtenAt)) + ': ';
    return el('div', { class: 'diag' }, el('b', {}, esc(x.diagnosis.code)) + when + esc(x.diagnosis.message));
  });
  return el('div', {}, el('div', { class: 'panel-title' }, 'Canaries') + head + canaryChart(r.canaries || []) + failures.join(''));
}

function panels(r, b, s) { return el('div', { class: 'grid3' }, backfillPanel(r, b, s) + lagPanel(r, b, s) + canaryPanel(r, b, s)); }

/* The rule's parity audit (when it ran): the gaps of the pass the parity incident is judged on (a.judged:
   the pass under way once it found gaps, else the last full pass while it had any), the progress of a newer
   pass under way, a few keys, and the failure when the last run failed. */
var AUDIT_CLASSES = [['matched', 'matched'], ['missing', 'missing'], ['different', 'different'], ['extra', 'extra'],
  ['inFlight', 'in flight'], ['unreplicable', 'not replicable']];
function auditFailure(a, k) {
  var run = a.lastRun;
  if (!run || run.outcome !== 'failed') return '';
  var runs = a.failing && a.failing.runs > 1 ? a.failing.runs + ' runs in a row failed' : 'Last run failed';
  var why = run.errorCode || run.error || 'no error recorded';
  var detail = run.error && run.error !== why ? details('audit-error-' + k, 'error', run.error) : '';
  var text = el('b', {}, esc(runs)) + ' at ' + esc(clock(run.at)) + ': ' + esc(why);
  return el('div', { class: 'diag', 'data-field': 'audit-failed' }, text + detail);
}
function auditSection(r, b, s) {
  var a = r.audit;
  if (!a) return '';
  var title = el('div', { class: 'panel-title' }, 'Parity audit');
  var failure = auditFailure(a, key(b.bucket, r.ruleId));
  var which = a.judged || (a.current ? 'current' : a.lastFullPass ? 'last' : undefined);
  var pass = which === 'current' ? a.current : which === 'last' ? a.lastFullPass : undefined;
  if (!pass) return el('div', { class: 'audit' }, title + span('muted', 'no pass yet' + (a.lastRun ? ' (' + a.lastRun.outcome + ')' : '')) + failure);
  var gaps = (pass.counts.missing || 0) + (pass.counts.different || 0);
  var verdict = el('span', { class: gaps ? 'bad' : 'ok', 'data-field': 'audit' }, gaps ? gaps + ' gap(s)' : 'no gap');
  var covered = function (p) { return p.coverage !== undefined ? ', ' + pct(p.coverage) + ' covered' : ''; };
  var where = which === 'current' ? 'pass under way' + covered(pass) :
    'last full pass ended ' + clock(pass.endedAt) + ' (' + since(pass.endedAt, s.now) + ' ago)' +
    (a.current ? ' · new pass under way' + covered(a.current) : '');
  var counts = AUDIT_CLASSES.filter(function (c) { return pass.counts[c[0]] || c[0] === 'missing' || c[0] === 'different'; })
    .map(function (c) { return esc(pass.counts[c[0]] || 0) + ' ' + esc(c[1]); }).join(' · ');
  var keys = ['missing', 'different'].flatMap(function (c) {
    return (pass.samples[c] || []).slice(0, 3).map(function (x) { return el('code', {}, esc(x.key)) + ' ' + span('muted', c); });
  });
  var sample = keys.length ? el('div', { class: 'meta' }, keys.join(' · ')) : '';
  return el('div', { class: 'audit' }, title + verdict + ' ' + span('muted', where) + el('div', { class: 'meta' }, counts) + sample + failure);
}

function button(action, label, cls, r, b) {
  return el('button', { class: cls, 'data-action': action, 'data-bucket': b.bucket, 'data-rule': r.ruleId }, esc(label));
}

function ruleFoot(r, b, s) {
  var open = s.incidents.filter(function (i) { return i.bucket === b.bucket && i.ruleId === r.ruleId; });
  var badges = open.map(function (i) { return span('pill bad', words(i.kind)); }).join(' ') || span('ok', 'no open incident');
  var m = messages[key(b.bucket, r.ruleId)];
  var note = m && Date.now() - m.at < 8000 ? span('action-msg ' + m.cls, m.text) : '';
  var toggle = r.paused ? button('resume', 'Resume replication', 'primary', r, b) : button('pause', 'Pause replication', 'warn', r, b);
  return el('div', { class: 'rule-foot' }, badges + span('spacer', '') + note + toggle + button('canary', 'Run canary now', '', r, b));
}

var RULE_SECTIONS = [ruleHead, panels, auditSection, ruleFoot];

function renderRules(s) {
  var cards = [];
  s.buckets.forEach(function (b) {
    b.rules.forEach(function (r) {
      var sections = RULE_SECTIONS.map(function (section) { return section(r, b, s); }).join('');
      cards.push(el('article', { class: 'card rule', 'data-rule': key(b.bucket, r.ruleId) }, sections));
    });
  });
  var none = 'No managed rule yet: tag a bucket (see the Emulator section) or start with --demo.';
  set('rules', cards.length ? cards.join('') : el('p', { class: 'muted' }, none));
  var loose = s.buckets.filter(function (b) { return b.rules.length === 0; });
  var rows = loose.map(function (b) { return row([b.bucket, b.lastOutcome, b.lastReason].map(esc)); });
  var list = el('h3', {}, 'Buckets without a replication rule') + table(['bucket', 'last ensure', 'reason'], rows);
  set('unmanaged', loose.length === 0 ? '' : list);
}

function row(cells) { return el('tr', {}, cells.map(function (c) { return el('td', {}, c); }).join('')); }
function table(head, rows) {
  return el('table', {}, el('tr', {}, head.map(function (h) { return el('th', {}, esc(h)); }).join('')) + rows.join(''));
}

function incidentCard(i, s) {
  var what = el('div', { class: 'what' }, esc(words(i.kind)) + ' ' + span('pill ' + (i.state === 'clearing' ? 'doing' : 'bad'), i.state));
  var opened = ' · since ' + esc(clock(i.openedAt) + ' (' + since(i.openedAt, s.now) + ')');
  var where = esc(i.bucket) + ' · ' + el('code', {}, esc(i.ruleId)) + ' · ' + esc(i.severity) + opened;
  var hint = i.hint ? el('div', { class: 'hint' }, esc(i.hint)) : '';
  var inner = what + el('div', { class: 'meta' }, where) + el('div', {}, esc(i.summary)) + hint;
  return el('div', { class: 'incident ' + i.severity + ' ' + i.state, 'data-kind': i.kind }, inner);
}

var ICONS = { opened: ['●', 'bad'], reminder: ['◐', 'warn'], resolved: ['✓', 'ok'], retired: ['○', 'muted'] };

function renderIncidents(s) {
  var rank = function (i) { return i.severity === 'critical' ? 0 : 1; };
  var open = s.incidents.slice().sort(function (a, b) { return rank(a) - rank(b); });
  var none = el('p', { class: 'none', 'data-field': 'no-incidents' }, '✓ No open incidents');
  set('incidents', open.length === 0 ? none : open.map(function (i) { return incidentCard(i, s); }).join(''));
  var entries = s.timeline.slice(-40).reverse().map(function (e) {
    var icon = ICONS[e.type] || ['·', 'muted'];
    var text = el('b', {}, esc(e.type)) + ' ' + esc(words(e.kind) + ' · ' + e.bucket);
    var inner = span(icon[1], icon[0]) + span('muted', clock(e.at)) + el('span', { title: e.summary }, text);
    return el('li', { 'data-type': e.type, 'data-kind': e.kind }, inner);
  });
  set('timeline', entries.length === 0 ? el('p', { class: 'muted' }, 'nothing yet') : el('ol', { class: 'timeline' }, entries.join('')));
}

function renderInbox(s) {
  var intro = el('p', { class: 'meta' }, "The policy's webhook channel, delivered to the stack's inbox (newest first).");
  var list = s.inbox.map(function (m) {
    var body = m.body || {};
    var head = span('muted', clock(m.receivedAt)) + ' ' + span('type', body.type || 'message');
    var payload = details('inbox-' + m.receivedAt, 'payload', JSON.stringify(body, null, 2));
    return el('div', { class: 'msg' }, head + el('div', {}, esc(body.text || '')) + payload);
  });
  set('inbox', intro + (list.length === 0 ? el('p', { class: 'muted' }, 'nothing delivered yet') : list.join('')));
}

function renderTimers(s) {
  var rows = s.timers.map(function (t) {
    var every = t.everyMs < 1000 ? t.everyMs + ' ms' : dur(t.everyMs / 1000);
    var run = span('muted', 'not yet');
    if (t.last) {
      var took = ' ' + esc(clock(t.last.at) + ' (' + t.last.durationMs + ' ms) ');
      var result = details('timer-' + t.name, 'result', JSON.stringify(t.last.result, null, 2));
      run = span(t.last.ok ? 'ok' : 'bad', t.last.ok ? 'ok' : 'failed') + took + result;
    }
    return row([esc(t.name), esc(every), esc(t.runs), run]);
  });
  set('timers', table(['function', 'every', 'runs', 'last run'], rows));
}

function renderEmulator(s) {
  var e = s.emulator;
  var rows = Object.keys(e.endpoints).map(function (r) { return row([esc(r), el('code', {}, esc(e.endpoints[r]))]); });
  var keys = 'access key id ' + el('code', {}, esc(e.accessKeyId)) + ', secret ' + el('code', {}, esc(e.accessKeySecret));
  var snippet = details('snippet', 'create and tag a bucket with ali-oss', e.aliOssSnippet);
  var credentials = el('p', { class: 'meta' }, 'credentials (this local emulator only): ' + keys);
  set('emulator', table(['region', 'endpoint'], rows) + credentials + snippet);
}

function renderSummary(s) {
  var rules = s.buckets.reduce(function (n, b) { return n + b.rules.length; }, 0);
  var open = s.incidents.length;
  var incidents = open ? open + ' open incident(s)' : 'no open incidents';
  var chips = [
    span('chip', rules + ' rule(s)'),
    el('span', { class: 'chip ' + (open ? 'bad' : 'ok'), 'data-field': 'open-incidents' }, incidents),
    span('chip', s.pendingCanaries + ' pending canary check(s)'),
    span('chip', s.eventsRouted + ' bucket event(s)'),
    span('chip', 'state bucket ' + s.stateBucket),
  ];
  set('summary', chips.join(''));
}

function render(s) {
  s.now = Date.parse(s.readAt) || Date.now();
  renderSummary(s);
  renderRules(s);
  renderIncidents(s);
  renderInbox(s);
  renderTimers(s);
  renderEmulator(s);
  var updated = 'updated ' + clock(new Date().toISOString()) + ' · refreshes every ' + POLL_MS / 1000 + ' s';
  document.getElementById('updated').textContent = updated;
}

function showBanner(text) {
  var node = document.getElementById('banner');
  node.hidden = !text;
  node.textContent = text || '';
}

var timer;
function tick() {
  clearTimeout(timer);
  return fetch('/api/status', { cache: 'no-store' })
    .then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    })
    .then(
      function (s) { render(s); showBanner(''); },
      function (e) {
        showBanner('The stack is not answering (' + e.message + '): showing the last state, retrying every ' + POLL_MS / 1000 + ' s.');
      },
    )
    .then(function () { timer = setTimeout(tick, POLL_MS); });
}

var DONE = { pause: 'paused', resume: 'resumed', canary: 'canary scheduled' };
function press(btn) {
  var k = key(btn.dataset.bucket, btn.dataset.rule);
  var note = function (text, cls) { messages[k] = { text: text, cls: cls, at: Date.now() }; };
  btn.disabled = true;
  var body = JSON.stringify({ bucket: btn.dataset.bucket, ruleId: btn.dataset.rule });
  var init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: body };
  fetch('/api/rules/' + btn.dataset.action, init)
    .then(function (res) {
      return res.json().then(function (answer) {
        return res.ok ? note(DONE[btn.dataset.action], 'ok') : note(answer.error || 'HTTP ' + res.status, 'bad');
      });
    })
    .catch(function (e) { note(e.message, 'bad'); })
    .then(function () { last = {}; return tick(); });
}
document.addEventListener('click', function (ev) {
  var btn = ev.target.closest && ev.target.closest('button[data-action]');
  if (btn) press(btn);
});
document.addEventListener('toggle', function (ev) {
  if (ev.target.dataset && ev.target.dataset.key) openDetails[ev.target.dataset.key] = ev.target.open;
}, true);

tick();
`;
