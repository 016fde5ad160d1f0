/** The page's side of the protocol version check (client/board/refusals.ts, SPEC HC5). */
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE_OUT_OF_DATE, versionRefusal } from '../../client/board/refusals';
import { setCurrentTranslator } from '../../client/i18n/current';
import { loadMessages } from '../../shared/i18n/catalogue';
import { createTranslator } from '../../shared/i18n/translate';
import { PROTOCOL_VERSION } from '../../shared/protocol';

describe('a page of another protocol version', () => {
  // The page loads its language before it renders; the sentences are read in it (LG4).
  beforeAll(async () => setCurrentTranslator(createTranslator('en', await loadMessages('en'))));

  it('[HC5] says "This page is out of date" and to reload when the server runs another version, and nothing when it runs this one', () => {
    expect(versionRefusal({ protocolVersion: PROTOCOL_VERSION + 1 })).toBe(PAGE_OUT_OF_DATE);
    expect(versionRefusal({ protocolVersion: PROTOCOL_VERSION - 1 })).toBe(PAGE_OUT_OF_DATE);
    expect(versionRefusal({ protocolVersion: PROTOCOL_VERSION })).toBeNull();
    expect(PAGE_OUT_OF_DATE.title).toBe('This page is out of date');
    expect(PAGE_OUT_OF_DATE.detail).toMatch(/^Reload the page/);
  });

  it("[HC5] takes the server's 409 as out of date, and no other refusal", () => {
    expect(versionRefusal({ status: 409 })).toBe(PAGE_OUT_OF_DATE);
    for (const status of [401, 404, 500]) expect(versionRefusal({ status })).toBeNull();
  });
});
