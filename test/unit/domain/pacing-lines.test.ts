import { acquireLine, LINE_LEASE_MS, LINE_RETRY_MS, liveLeases, NO_LEASES, releaseLine, type LineLeases } from '../../../src/domain';

const NOW = Date.parse('2026-12-02T09:00:00.000Z');

/** Grants `ids` in order on an empty line of `limit`, each expected to be granted. */
function upTo(limit: number, ...ids: string[]): LineLeases {
  let leases = NO_LEASES;
  for (const id of ids) {
    const grant = acquireLine(leases, id, limit, NOW);
    if (!grant.granted) throw new Error(`${id} refused`);
    leases = grant.leases;
  }
  return leases;
}

describe('a caller number\'s lines (call leases)', () => {
  test('grants up to the limit, each lease expiring LINE_LEASE_MS later', () => {
    expect(upTo(2, 'a', 'b')).toEqual({ a: NOW + LINE_LEASE_MS, b: NOW + LINE_LEASE_MS });
  });

  test('refuses a call beyond the limit, asking it back within LINE_RETRY_MS; the leases stay as they were', () => {
    const leases = upTo(2, 'a', 'b');
    const third = acquireLine(leases, 'c', 2, NOW);
    expect(third).toEqual({ granted: false, retryAtMs: NOW + LINE_RETRY_MS, leases });
  });

  test('refused close to an expiry: asked back at that expiry', () => {
    const leases = { a: NOW + 5_000, b: NOW + LINE_LEASE_MS };
    expect(acquireLine(leases, 'c', 2, NOW)).toMatchObject({ granted: false, retryAtMs: NOW + 5_000 });
  });

  test('the same call asking again is granted again, renewed, and never counts twice', () => {
    const leases = upTo(2, 'a', 'b');
    const again = acquireLine(leases, 'a', 2, NOW + 1_000);
    expect(again).toEqual({ granted: true, leases: { a: NOW + 1_000 + LINE_LEASE_MS, b: NOW + LINE_LEASE_MS } });
    expect(acquireLine(again.leases, 'c', 2, NOW + 1_000).granted).toBe(false);
  });

  test('a release frees the line for the next; releasing again (or a lease never held) changes nothing', () => {
    const leases = upTo(2, 'a', 'b');
    const released = releaseLine(leases, 'a', NOW);
    expect(released).toEqual({ b: NOW + LINE_LEASE_MS });
    expect(releaseLine(released, 'a', NOW)).toEqual(released);
    expect(releaseLine(released, 'never', NOW)).toEqual(released);
    expect(acquireLine(released, 'c', 2, NOW)).toMatchObject({ granted: true, leases: { b: NOW + LINE_LEASE_MS, c: NOW + LINE_LEASE_MS } });
  });

  test('a lease never released (a crash) expires: its line is free again after LINE_LEASE_MS, and it is dropped', () => {
    const leases = upTo(2, 'a', 'b');
    expect(acquireLine(leases, 'c', 2, NOW + LINE_LEASE_MS - 1).granted).toBe(false);
    const later = acquireLine(leases, 'c', 2, NOW + LINE_LEASE_MS);
    expect(later).toEqual({ granted: true, leases: { c: NOW + 2 * LINE_LEASE_MS } });
    expect(liveLeases(leases, NOW + LINE_LEASE_MS)).toEqual({});
  });

  test('a limit lowered below the calls up grants nothing until enough end', () => {
    const leases = upTo(3, 'a', 'b', 'c');
    expect(acquireLine(leases, 'd', 2, NOW).granted).toBe(false);
    expect(acquireLine(releaseLine(leases, 'a', NOW), 'd', 2, NOW).granted).toBe(false);
    expect(acquireLine(releaseLine(releaseLine(leases, 'a', NOW), 'b', NOW), 'd', 2, NOW).granted).toBe(true);
  });
});
