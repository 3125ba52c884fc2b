import { applyOptOutEvent, type OptOutEvent } from '../../src/domain/replies/opt-out-state';
import { E164, type OptOutSource, type OptOutState, type OptOutStore, type OptOutWrite } from '../../src/ports/opt-out-store';

/** In-memory {@link OptOutStore}: the same ordering rule as the Table adapter (`applyOptOutEvent`). */
export class FakeOptOutStore implements OptOutStore {
  private readonly states = new Map<string, OptOutState>();
  /** Writes that changed something, in order (for assertions). */
  readonly changes: { phone: string; state: OptOutState }[] = [];

  async get(phone: string): Promise<OptOutState | undefined> {
    const state = this.states.get(phone);
    return state && { ...state };
  }

  optOut(phone: string, event: { readonly source: OptOutSource; readonly at: Date }): Promise<OptOutWrite> {
    return this.apply(phone, { kind: 'optOut', source: event.source, at: event.at.toISOString() });
  }

  optIn(phone: string, at: Date): Promise<OptOutWrite> {
    return this.apply(phone, { kind: 'optIn', at: at.toISOString() });
  }

  /** Test setup: the number opted out by a reply at `at`. */
  async seedOptedOut(phone: string, at = new Date('2026-01-01T00:00:00Z')): Promise<void> {
    await this.optOut(phone, { source: 'reply', at });
  }

  private async apply(phone: string, event: OptOutEvent): Promise<OptOutWrite> {
    if (!E164.test(phone)) throw new Error('OptOuts: a number must be E.164');
    const { changed, state, write } = applyOptOutEvent(this.states.get(phone), event);
    if (write) this.states.set(phone, state);
    if (changed) this.changes.push({ phone, state });
    return { changed, state: { ...state } };
  }
}
