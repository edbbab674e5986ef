import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with everything that would phone home turned off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
}

/** What a page did since the last `reset()`: console errors, uncaught errors, dialogs, requests. */
export interface PageLog {
  readonly errors: string[];
  readonly dialogs: string[];
  readonly requests: string[];
  /** `status URL` of every answer of 400 or more. */
  readonly failed: string[];
  reset(): void;
}

export function watchPage(page: Page): PageLog {
  const log: PageLog = {
    errors: [],
    dialogs: [],
    requests: [],
    failed: [],
    reset() {
      log.errors.length = 0;
      log.dialogs.length = 0;
      log.requests.length = 0;
      log.failed.length = 0;
    },
  };
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(`${message.text()} ${message.location().url}`.trim());
  });
  page.on('pageerror', (error) => log.errors.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    log.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => log.requests.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) log.failed.push(`${response.status()} ${response.url()}`);
  });
  return log;
}

/** URLs that are neither on `origin` nor `data:` (nothing else should ever be asked for). */
export function foreignRequests(requests: readonly string[], origin: string): string[] {
  return requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
}

/**
 * Cumulative layout shift so far (every buffered `layout-shift` entry without recent input).
 * Waits two frames so shifts from the last layout are reported.
 */
export function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        });
        observer.observe({ type: 'layout-shift', buffered: true });
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            for (const entry of observer.takeRecords() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
              if (!entry.hadRecentInput) total += entry.value;
            }
            observer.disconnect();
            resolve(total);
          }),
        );
      }),
  );
}

/** Relative luminance (0 black … 1 white) of a computed `rgb()`/`rgba()` colour. */
export function luminance(cssColor: string): number {
  const parts = /rgba?\(([^)]+)\)/
    .exec(cssColor)?.[1]
    ?.split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  if (!parts || parts.length < 3) throw new Error(`not an rgb() colour: ${cssColor}`);
  const [r, g, b] = parts.slice(0, 3).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
