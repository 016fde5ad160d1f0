/** Which Chromium the e2e tests launch (TH3). */
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/chromium';

describe('finding a browser', () => {
  it('[TH3] CHROMIUM_PATH, when set, is the browser, and an empty one counts as unset', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/some/chromium' })).toEqual({ path: '/opt/some/chromium', source: 'CHROMIUM_PATH', env: {} });
    const unset = findChromium({ CHROMIUM_PATH: '', CHROMIUM_SYSTEM_PATHS: `/nonexistent/chromium:${process.execPath}` });
    expect(unset?.source).not.toBe('CHROMIUM_PATH');
    expect(unset?.path).not.toBe('');
  });
});
