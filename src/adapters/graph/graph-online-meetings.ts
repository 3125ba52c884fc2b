import type { Client } from '@microsoft/microsoft-graph-client';
import { OnlineMeetingError, type OnlineMeeting, type OnlineMeetingRequest, type OnlineMeetings } from '../../ports/online-meetings';
import { GraphAuthError, type GraphTokenProvider } from './graph-auth';
import { failureLabel, graphFailure, type GraphFailure } from './graph-client';

export interface GraphOnlineMeetingsOptions {
  /** GRAPH_ORGANIZER: an object ID, or a UPN resolved to one. */
  readonly organizer: string;
  /** GRAPH_ORGANIZER_DOMAINS: an advisor with an address there organizes their own meetings. */
  readonly organizerDomains: readonly string[];
  /** TEAMS_LOBBY_BYPASS: `lobbyBypassSettings.scope`. */
  readonly lobbyBypass: string;
  readonly tokens: GraphTokenProvider;
  /** Per-request timeout. */
  readonly timeoutMs?: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the admin must do about a 403, by what Graph said. */
export const GRAPH_ADVICE = {
  policy: 'Graph refused (403): no Teams application access policy lets this app create meetings for the organizer. A Teams admin runs New-CsApplicationAccessPolicy -Identity <name> -AppIds <GRAPH_CLIENT_ID> and Grant-CsApplicationAccessPolicy -PolicyName <name> -Identity <organizer object ID> (or -Global); it takes up to 30 minutes',
  permission: 'Graph refused (403): the app registration lacks the application permission OnlineMeetings.ReadWrite.All with admin consent (Entra admin center → App registrations → API permissions → Grant admin consent)',
  token: 'Graph refused the app\'s token (401) even after a fresh one: check the app registration and GRAPH_TENANT_ID',
} as const;

/**
 * {@link OnlineMeetings} over Graph's onlineMeetings API (app-only): createOrGet with our meeting ID
 * as `externalId` (idempotent: the same ID returns the same meeting), PATCH to move it, DELETE (a
 * meeting already gone is fine). The organizer is the advisor when their address is in one of the
 * tenant's domains and Graph knows them, else GRAPH_ORGANIZER; addresses are resolved to object IDs
 * once per process (`GET /users/{upn}`). Errors become {@link OnlineMeetingError}s with what to do.
 */
export class GraphOnlineMeetings implements OnlineMeetings {
  readonly provider = 'graph';
  private readonly ids = new Map<string, string | null>();

  constructor(private readonly client: Client, private readonly options: GraphOnlineMeetingsOptions) {}

  async ensure(request: OnlineMeetingRequest): Promise<OnlineMeeting> {
    const organizer = await this.organizerFor(request.advisorEmail);
    const body = {
      externalId: request.externalId, subject: request.subject, startDateTime: request.start, endDateTime: request.end,
      lobbyBypassSettings: { scope: this.options.lobbyBypass, isDialInBypassEnabled: true },
    };
    const created = await this.call(() => this.request(`/users/${encodeURIComponent(organizer)}/onlineMeetings/createOrGet`).post(body));
    return toMeeting(created, organizer);
  }

  async update(meeting: Pick<OnlineMeeting, 'id' | 'organizer'>, change: Pick<OnlineMeetingRequest, 'subject' | 'start' | 'end'>): Promise<OnlineMeeting | 'missing'> {
    const body = { subject: change.subject, startDateTime: change.start, endDateTime: change.end };
    const moved = await this.call(() => this.request(meetingPath(meeting)).patch(body), { missingOk: true });
    return moved === MISSING ? 'missing' : toMeeting(moved, meeting.organizer);
  }

  async remove(meeting: Pick<OnlineMeeting, 'id' | 'organizer'>): Promise<void> {
    await this.call(() => this.request(meetingPath(meeting)).delete(), { missingOk: true });
  }

  private request(path: string) {
    return this.client.api(path).option('signal', AbortSignal.timeout(this.options.timeoutMs ?? 15_000));
  }

  /** The advisor's object ID when they are one of ours, else the configured organizer's. */
  private async organizerFor(advisorEmail: string | null): Promise<string> {
    const domain = advisorEmail?.split('@')[1]?.toLowerCase();
    if (advisorEmail && domain && this.options.organizerDomains.includes(domain)) {
      const advisor = await this.resolve(advisorEmail.toLowerCase());
      if (advisor !== null) return advisor;
    }
    const fallback = await this.resolve(this.options.organizer);
    if (fallback === null) throw new OnlineMeetingError('permanent', 'GRAPH_ORGANIZER names no user of the tenant (Graph answered 404)');
    return fallback;
  }

  private async resolve(user: string): Promise<string | null> {
    if (GUID.test(user)) return user;
    if (!this.ids.has(user)) {
      const found = await this.call(() => this.request(`/users/${encodeURIComponent(user)}`).select('id').get(), { missingOk: true });
      this.ids.set(user, found === MISSING || typeof found?.id !== 'string' ? null : found.id);
    }
    return this.ids.get(user) ?? null;
  }

  /** One Graph call, with the token checked first so its problems are named as such. */
  private async call(run: () => Promise<GraphBody>, opts: { missingOk?: boolean } = {}): Promise<GraphBody | typeof MISSING> {
    try {
      await this.options.tokens.token();
      return await run();
    } catch (error) {
      if (error instanceof GraphAuthError) throw new OnlineMeetingError(error.transient ? 'transient' : 'forbidden', error.message);
      const failure = graphFailure(error);
      if (opts.missingOk && failure.status === 404) return MISSING;
      throw meetingError(failure);
    }
  }
}

type GraphBody = { id?: unknown; joinWebUrl?: unknown; joinUrl?: unknown } | undefined;
const MISSING = Symbol('missing');

const meetingPath = (m: Pick<OnlineMeeting, 'id' | 'organizer'>): string => `/users/${encodeURIComponent(m.organizer)}/onlineMeetings/${encodeURIComponent(m.id)}`;

function toMeeting(body: GraphBody | typeof MISSING, organizer: string): OnlineMeeting {
  const b = body === MISSING ? undefined : body;
  const joinUrl = typeof b?.joinWebUrl === 'string' ? b.joinWebUrl : typeof b?.joinUrl === 'string' ? b.joinUrl : undefined;
  if (typeof b?.id !== 'string' || joinUrl === undefined) throw new OnlineMeetingError('transient', 'Graph answered without the meeting\'s id or joinWebUrl');
  return { id: b.id, organizer, joinUrl };
}

function meetingError(f: GraphFailure): OnlineMeetingError {
  const label = failureLabel(f);
  if (f.status === undefined || f.status === 408 || f.status === 429 || f.status >= 500) return new OnlineMeetingError('transient', `Graph unavailable (${label})`, f.retryAfterMs);
  if (f.status === 403) return new OnlineMeetingError('forbidden', /application access policy/i.test(f.text) ? GRAPH_ADVICE.policy : GRAPH_ADVICE.permission);
  if (f.status === 401) return new OnlineMeetingError('forbidden', GRAPH_ADVICE.token);
  return new OnlineMeetingError('permanent', `Graph refused the request (${label})`);
}
