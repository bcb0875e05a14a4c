/**
 * The dashboard in a real headless Chromium (Debian's chromium, driven by playwright-core through its
 * executable path; no browser is ever downloaded): the demo rule reaches 100%, the pause button opens a
 * lag incident on the page, resume resolves it, the canary button proves the rule again, and nothing
 * secret is on the page. It saves a screenshot (DASHBOARD_SCREENSHOT=docs/dashboard.png refreshes the
 * README's). The stack runs with short timers and the demo's local timings so this takes seconds.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStack } from '../../../local/stack/startStack';
import type { RunningStack } from '../../../local/stack/types';
import { DEMO_BUCKET } from '../../../local/stack/types';
import { compilePolicy } from '../../../shared/policy/compile';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Without these Chromium keeps calling out to Google's services, which this machine cannot reach. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = resolve(process.env.DASHBOARD_SCREENSHOT ?? join(tmpdir(), 'oss-replication-dashboard.png'));
const LAPTOP = { width: 1280, height: 800 };

/** The demo's policy with PUT-only replication: a canary is proven without verify's 30 s wait for a replicated delete. */
const POLICY = compilePolicy(`
version: 1
selector: { tagKey: replication-policy }
policies:
  dr-beijing:
    destination: { region: cn-beijing, bucket: "{bucket}-dr", create: true }
    actions: [PUT]
    alerts: { channels: [webhook] }
channels:
  webhook: { type: webhook, url: "\${env:ALERT_WEBHOOK_URL}" }
guardrails: { destinationRegions: [cn-beijing], destinationBuckets: ["*-dr"], maxChangesPerRun: 50 }
`);

const available = existsSync(CHROMIUM);
if (!available && !process.env.CI) {
  console.warn(
    `dashboard browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH); ` +
      'CI installs it and runs this test',
  );
}

let stack: RunningStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const card = (): string => `article[data-rule^="${DEMO_BUCKET}/"]`;

(available || process.env.CI ? describe : describe.skip)('the dashboard in Chromium', () => {
  beforeAll(async () => {
    if (!available)
      throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs it (apt-get install -y --no-install-recommends chromium)`);
    stack = await startStack({
      port: 0,
      regions: { 'cn-hangzhou': 0, 'cn-beijing': 0 },
      policy: POLICY,
      demo: true,
      // A check made before the copy could arrive waits verify's 30 s re-check: give it a second.
      verifyDelaySeconds: 1,
      maxLagSeconds: 2,
      incidentQuietSeconds: 0,
      intervals: { reconcileMs: 60_000, verifyMs: 300, monitorMs: 400, auditMs: 500 },
      ruleStartingMs: 100,
      replicationDelayMs: 50,
      logLevel: 'silent',
      logSink: () => undefined,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: LAPTOP });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.setDefaultTimeout(10_000);
    // The page polls every 2 s; 250 ms keeps the test short.
    await page.goto(`${stack.dashboardUrl}?every=250`);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the demo rule reaching 100% backfill, with its canary arrived', async () => {
    await page.locator(`${card()} [data-field=backfill][data-value="1"]`).waitFor();
    await page.locator(`${card()} [data-field=canary]`, { hasText: 'arrived' }).waitFor();
    expect(await page.locator(`${card()} .bar b`).textContent()).toBe('100.0%');
  });

  it("shows the rule's parity audit once its backfill is complete: nothing missing or different", async () => {
    await page.locator(`${card()} [data-field=audit]`, { hasText: 'no gap' }).waitFor();
    expect(await page.locator(`${card()} .audit .meta`).first().textContent()).toContain('0 missing · 0 different');
  });

  it('opens a lag incident on the page when the rule is paused', async () => {
    await page.locator(`${card()} button[data-action=pause]`).click();
    await page.locator(`${card()} [data-field=live-status]`, { hasText: 'paused' }).waitFor();
    await page.locator('#incidents .incident[data-kind=lag-high]').waitFor();
    expect(await page.locator('[data-field=open-incidents]').textContent()).toBe('1 open incident(s)');
  });

  it('resolves the incident when the rule is resumed, and keeps both on the timeline', async () => {
    await page.locator(`${card()} button[data-action=resume]`).click();
    await page.locator('#incidents [data-field=no-incidents]').waitFor();
    await page.locator('#timeline li[data-type=resolved][data-kind=lag-high]').waitFor();
    expect(
      await page.locator('#timeline li[data-kind=lag-high]').evaluateAll((items) => items.map((i) => i.getAttribute('data-type'))),
    ).toEqual(['resolved', 'opened']);
  });

  it('runs a canary now from its button, and the new check joins the canary chart', async () => {
    const bars = `${card()} svg[aria-label="canary latency per check"] rect`;
    const before = await page.locator(bars).count();
    await page.locator(`${card()} button[data-action=canary]`).click();
    await page.locator(`${card()} .action-msg`, { hasText: 'canary scheduled' }).waitFor();
    await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(bars)}).length > ${before}`);
  });

  it('shows the alerts as delivered to the webhook inbox, and no webhook URL', async () => {
    await page.locator('#inbox .msg', { hasText: 'incident.resolved' }).waitFor();
    const text = await page.content();
    const json = await (await fetch(`${stack.dashboardUrl}api/status`)).text();
    expect([text.includes(stack.inboxUrl), json.includes(stack.inboxUrl)]).toEqual([false, false]);
  });

  it('runs without a script error and saves a laptop-sized screenshot', async () => {
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect([pageErrors, existsSync(SCREENSHOT)]).toEqual([[], true]);
  });

  it('shows what reaches the inbox as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.pwned=1">';
    await fetch(stack.inboxUrl, { method: 'POST', body: JSON.stringify({ type: hostile, text: hostile }) });
    await page.locator('#inbox .msg', { hasText: hostile }).first().waitFor();
    expect([await page.locator('#inbox img').count(), await page.evaluate('window.pwned')]).toEqual([0, undefined]);
  });
});
