/** The dashboard page: plain HTML and a little script polling `/api/status`. No framework. */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OSS Replication Autopilot: local stack</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.5em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.ok{color:#17702f}.bad{color:#b00020}.muted{color:#777}code,pre{font:12px ui-monospace,monospace}
pre{background:#f6f6f6;padding:.5em;max-height:14em;overflow:auto;margin:0}
</style></head><body>
<h1>OSS Replication Autopilot: local stack</h1>
<p class="muted" id="updated">loading…</p>
<h2>Managed buckets</h2><div id="buckets"></div>
<h2>Open incidents</h2><div id="incidents"></div>
<h2>Webhook inbox (newest first)</h2><div id="inbox"></div>
<h2>Functions</h2><div id="timers"></div>
<h2>Emulator</h2><div id="emulator"></div>
<script>
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
const pct = (f) => f === undefined ? '' : (Math.round(f * 1000) / 10).toFixed(1) + '%';
const secs = (s) => s === undefined ? '' : s < 90 ? Math.round(s) + ' s' : Math.round(s / 60) + ' min';
function table(head, rows) {
  if (rows.length === 0) return '<p class="muted">none</p>';
  return '<table><tr>' + head.map((h) => '<th>' + esc(h) + '</th>').join('') + '</tr>' + rows.map((r) => '<tr>' + r.map((c) => '<td>' + c + '</td>').join('') + '</tr>').join('') + '</table>';
}
function canary(c, dueAt) {
  if (!c) return dueAt ? '<span class="muted">pending: next verify step at ' + esc(new Date(dueAt).toLocaleTimeString()) + '</span>' : '<span class="muted">none yet</span>';
  const good = c.outcome === 'arrived';
  return '<span class="' + (good ? 'ok' : c.outcome === 'pending' ? 'muted' : 'bad') + '">' + esc(c.outcome) + '</span>' + (c.latencyMs !== undefined ? ' ' + esc(c.latencyMs) + ' ms' : '') + '<br><span class="muted">' + esc(c.checkedAt || c.writtenAt) + '</span>' + (c.detail ? '<br>' + esc(c.detail) : '');
}
function render(s) {
  document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString() + ' · state bucket ' + s.stateBucket + ' · ' + s.pendingCanaries + ' pending canary check(s) · ' + s.eventsRouted + ' bucket event(s) routed';
  const rows = [];
  for (const b of s.buckets) {
    if (b.rules.length === 0) rows.push([esc(b.bucket) + '<br><span class="muted">' + esc(b.region) + '</span>', '<span class="muted">no owned rule</span>', esc(b.lastOutcome) + (b.lastReason ? '<br>' + esc(b.lastReason) : ''), '', '', '', '']);
    for (const r of b.rules) rows.push([esc(b.bucket) + '<br><span class="muted">' + esc(b.region) + '</span>', '<code>' + esc(r.ruleId) + '</code><br>' + esc(r.policy) + ' → ' + esc(r.destination) + ' (' + esc(r.destinationRegion) + ')', esc(r.liveStatus || r.status || ''), esc(pct(r.backfill)), esc(secs(r.lagSeconds)), canary(r.lastCanary, r.canaryDueAt), esc(b.lastOutcome)]);
  }
  document.getElementById('buckets').innerHTML = table(['bucket', 'rule', 'status', 'backfill', 'lag', 'last canary', 'last ensure'], rows);
  const inc = s.incidents.map((i) => [esc(i.bucket), esc(i.kind) + '<br><span class="muted">' + esc(i.severity) + (i.state === 'clearing' ? ', clearing' : '') + '</span>', '<code>' + esc(i.ruleId) + '</code>', esc(i.openedAt), esc(i.summary)]);
  document.getElementById('incidents').innerHTML = table(['bucket', 'kind', 'rule', 'open since', 'summary'], inc);
  document.getElementById('inbox').innerHTML = table(['received', 'message'], s.inbox.map((m) => [esc(m.receivedAt), '<pre>' + esc(JSON.stringify(m.body, null, 2)) + '</pre>']));
  document.getElementById('timers').innerHTML = table(['function', 'every', 'runs', 'last run', 'result'], s.timers.map((t) => [esc(t.name), esc(t.everyMs / 1000 + ' s'), esc(t.runs), t.last ? '<span class="' + (t.last.ok ? 'ok' : 'bad') + '">' + esc(t.last.at) + '</span> (' + esc(t.last.durationMs) + ' ms)' : '', t.last ? '<pre>' + esc(JSON.stringify(t.last.result)) + '</pre>' : '']));
  document.getElementById('emulator').innerHTML = table(['region', 'endpoint'], Object.entries(s.emulator.endpoints).map(([r, u]) => [esc(r), '<code>' + esc(u) + '</code>'])) +
    '<p>credentials: access key id <code>' + esc(s.emulator.accessKeyId) + '</code>, secret <code>' + esc(s.emulator.accessKeySecret) + '</code> (local emulator only)</p>' +
    '<pre>' + esc(s.emulator.aliOssSnippet) + '</pre>';
}
async function tick() {
  try { render(await (await fetch('/api/status')).json()); } catch (e) { document.getElementById('updated').textContent = 'stack unreachable: ' + e; }
}
tick(); setInterval(tick, 2000);
</script></body></html>`;
