import type { MeetingReply, PromptStore, StoredPrompt } from '../../src/ports/prompt-store';

const byOpening = (a: StoredPrompt, b: StoredPrompt): number => a.openedAt.localeCompare(b.openedAt) || a.promptId.localeCompare(b.promptId);

/** An in-memory {@link PromptStore}. */
export class FakePromptStore implements PromptStore {
  readonly prompts = new Map<string, StoredPrompt>();
  readonly replies = new Map<string, MeetingReply>();

  async open(prompt: StoredPrompt): Promise<void> {
    if (!this.prompts.has(prompt.promptId)) this.prompts.set(prompt.promptId, prompt);
  }

  async get(promptId: string): Promise<StoredPrompt | undefined> {
    return this.prompts.get(promptId);
  }

  async openFor(customer: string, sender?: string): Promise<StoredPrompt[]> {
    return [...this.prompts.values()].filter((p) => p.outcome === 'open' && p.customer === customer && (sender === undefined || p.sender === sender)).sort(byOpening);
  }

  async close(promptId: string, outcome: Exclude<StoredPrompt['outcome'], 'open'>, at: string, eventId: string | null): Promise<boolean> {
    const prompt = this.prompts.get(promptId);
    if (prompt?.outcome !== 'open') return false;
    this.prompts.set(promptId, { ...prompt, outcome, closedAt: at, closedBy: eventId });
    return true;
  }

  async newestFor(customer: string): Promise<StoredPrompt | undefined> {
    return [...this.prompts.values()].filter((p) => p.customer === customer).sort(byOpening).pop();
  }

  async stopListening(promptId: string): Promise<boolean> {
    const prompt = this.prompts.get(promptId);
    if (prompt?.outcome !== 'open' || prompt.listening === false) return false;
    this.prompts.set(promptId, { ...prompt, listening: false });
    return true;
  }

  async listOpen(limit: number): Promise<StoredPrompt[]> {
    return [...this.prompts.values()].filter((p) => p.outcome === 'open').sort(byOpening).slice(0, limit);
  }

  async noteNoMatch(promptId: string, eventId: string): Promise<number> {
    const prompt = this.prompts.get(promptId);
    if (!prompt) return 0;
    const noMatches = prompt.noMatches.includes(eventId) ? prompt.noMatches : [...prompt.noMatches, eventId];
    this.prompts.set(promptId, { ...prompt, noMatches });
    return noMatches.length;
  }

  async forMeeting(meetingId: string): Promise<StoredPrompt[]> {
    return [...this.prompts.values()].filter((p) => p.meetingId === meetingId).sort(byOpening);
  }

  async recordReply(reply: MeetingReply): Promise<void> {
    const key = `${reply.meetingId}|${reply.eventId}`;
    if (!this.replies.has(key)) this.replies.set(key, reply);
  }

  async repliesFor(meetingId: string): Promise<MeetingReply[]> {
    return [...this.replies.values()].filter((r) => r.meetingId === meetingId).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }
}
