import { DateTime } from 'luxon';
import type { AppHost, Communication, MeetingView, OutboxEntry } from '../../support/app-host';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The zone meetingBody gives the contact: reminders are planned in it. */
export const CONTACT_ZONE = 'America/New_York';

/**
 * When the reminder is due, computed independently of the product: `daysBefore` calendar days before
 * the start's date in the contact's zone, at the start's wall time (or `sendAtLocalTime`).
 */
export function reminderAt(start: string, daysBefore: number, sendAtLocalTime: string | null = null, zone = CONTACT_ZONE): number {
  let local = DateTime.fromISO(start, { zone }).minus({ days: daysBefore });
  if (sendAtLocalTime !== null) {
    const [hour, minute] = sendAtLocalTime.split(':').map(Number) as [number, number];
    local = local.set({ hour, minute, second: 0, millisecond: 0 });
  }
  return local.toMillis();
}

/** Moves the devhost's virtual clock to `target` (epoch ms); does nothing if it is already past it. */
export async function advanceTo(host: AppHost, target: number): Promise<void> {
  const ms = target - (await host.now());
  if (ms > 0) await host.advance(`PT${Math.ceil(ms / 1000)}S`);
}

/** Messages of one type (and optionally one channel). */
export const ofType = (messages: OutboxEntry[], type: string, channel?: string): OutboxEntry[] =>
  messages.filter((m) => m.type === type && (channel === undefined || m.channel === channel));

/** GetMeeting's communications of one type × channel. */
export const comms = (view: MeetingView, type: string, channel: string): Communication[] =>
  view.communications.filter((c) => c.type === type && c.channel === channel);

/** The single communication of one type × channel (fails the test if there is not exactly one). */
export function comm(view: MeetingView, type: string, channel: string): Communication {
  const found = comms(view, type, channel);
  if (found.length !== 1) throw new Error(`expected one ${type}/${channel} communication, got ${JSON.stringify(view.communications)}`);
  return found[0]!;
}

/** |a − b| ≤ tolerance, reported with readable instants when it fails. */
export function expectNear(actual: string | number, expected: number, toleranceMs = MINUTE): void {
  const a = typeof actual === 'number' ? actual : Date.parse(actual);
  const detail = `${new Date(a).toISOString()} vs expected ${new Date(expected).toISOString()}`;
  expect({ withinTolerance: Math.abs(a - expected) <= toleranceMs, detail }).toEqual({ withinTolerance: true, detail });
}

export interface Problem { type: string; title: string; status: number; detail: string; errors?: Array<{ path: string; message: string }> }

/** Asserts an application/problem+json answer with `status`, naming `path` among its errors if given. */
export async function expectProblem(res: Response, status: number, path?: string): Promise<Problem> {
  const text = await res.text();
  expect({ status: res.status, text }).toEqual({ status, text: expect.any(String) });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as Problem;
  expect(body.status).toBe(status);
  if (path !== undefined) expect((body.errors ?? []).map((e) => e.path)).toContain(path);
  return body;
}

/** Shifts the start and end of a meetingBody by `ms`. */
export function moved(body: Record<string, unknown>, ms: number): Record<string, unknown> {
  const shift = (iso: unknown): string => new Date(Date.parse(iso as string) + ms).toISOString();
  return { ...body, start: shift(body.start), end: shift(body.end) };
}
