import type { Clock } from '../ports/clock';

import { DEVHOST_CLOCK } from './devhost-hooks';

/** The real clock on Azure; the devhost's virtual clock when running locally. */
export const systemClock: Clock = {
  now(): Date {
    const devhostNow = (globalThis as Record<symbol, unknown>)[DEVHOST_CLOCK];
    return typeof devhostNow === 'function' ? (devhostNow as () => Date)() : new Date();
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
