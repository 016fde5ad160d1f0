import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { quotaKey } from '../../server/http/clientAddress';
import { DEFAULT_QUOTAS, Quotas, RateLimitedError } from '../../server/http/quotas';

const from = (address: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress: address }, headers }) as unknown as IncomingMessage;

function refusal(action: () => void): RateLimitedError | null {
  try {
    action();
    return null;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
}

describe('quotas', () => {
  it('[Q4] an IPv6 client is metered by its /64, an IPv4 client by its address', () => {
    expect(quotaKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(quotaKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(quotaKey('::1')).toBe('0:0:0:0::/64');
    expect(quotaKey('203.0.113.7')).toBe('203.0.113.7');

    let now = 0;
    const quotas = new Quotas({ ...DEFAULT_QUOTAS, createBurstPerAddress: 2 }, new Set(), () => now);
    quotas.admitCreate(from('2001:db8:1:2::a'), 'create');
    quotas.admitCreate(from('2001:db8:1:2::b'), 'create');
    const refused = refusal(() => quotas.admitCreate(from('2001:db8:1:2:ffff::c'), 'create'));
    expect(refused?.status).toBe(429);
    // 60 an hour: one more a minute, and Retry-After says so.
    expect(refused?.retryAfterSeconds).toBe(60);
    expect(refusal(() => quotas.admitCreate(from('2001:db8:1:3::a'), 'create'))).toBeNull();
    now += 60_000;
    expect(refusal(() => quotas.admitCreate(from('2001:db8:1:2::a'), 'create'))).toBeNull();
  });

  it('[Q4] the admin token is never metered, under any policy', () => {
    const adminToken = 'admin-token-for-the-test-0123456789';
    const quotas = new Quotas({ ...DEFAULT_QUOTAS, adminToken, createBurstPerAddress: 1, createBurstPerInstance: 1 }, new Set(), () => 0);
    for (let i = 0; i < 5; i++) quotas.admitCreate(from('203.0.113.7', { authorization: `Bearer ${adminToken}` }), 'import');
    quotas.admitCreate(from('203.0.113.7'), 'create');
    expect(refusal(() => quotas.admitCreate(from('203.0.113.8'), 'create'))?.message).toMatch(/^This server is creating too many boards just now/);
  });

  it('[Q3] a read costing more than the whole budget waits for a full budget rather than never fitting', () => {
    let now = 0;
    const quotas = new Quotas({ ...DEFAULT_QUOTAS, readNotesPerSecond: 100, readNotesBurst: 1000 }, new Set(), () => now);
    quotas.chargeRead(from('203.0.113.7'), 5000);
    expect(refusal(() => quotas.chargeRead(from('203.0.113.7'), 5000))?.retryAfterSeconds).toBe(10);
    now += 10_000;
    expect(refusal(() => quotas.chargeRead(from('203.0.113.7'), 5000))).toBeNull();
  });

  it('[Q4] CREATE_POLICY is limited by default; token without ADMIN_TOKEN, or an unknown policy, stops the server with a sentence', () => {
    expect(readConfig({}).createPolicy).toBe('limited');
    expect(() => readConfig({ CREATE_POLICY: 'token' })).toThrow(
      'CREATE_POLICY=token needs ADMIN_TOKEN: only a request bearing it may create boards.',
    );
    expect(() => readConfig({ CREATE_POLICY: 'closed' })).toThrow('CREATE_POLICY must be one of open, limited, token; got "closed".');
    expect(readConfig({ CREATE_POLICY: 'token', ADMIN_TOKEN: 'admin-token-for-the-test-0123456789' }).createPolicy).toBe('token');
  });
});
