import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };
// The README shows docs/screenshots; a test run writes them there only when asked
// (UPDATE_SCREENSHOTS=1), so that running the tests leaves a clone's tracked files as they were.
// Otherwise they go to .e2e/screenshots (ignored), where a failing story's pages can be looked at.
const SCREENSHOTS = resolve(
  import.meta.dirname,
  '..',
  '..',
  process.env.UPDATE_SCREENSHOTS === '1' ? 'docs' : '.e2e',
  'screenshots',
);

/**
 * One Debian Chromium per story file (playwright cannot download one here), started at the
 * first person who opens it and closed after the file's last test. Each person gets a context
 * of their own: cookies, storage and cache are not shared between contexts, so two people in one
 * story are still two browsers to the platform, without a Chromium process each (a launch costs
 * about 2 s on this machine; a story file opened up to six).
 */
let browser: Promise<Browser> | undefined;
function sharedBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}
afterAll(async () => {
  await (await browser)?.close();
  browser = undefined;
});

export async function openBrowser(
  viewport: { width: number; height: number },
  language: 'id' | 'en',
): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const context = await (await sharedBrowser()).newContext({
    viewport,
    locale: language === 'id' ? 'id-ID' : 'en-US',
    timezoneId: 'UTC',
  });
  // Generous: on a loaded 2-core machine a step can take long; every wait still has a deadline.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  // An API refusal explains a stuck step better than a timeout does.
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().includes('/api/')) {
      response.text().then(
        (body) => process.stderr.write(`${response.status()} ${response.url()}: ${body.slice(0, 400)}\n`),
        // The page closed before the body arrived (the end of a test): nothing left to explain.
        () => undefined,
      );
    }
  });
  return { context, page, close: () => context.close() };
}

/**
 * axe-core's own run over the document, with every rule it runs by default. Injected once per
 * loaded document rather than at each check, and asked for violations only: the passes it would
 * otherwise serialise node by node are never read. (@axe-core/playwright's AxeBuilder injected
 * the 550 kB script three times per check, into the page, its frames and a blank page opened for
 * its cross-frame step; the console has no frames. Its 37 checks took about 70 s of the founding
 * story's 147 s.)
 */
async function axeViolations(page: Page): Promise<axe.Result[]> {
  // The page at rest: axe measured the phone menu's links halfway through the drawer's closing
  // transition (faded text, "color-contrast"). Spinners animate forever and are not waited for,
  // nor, past 5 s, an animation someone paused.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
          .map((animation) => animation.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 5000)),
    ]),
  );
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe
      .run(document, { resultTypes: ['violations'] })
      .then((results) => results.violations),
  );
}

/** axe on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  // What axe does not see: a badge whose word the layout cuts to an ellipsis ("DISEPA…" for a
  // trade's status on a phone) cannot be read by anyone.
  const cut = await page.$$eval('.mantine-Badge-label', (labels) =>
    labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent),
  );
  expect(cut.map((text) => `${name}: badge cut short: ${text}`)).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top: a full-page shot of a scrolled page draws the fixed header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  // Transitions finished: the phone menu's drawer was caught mid-close over the page.
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}
