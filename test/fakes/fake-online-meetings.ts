import { OnlineMeetingError, type OnlineMeeting, type OnlineMeetingRequest, type OnlineMeetings } from '../../src/ports/online-meetings';

/** An in-memory {@link OnlineMeetings}: records every call; `failNext` scripts errors for the next calls. */
export class FakeOnlineMeetings implements OnlineMeetings {
  readonly provider = 'fake';
  readonly meetings = new Map<string, OnlineMeeting & { subject: string; start: string; end: string }>();
  readonly calls: string[] = [];
  private readonly failures: OnlineMeetingError[] = [];

  failNext(count: number, error: OnlineMeetingError = new OnlineMeetingError('transient', 'Graph unavailable (HTTP 503)')): void {
    for (let i = 0; i < count; i++) this.failures.push(error);
  }

  async ensure(request: OnlineMeetingRequest): Promise<OnlineMeeting> {
    this.calls.push(`ensure ${request.externalId}`);
    this.maybeFail();
    const id = `om-${request.externalId}`;
    const existing = this.meetings.get(id);
    if (existing) return existing;
    const created = { id, organizer: 'organizer-id', joinUrl: `https://teams.example/join/${request.externalId}`, subject: request.subject, start: request.start, end: request.end };
    this.meetings.set(id, created);
    return created;
  }

  async update(meeting: Pick<OnlineMeeting, 'id' | 'organizer'>, change: Pick<OnlineMeetingRequest, 'subject' | 'start' | 'end'>): Promise<OnlineMeeting | 'missing'> {
    this.calls.push(`update ${meeting.id}`);
    this.maybeFail();
    const existing = this.meetings.get(meeting.id);
    if (!existing) return 'missing';
    const moved = { ...existing, ...change };
    this.meetings.set(meeting.id, moved);
    return moved;
  }

  async remove(meeting: Pick<OnlineMeeting, 'id' | 'organizer'>): Promise<void> {
    this.calls.push(`remove ${meeting.id}`);
    this.maybeFail();
    this.meetings.delete(meeting.id);
  }

  private maybeFail(): void {
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
}
