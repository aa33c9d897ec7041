// The API reference in a real browser: Debian's Chromium, headless, driven by playwright-core.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

const SCREENSHOTS = fileURLToPath(new URL('../.artifacts/screenshots/', import.meta.url));
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** How long the page may take to render, on a busy 2-core machine: a limit, not a measure. */
const RENDERED = 60_000;

let gateway: TestGateway;
let browser: Browser;
beforeAll(async () => {
  gateway = await startGateway();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});
afterAll(async () => {
  await browser?.close();
  await gateway?.close();
});

interface Visit {
  page: Page;
  /** Every URL the page asked for. */
  requested: string[];
  /** Console errors and uncaught exceptions: a refused script or style shows here. */
  problems: string[];
}

async function visit(path: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requested: string[] = [];
  const problems: string[] = [];
  // Anything not on loopback is recorded and refused, so nothing leaves the machine even if the page tries.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requested.push(url);
    if (LOOPBACK.has(new URL(url).hostname)) await route.continue();
    else await route.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(gateway.url + path);
  return { page, requested, problems };
}

describe('/api/docs in Chromium', () => {
  it('renders every operation from the document, loading nothing from outside', async () => {
    const { page, requested, problems } = await visit('/api/docs');
    const create = page.locator('.opblock-summary-path[data-path="/api/order/create"]');
    await create.waitFor({ state: 'visible', timeout: RENDERED });
    expect(await page.locator('.info .title').textContent()).toContain('mall gateway');
    expect(await page.locator('.opblock').count()).toBe(16);
    for (const path of ['/healthz', '/api/user/login', '/api/product/detail', '/api/order/list', '/api/pay/callback']) {
      expect(await page.locator(`.opblock-summary-path[data-path="${path}"]`).isVisible(), path).toBe(true);
    }

    // The saga's route, opened: its headers and answers are shown.
    await create.click();
    const opened = page.locator('#operations-order-orderCreate');
    await opened.locator('.parameters').waitFor({ state: 'visible' });
    const text = await opened.textContent();
    for (const shown of ['Idempotency-Key', 'Prefer', 'X-Order-Gid', '202', '409', '503'])
      expect(text).toContain(shown);

    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}api-docs.png`, fullPage: true });

    expect(requested.length).toBeGreaterThanOrEqual(4);
    expect(requested.filter((url) => !LOOPBACK.has(new URL(url).hostname))).toEqual([]);
    expect(requested).toContain(`${gateway.url}/api/docs/openapi.json`);
    expect(problems).toEqual([]);
  }, 120_000);

  it('runs "Try it out" against this gateway under the page\'s policy', async () => {
    const { page, problems } = await visit('/api/docs');
    await page.locator('.opblock-summary-path[data-path="/healthz"]').click({ timeout: RENDERED });
    const health = page.locator('#operations-health-healthz');
    await health.locator('.try-out__btn').click();
    await health.locator('.execute').click();
    const body = health.locator('.live-responses-table .response-col_description pre.microlight').first();
    await body.waitFor({ state: 'visible' });
    expect(JSON.parse((await body.textContent())!)).toEqual({ status: 'ok' });
    expect(await health.locator('.live-responses-table tbody .response-col_status').first().textContent()).toContain(
      '200',
    );
    await page.screenshot({ path: `${SCREENSHOTS}api-docs-try-it-out.png`, fullPage: false });
    expect(problems).toEqual([]);
  }, 120_000);
});
