import { KeyedLimiter } from '../../../../src/app/webhooks/keyed-limiter';

describe('KeyedLimiter', () => {
  test('at most `max` tasks of one key run at once; other keys are not held up; all finish', async () => {
    const limiter = new KeyedLimiter(4);
    let running = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const task = () => limiter.run('s1', async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return 'ok';
    });
    const all = Array.from({ length: 10 }, task);
    const other = limiter.run('s2', async () => 'other');
    await expect(other).resolves.toBe('other');
    while (gates.length > 0 || running > 0) {
      await new Promise((r) => setImmediate(r));
      expect(limiter.inFlight('s1')).toBeLessThanOrEqual(4);
      gates.shift()?.();
    }
    await expect(Promise.all(all)).resolves.toEqual(Array(10).fill('ok'));
    expect(peak).toBe(4);
    expect(limiter.inFlight('s1')).toBe(0);
  });

  test('a task that throws frees its slot', async () => {
    const limiter = new KeyedLimiter(1);
    await expect(limiter.run('k', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(limiter.run('k', async () => 1)).resolves.toBe(1);
  });
});
