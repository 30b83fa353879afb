// Debian's Chromium driven by playwright-core (browsers cannot be downloaded here: stack-notes.md).
// .ci/run installs the `chromium` package when it is missing; a missing browser fails the suite
// with the fix rather than skipping it.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(`找不到 Chromium（${chromiumPath}）：请运行 apt-get install -y chromium（.ci/run 会自动安装），或设置 CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=zh-CN',
    ],
  });
}

/** Screenshots for a person to look at: test-results/<folder>/<nn>-<step>.png (ignored by git). */
export function screenshots(folder: string): (page: Page, step: string) => Promise<void> {
  const dir = path.join('test-results', folder);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, step) => {
    n += 1;
    await page.screenshot({ path: path.join(dir, `${String(n).padStart(2, '0')}-${step}.png`), fullPage: false });
  };
}

/** The console's sandbox sign-in: the roster page, then the person's button. */
export async function signInAs(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login/);
  await page.locator('.people button', { hasText: name }).first().click();
  await page.waitForURL(`${baseUrl}/`);
}

/** How far the page is wider than the window (0 or less: no horizontal scrolling). */
export const overflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
