import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/**
 * `describe` when Chromium is installed; otherwise registered skipped, its reason in its name,
 * which the run's summary lists (and CI refuses).
 */
export function describeInBrowser(title: string, tests: () => void): void {
  const declare = hasChromium ? describe : describe.skip;
  declare(
    hasChromium ? title : `${title} (skipped: ${CHROMIUM} is absent; apt-get install -y chromium)`,
    tests,
  );
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium in a fresh profile, French and in Paris time, with this machine's flags. */
export async function launchChromium(
  options: { viewport?: { width: number; height: number }; isMobile?: boolean } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    isMobile: options.isMobile,
    hasTouch: options.isMobile,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Serious and critical axe findings, readable in a failed expectation. */
export async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** The fields a person types in or picks from. */
const TEXT_FIELDS =
  'input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea';

/** Runs in the page (a string: the tests are compiled without the DOM's types). */
const REFLOW_PROBLEMS = (minField: number) => `(() => {
  const root = document.documentElement;
  const problems = [];
  const overflow = root.scrollWidth - root.clientWidth;
  if (overflow > 0) problems.push('the page is ' + overflow + ' px wider than the window');
  for (const field of document.querySelectorAll(${JSON.stringify(TEXT_FIELDS)})) {
    const width = Math.round(field.getBoundingClientRect().width);
    const name = field.id ? '#' + field.id : field.outerHTML.slice(0, 80);
    if (width > 0 && width < ${minField}) problems.push(name + ' is ' + width + ' px wide');
  }
  return problems;
})()`;

/**
 * What keeps the page from reflowing in a 320-pixel window (a 1280-pixel screen zoomed to 400 %:
 * WCAG 1.4.10): the page scrolling sideways (a table's own scroll box may), or a visible field
 * squeezed narrower than `minField` pixels. The window gets its size back after.
 */
export async function reflowProblemsAt320(page: Page, minField = 120): Promise<string[]> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    return await page.evaluate<string[]>(REFLOW_PROBLEMS(minField));
  } finally {
    if (size) await page.setViewportSize(size);
  }
}
