// The admin console in a real headless Chromium against a real DTM server on MariaDB.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBusi, type Busi } from './support/busi.js';
import { startDtm, type Dtm } from './support/dtm.js';
import { newTestGid, sagaBody } from './support/saga.js';

const TOKEN = 'browser-test-admin-token-0123456789abcdef';
const SCREENSHOTS = fileURLToPath(new URL('../.artifacts/screenshots/', import.meta.url));
const BROWSER_TIMEOUT = 60_000;

let dtm: Dtm;
let busi: Busi;
let browser: Browser;
let consoleUrl: string;
const succeeded = newTestGid('console-ok');
const rolledBack = newTestGid('console-rollback');
const hanging = newTestGid('console-hang');

beforeAll(async () => {
  [dtm, busi] = await Promise.all([startDtm({ mysqlUrl: inject('mysqlUrl'), adminToken: TOKEN }), startBusi()]);
  consoleUrl = `${dtm.httpUrl.replace('/api/dtmsvr', '')}/admin`;
  await dtm.post('submit', sagaBody(succeeded, busi.httpUrl, { wait_result: true }));
  busi.setNext('TransIn', 'FAILURE');
  await dtm.post('submit', sagaBody(rolledBack, busi.httpUrl, { wait_result: true }));
  busi.setNext('TransOut', 'ONGOING');
  await dtm.post('submit', sagaBody(hanging, busi.httpUrl));
  await dtm.server.processor.idle();
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, BROWSER_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await busi?.stop();
  await dtm?.stop();
});

/** A fresh tab (own sessionStorage) that records script errors and CSP violations. */
async function openConsole(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // 401s are expected when a wrong token is tried; everything else logged as an error is a bug.
    if (message.type() === 'error' && !message.text().includes('401')) errors.push(message.text());
  });
  await page.goto(consoleUrl);
  return { page, errors };
}

async function signIn(page: Page, token: string) {
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Open the console' }).click();
}

async function screenshot(page: Page, name: string) {
  const path = `${SCREENSHOTS}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
}

describe('admin console in Chromium', () => {
  it(
    'refuses a wrong token and lists nothing',
    async () => {
      const { page, errors } = await openConsole();
      await signIn(page, `${TOKEN}-wrong`);
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('the admin token is wrong');
      expect(await page.locator('table.transactions').count()).toBe(0);
      expect(await page.getByText(succeeded).count()).toBe(0);
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
      await screenshot(page, 'admin-wrong-token');
      expect(errors).toEqual([]);
      await page.context().close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'with the token: the finished saga is listed, and its page shows the branches as a timeline',
    async () => {
      const { page, errors } = await openConsole();
      await signIn(page, TOKEN);
      const row = page.getByRole('row').filter({ hasText: succeeded });
      await row.waitFor();
      expect(await row.locator('.badge').textContent()).toBe('succeed');
      expect(await page.getByRole('row').filter({ hasText: rolledBack }).locator('.badge').textContent()).toBe(
        'failed',
      );
      expect(await page.getByRole('row').filter({ hasText: hanging }).locator('.badge').textContent()).toBe(
        'submitted',
      );
      await screenshot(page, 'admin-list');

      await row.getByRole('link', { name: succeeded }).click();
      const timeline = page.getByRole('list', { name: 'Branches' });
      await timeline.waitFor();
      await expect.poll(() => page.locator('h1').textContent()).toBe(succeeded);
      const events = timeline.getByRole('listitem');
      expect(await events.count()).toBe(4);
      const texts = await events.allTextContents();
      // The two actions ran, in order; the compensations never did.
      expect(texts[0]).toMatch(/action\s*branch 01\s*succeed/);
      expect(texts[0]).toContain(`${busi.httpUrl}/TransOut`);
      expect(texts[1]).toMatch(/action\s*branch 02\s*succeed/);
      expect(texts[2]).toMatch(/never ran\s*compensate\s*branch 01\s*prepared/);
      expect(texts[3]).toMatch(/never ran\s*compensate\s*branch 02\s*prepared/);
      expect(await page.getByRole('button', { name: 'Force stop' }).isDisabled()).toBe(true);
      await screenshot(page, 'admin-transaction');
      expect(errors).toEqual([]);
      await page.context().close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'filters to the rolled-back saga and shows its compensations after the failed action, with the reason',
    async () => {
      const { page, errors } = await openConsole();
      await signIn(page, TOKEN);
      await page.getByRole('row').filter({ hasText: succeeded }).waitFor();
      await page.getByLabel('Status').selectOption('failed');
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => page.getByRole('row').filter({ hasText: succeeded }).count()).toBe(0);
      await page.getByRole('link', { name: rolledBack }).click();
      const events = page.getByRole('list', { name: 'Branches' }).getByRole('listitem');
      await events.first().waitFor();
      const texts = await events.allTextContents();
      expect(
        texts.map((text) =>
          /(action|compensate)\s*branch (\d+)\s*(succeed|failed|prepared)/.exec(text)?.slice(1).join(' '),
        ),
      ).toEqual(['action 01 succeed', 'action 02 failed', 'compensate 02 succeed', 'compensate 01 succeed']);
      expect(texts[1]).toContain('Insufficient balance');
      await screenshot(page, 'admin-rolled-back');
      expect(errors).toEqual([]);
      await page.context().close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'force stops an unfinished saga after asking',
    async () => {
      const { page, errors } = await openConsole();
      await signIn(page, TOKEN);
      await page.getByRole('link', { name: hanging }).click();
      const stop = page.getByRole('button', { name: 'Force stop' });
      await stop.waitFor();
      page.once('dialog', (dialog) => void dialog.accept());
      await stop.click();
      await expect.poll(() => page.getByRole('status').textContent()).toContain('Force-stopped');
      expect(await page.locator('.title .badge').textContent()).toBe('failed');
      expect((await dtm.states(hanging)).status).toBe('failed');
      expect(errors).toEqual([]);
      await page.context().close();
    },
    BROWSER_TIMEOUT,
  );
});
