import { holdPacer, IDLE_PACER, reserveSlot, type PacerState } from '../../src/domain';
import type { SendPacer, SlotRequest } from '../../src/ports/send-pacer';

/** An in-memory SendPacer over the real slot rules; `reservations` records what it handed out. */
export class FakeSendPacer implements SendPacer {
  readonly states = new Map<string, PacerState>();
  readonly reservations: Array<SlotRequest & { at: string; slot: string }> = [];
  readonly holds: Array<{ sender: string; until: string }> = [];

  async reserve(request: SlotRequest, now: Date): Promise<Date> {
    const next = reserveSlot(this.states.get(request.sender) ?? IDLE_PACER, request.lane, now.getTime(), request.perMinute, request.notBefore?.getTime());
    this.states.set(request.sender, next.state);
    this.reservations.push({ ...request, at: now.toISOString(), slot: new Date(next.slotMs).toISOString() });
    return new Date(next.slotMs);
  }

  async holdUntil(sender: string, until: Date): Promise<void> {
    this.states.set(sender, holdPacer(this.states.get(sender) ?? IDLE_PACER, until.getTime()));
    this.holds.push({ sender, until: until.toISOString() });
  }
}
