import { json, ROOT, startDevhost, type DevhostProcess } from './devhost-process';

export const API_KEY = 'test-api-key-0123456789';
const DAY = 86_400_000;

export interface OutboxEntry { id: string; channel: 'email' | 'sms' | 'whatsapp'; buttons?: Array<{ text: string; payload: string }>; from: string; to: string; type: string; meetingId: string | null; subject: string | null; text: string; html: string | null; sendKey: string; messageId: string; createdAt: string }
export interface Communication { type: string; channel: string; version: number; status: string; plannedFor: string | null; sentAt: string | null; reason: string | null }

/** The devhost's events key: the one in local.settings.example.json, which the tests' devhosts load. */
export const EVENTS_KEY = 'local-events-key-change-me';
export interface MeetingView { meetingId: string; status: string; version: number; start: string; reminderEmailSent: boolean; reminderSmsSent: boolean; communications: Communication[] }

/** The real app on the devhost (child process), driven through its HTTP API as a flow would. */
export class AppHost {
  private constructor(readonly host: DevhostProcess) {}

  static async start(opts: { dataDir?: string | null; env?: Record<string, string> } = {}): Promise<AppHost> {
    return new AppHost(await startDevhost({ appDir: ROOT, dataDir: opts.dataDir ?? null, env: { API_KEY, ...opts.env } }));
  }

  get url(): string {
    return this.host.url;
  }

  api(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.host.url}/api/${path}`, { ...init, headers: { 'x-api-key': API_KEY, 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) } });
  }

  /** The devhost's virtual "now". */
  async now(): Promise<number> {
    return Date.parse((await json<{ now: string }>(await fetch(`${this.host.url}/dev/clock`))).now);
  }

  /** Moves the virtual clock (ISO 8601 duration); returns when the work it caused has settled. */
  async advance(duration: string): Promise<void> {
    const res = await fetch(`${this.host.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: duration }) });
    if (res.status !== 200) throw new Error(`advance ${duration}: ${res.status} ${await res.text()}`);
  }

  /** Lets every orchestration and activity that is due finish (a zero-length clock step). */
  settle(): Promise<void> {
    return this.advance('PT0S');
  }

  /** Applies a merge patch to the settings (reading the ETag first). */
  async patchSettings(patch: Record<string, unknown>): Promise<void> {
    const current = await this.api('settings');
    const res = await this.api('settings', { method: 'PATCH', headers: { 'if-match': current.headers.get('etag') ?? '' }, body: JSON.stringify(patch) });
    if (res.status !== 200) throw new Error(`settings: ${res.status} ${await res.text()}`);
  }

  /** Everything on: master toggle and every type × channel. */
  enableAll(reminder: Record<string, unknown> = {}): Promise<void> {
    const both = { email: true, sms: true };
    return this.patchSettings({ enabled: true, confirmation: both, reminder: { ...both, ...reminder }, cancellation: both });
  }

  schedule(body: Record<string, unknown>): Promise<Response> {
    return this.api('meetings', { method: 'POST', body: JSON.stringify(body) });
  }

  async meeting(id: string): Promise<MeetingView> {
    const res = await this.api(`meetings/${encodeURIComponent(id)}`);
    if (res.status !== 200) throw new Error(`GetMeeting ${id}: ${res.status} ${await res.text()}`);
    return json<MeetingView>(res);
  }

  async outbox(meetingId?: string): Promise<OutboxEntry[]> {
    const all = await json<OutboxEntry[]>(await fetch(`${this.host.url}/dev/outbox`, { headers: { accept: 'application/json' } }));
    return meetingId ? all.filter((m) => m.meetingId === meetingId) : all;
  }

  stop(): Promise<number | null> {
    return this.host.stop();
  }
}

/**
 * Starts the app on a devhost for the enclosing describe block (beforeAll) and stops it (afterAll).
 * `enable` switches every type × channel on, with these reminder options, once it runs. The started
 * host is handed to `assign`, so tests keep a plain `host` variable.
 */
export function useAppHost(assign: (host: AppHost) => void, start: { env?: Record<string, string> } = {}, enable?: Record<string, unknown>): void {
  let started: AppHost | undefined;
  beforeAll(async () => {
    started = await AppHost.start(start);
    if (enable) await started.enableAll(enable);
    assign(started);
  });
  afterAll(async () => {
    await started?.stop();
  });
}

/** A valid ScheduleMeeting body starting `daysAhead` days after `now` (the devhost's clock). */
export function meetingBody(id: string, now: number, daysAhead: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const start = new Date(Math.floor((now + daysAhead * DAY) / 60_000) * 60_000);
  const { contact, ...rest } = overrides;
  return {
    meetingId: id,
    subject: 'Mortgage review',
    start: start.toISOString(),
    end: new Date(start.getTime() + 30 * 60_000).toISOString(),
    timeZone: 'Europe/Madrid',
    location: { name: 'Main Street branch', address: '1 Main St, Madrid' },
    advisor: { name: 'Ana Pérez', email: 'ana@contoso.com' },
    contact: { contactId: 'C-77', firstName: 'Bob', lastName: 'Smith', email: 'bob@example.com', phone: '+14255550123', locale: 'en-US', timeZone: 'America/New_York', ...(contact as Record<string, unknown> | undefined) },
    ...rest,
  };
}

export const kinds = (messages: OutboxEntry[]): string[] => messages.map((m) => `${m.type}/${m.channel}`).sort();
