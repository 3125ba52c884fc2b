import type { OptOutStore } from '../../../src/ports/opt-out-store';

const t = (minute: number): Date => new Date(Date.UTC(2026, 10, 5, 10, minute));
const iso = (minute: number): string => t(minute).toISOString();

/**
 * What every {@link OptOutStore} must do, against the fake and the Table adapter. `make` gives an
 * empty store; each test uses its own numbers.
 */
export function optOutStoreContract(make: () => OptOutStore): void {
  let store: OptOutStore;
  beforeAll(() => {
    store = make();
  });

  test('a number nothing was recorded for is unknown', async () => {
    expect(await store.get('+14255550100')).toBeUndefined();
  });

  test('an opt-out is stored with its time and source; repeating it changes nothing', async () => {
    const first = await store.optOut('+14255550101', { source: 'reply', at: t(1) });
    const opted = { optedOut: true, since: iso(1), source: 'reply', updatedAt: iso(1) };
    expect(first).toEqual({ changed: true, state: opted });
    expect(await store.optOut('+14255550101', { source: 'reply', at: t(1) })).toEqual({ changed: false, state: opted });
    expect(await store.get('+14255550101')).toEqual(opted);
    expect(await store.get('+14255550102')).toBeUndefined();
  });

  test('a later opt-in opts the number back in; an admin opt-out records its source', async () => {
    await store.optOut('+14255550103', { source: 'admin', at: t(1) });
    expect(await store.get('+14255550103')).toMatchObject({ optedOut: true, source: 'admin' });
    expect(await store.optIn('+14255550103', t(2))).toEqual({ changed: true, state: { optedOut: false, since: null, source: null, updatedAt: iso(2) } });
    expect(await store.get('+14255550103')).toMatchObject({ optedOut: false });
  });

  test('an older event arriving later never overwrites a newer one', async () => {
    await store.optOut('+14255550104', { source: 'reply', at: t(5) });
    expect(await store.optIn('+14255550104', t(4))).toMatchObject({ changed: false, state: { optedOut: true } });
    await store.optIn('+14255550105', t(5));
    expect(await store.optOut('+14255550105', { source: 'reply', at: t(4) })).toMatchObject({ changed: false, state: { optedOut: false } });
    expect((await store.get('+14255550104'))?.optedOut).toBe(true);
    expect((await store.get('+14255550105'))?.optedOut).toBe(false);
  });

  test('STOP t1, STOP t3, then START t2: still opted out, since t1 (the second STOP moved the clock on)', async () => {
    await store.optOut('+14255550106', { source: 'reply', at: t(1) });
    expect((await store.optOut('+14255550106', { source: 'reply', at: t(3) })).changed).toBe(false);
    expect((await store.optIn('+14255550106', t(2))).changed).toBe(false);
    expect(await store.get('+14255550106')).toEqual({ optedOut: true, since: iso(1), source: 'reply', updatedAt: iso(3) });
  });

  test('an opt-in and an opt-out at the same instant: opted out, whichever came first', async () => {
    await store.optIn('+14255550107', t(1));
    await store.optOut('+14255550107', { source: 'reply', at: t(1) });
    await store.optOut('+14255550108', { source: 'reply', at: t(1) });
    await store.optIn('+14255550108', t(1));
    expect((await store.get('+14255550107'))?.optedOut).toBe(true);
    expect((await store.get('+14255550108'))?.optedOut).toBe(true);
  });

  test('concurrent writes: the newest event wins', async () => {
    await Promise.all([
      store.optOut('+14255550109', { source: 'reply', at: t(3) }),
      store.optIn('+14255550109', t(2)),
      store.optOut('+14255550109', { source: 'reply', at: t(1) }),
      store.optIn('+14255550109', t(4)),
    ]);
    expect(await store.get('+14255550109')).toMatchObject({ optedOut: false, updatedAt: iso(4) });
  });

  test('a number that is not E.164 is refused by writes and unknown to reads', async () => {
    await expect(store.optOut('4255550110', { source: 'reply', at: t(1) })).rejects.toThrow(/E\.164/);
    await expect(store.optIn('+1 425 555 0110', t(1))).rejects.toThrow(/E\.164/);
    expect(await store.get('4255550110')).toBeUndefined();
  });
}
