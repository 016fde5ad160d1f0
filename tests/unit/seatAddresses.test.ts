/** Seats per client address (SPEC SE2), counted as every per-client limit counts a client. */
import { describe, expect, it } from 'vitest';
import { SeatAddresses } from '../../server/access/people';

describe('seats per address', () => {
  it('[SE2] seats joined from addresses of one IPv6 /64 count against one client, as the creation quotas count it', () => {
    const seats = new SeatAddresses();
    seats.add('board', '2001:db8:1:2::a', 'p1');
    seats.add('board', '2001:db8:1:2:ffff::b', 'p2');
    expect(seats.count('board', '2001:db8:1:2::1234')).toBe(2);
    expect(seats.count('board', '2001:db8:1:3::1')).toBe(0);
    seats.add('board', '203.0.113.7', 'p3');
    expect(seats.count('board', '203.0.113.7')).toBe(1);
    seats.remove('board', 'p1');
    expect(seats.count('board', '2001:db8:1:2::a')).toBe(1);
  });
});
