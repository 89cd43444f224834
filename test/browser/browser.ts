import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM = process.env.OUVIDOR_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Installs Debian's chromium with apt when it is missing (as root; otherwise says what to run). */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing: run 'apt-get update && apt-get install -y chromium' as root`);
  execSync('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium', { stdio: 'ignore', timeout: 10 * 60_000 });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

/** One headless Chromium (a fresh profile) for a test file. */
export async function launchBrowser(opts: { locale?: string } = {}): Promise<BrowserContext> {
  const executablePath = ensureChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'ouvidor-chromium-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', ...CHROMIUM_ARGS],
    locale: opts.locale ?? 'pt-BR',
    viewport: { width: 1280, height: 900 },
  });
}

export const SCREENSHOTS = join(process.cwd(), 'test-output');
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}
