import { existsSync } from 'node:fs';

/** Where Debian's `chromium` package puts the browser; CHROMIUM_PATH overrides. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The system's Chromium for Playwright (playwright-core downloads no browser). Null when absent
 * locally, so the browser suites skip; under CI=true an absent browser throws, since .ci/run
 * installs it.
 */
export function systemChromium(): string | null {
  const found = [process.env.CHROMIUM_PATH, ...CHROMIUM_CANDIDATES].find(
    (candidate): candidate is string =>
      candidate !== undefined && candidate !== '' && existsSync(candidate),
  );
  if (found) return found;
  if (process.env.CI) {
    throw new Error(
      'Chromium is required under CI=true (apt-get install -y chromium, or set CHROMIUM_PATH); .ci/run installs it',
    );
  }
  return null;
}
