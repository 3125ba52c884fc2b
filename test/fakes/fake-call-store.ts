import type { About } from '../../src/ports/dispatch';
import type { CallEvent, CallStore, PendingCallEvent, StoredCall } from '../../src/ports/calls';

/** An in-memory {@link CallStore} with ETags, as the Table adapter behaves. */
export class FakeCallStore implements CallStore {
  readonly rows = new Map<string, { call: StoredCall; etag: number }>();
  readonly connections = new Map<string, string>();
  readonly events = new Map<string, Array<PendingCallEvent & { applied: boolean }>>();

  async create(call: StoredCall) {
    const existing = this.rows.get(call.callId);
    if (existing) return { created: false, call: existing.call };
    this.rows.set(call.callId, { call, etag: 1 });
    return { created: true, call };
  }

  async get(callId: string) {
    const row = this.rows.get(callId);
    return row ? { call: row.call, etag: String(row.etag) } : undefined;
  }

  async replace(call: StoredCall, etag: string) {
    const row = this.rows.get(call.callId);
    if (!row || String(row.etag) !== etag) return false;
    this.rows.set(call.callId, { call, etag: row.etag + 1 });
    return true;
  }

  async byConnection(callConnectionId: string) {
    return this.connections.get(callConnectionId);
  }

  async indexConnection(callConnectionId: string, callId: string) {
    this.connections.set(callConnectionId, callId);
  }

  async addEvent(callId: string, event: CallEvent, receivedAt: string) {
    const list = this.events.get(callId) ?? [];
    if (list.some((e) => e.event.eventId === event.eventId)) return false;
    list.push({ event, receivedAt, applied: false });
    this.events.set(callId, list);
    return true;
  }

  async pendingEvents(callId: string) {
    return (this.events.get(callId) ?? []).filter((e) => !e.applied).map(({ event, receivedAt }) => ({ event, receivedAt }));
  }

  async markApplied(callId: string, eventId: string) {
    for (const e of this.events.get(callId) ?? []) if (e.event.eventId === eventId) e.applied = true;
  }

  async list(about: About) {
    return [...this.rows.values()].map((r) => r.call).filter((c) => c.about.kind === about.kind && c.about.id === about.id);
  }
}
