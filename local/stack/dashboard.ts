/**
 * The dashboard page: one self-contained HTML document (styles, inline SVG charts and a small script
 * polling `/api/status`), so it works with no network and no CDN. No framework: the script renders
 * strings and escapes every value it did not write itself. The script is in dashboardScript.ts.
 */
import { DASHBOARD_SCRIPT } from './dashboardScript';

const STYLE = `
:root{--bg:#f4f6f8;--card:#fff;--line:#dde2e8;--text:#1d2733;--muted:#687586;--ok:#1f8a4c;--warn:#b7791f;--bad:#c53030;--accent:#2b6cb0}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1.2em;padding:.8em 1.4em;background:#1d2733;color:#fff}
header h1{font-size:1.15em;margin:0;font-weight:600}
header .sub{color:#aab6c4}
.chips{display:flex;flex-wrap:wrap;gap:.4em;flex:1}
.chip{padding:.15em .65em;border-radius:999px;background:#2e3b4b;color:#dfe6ee;font-size:.85em;white-space:nowrap}
.chip.bad{background:var(--bad);color:#fff}.chip.ok{background:#276749;color:#fff}
#updated{font-size:.85em;color:#aab6c4}
#banner{background:#fff3cd;color:#6b4e00;padding:.5em 1.4em;border-bottom:1px solid #f0d98c}
main{display:grid;grid-template-columns:minmax(0,1fr);gap:1.2em;padding:1.2em 1.4em;max-width:1500px;margin:0 auto}
@media(min-width:1100px){main{grid-template-columns:minmax(0,2.1fr) minmax(0,1fr)}}
h2{font-size:1em;margin:0 0 .6em;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
h3{font-size:.9em;margin:1em 0 .4em;color:var(--muted)}
section+section{margin-top:1.4em}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.9em 1em;margin-bottom:.9em}
.rule-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3em .8em;margin-bottom:.6em}
.route{font-weight:600;font-size:1.05em}.route .region{font-weight:400;color:var(--muted);font-size:.85em}
code,pre{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
.rule-id{color:var(--muted)}
.pill{display:inline-block;padding:.05em .55em;border-radius:999px;font-size:.8em;font-weight:600;border:1px solid transparent}
.pill.doing{background:#e3f5ea;color:var(--ok)}.pill.starting{background:#e6eefa;color:var(--accent)}
.pill.paused{background:#fdf1dc;color:var(--warn)}.pill.missing,.pill.closing,.pill.bad{background:#fde8e8;color:var(--bad)}
.pill.muted{background:#eef1f4;color:var(--muted)}
.grid3{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:1em}
.panel-title{font-size:.8em;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin-bottom:.3em}
.bar{position:relative;height:18px;background:#e9edf2;border-radius:9px;overflow:hidden}
.bar>span{position:absolute;inset:0 auto 0 0;background:linear-gradient(90deg,#38a169,#2f855a);border-radius:9px}
.bar>b{position:absolute;inset:0;text-align:center;font-size:12px;line-height:18px;color:#10331f}
.meta{font-size:.85em;color:var(--muted);margin-top:.35em}
.audit{margin-top:.8em;padding-top:.6em;border-top:1px solid var(--line)}
.big{font-size:1.35em;font-weight:600}
svg.chart{display:block;width:100%;height:64px;background:#fafbfc;border:1px solid #edf0f3;border-radius:4px}
.axis{display:flex;justify-content:space-between;font-size:.75em;color:var(--muted)}
.legend{font-size:.75em;color:var(--muted)}
.ok{color:var(--ok)}.bad{color:var(--bad)}.warn{color:var(--warn)}.muted{color:var(--muted)}
.diag{font-size:.85em;margin-top:.3em;padding:.35em .5em;background:#fff5f5;border-left:3px solid var(--bad);border-radius:3px}
.rule-foot{display:flex;flex-wrap:wrap;align-items:center;gap:.5em;margin-top:.8em;padding-top:.7em;border-top:1px solid #eef1f4}
.rule-foot .spacer{flex:1}
button{font:inherit;font-size:.85em;padding:.3em .8em;border-radius:6px;border:1px solid #b8c2cc;background:#fff;cursor:pointer}
button:hover{background:#f0f4f8}button.primary{border-color:var(--accent);color:var(--accent)}
button.warn{border-color:var(--warn);color:var(--warn)}
.action-msg{font-size:.85em}
.incident{border:1px solid var(--line);border-left:4px solid var(--warn);background:#fff;border-radius:6px;padding:.55em .75em;
  margin-bottom:.6em}
.incident.critical{border-left-color:var(--bad)}.incident.clearing{border-left-color:var(--ok)}
.incident .what{font-weight:600}.incident .hint{font-size:.85em;color:var(--muted);margin-top:.25em}
.none{color:var(--ok);padding:.4em 0}
ol.timeline{list-style:none;margin:0;padding:0;max-height:19em;overflow:auto;background:#fff;border:1px solid var(--line);
  border-radius:6px}
ol.timeline li{display:grid;grid-template-columns:1.3em 4.9em 1fr;gap:.4em;padding:.35em .6em;border-bottom:1px solid #eef1f4;
  font-size:.85em}
ol.timeline li:last-child{border-bottom:0}
.msg{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.45em .65em;margin-bottom:.5em;font-size:.85em}
.msg .type{font-weight:600}
details>summary{cursor:pointer;color:var(--accent);font-size:.85em}
pre{background:#f6f8fa;padding:.5em;max-height:16em;overflow:auto;margin:.3em 0 0;white-space:pre-wrap;word-break:break-all}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:6px;font-size:.85em}
td,th{border-bottom:1px solid #eef1f4;padding:.35em .6em;text-align:left;vertical-align:top}
th{color:var(--muted);font-weight:600}
`;

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>OSS Replication Autopilot: local stack</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style></head><body>
<header>
  <h1>OSS Replication Autopilot <span class="sub">local stack</span></h1>
  <div id="summary" class="chips"></div>
  <div id="updated">loading…</div>
</header>
<div id="banner" hidden></div>
<main>
  <div>
    <section><h2>Replication rules</h2><div id="rules"></div><div id="unmanaged"></div></section>
    <section><h2>Functions</h2><div id="timers"></div></section>
    <section><h2>Emulator <span class="muted">(local only)</span></h2><div id="emulator"></div></section>
  </div>
  <div>
    <section><h2>Incidents</h2><div id="incidents"></div><h3>Timeline</h3><div id="timeline"></div></section>
    <section><h2>Alerts delivered</h2><div id="inbox"></div></section>
  </div>
</main>
<script>${DASHBOARD_SCRIPT}</script>
</body></html>`;
