import { MAX_REPLIES, promptOrchestrator } from '../../../src/workflows/prompt-orchestrator';
import { ACTIVITY, EVENT } from '../../../src/workflows/names';
import type { PromptStep } from '../../../src/workflows/steps';
import { runOrchestrator } from '../../support/orchestration-fake';

const input = { promptId: 'prompt|A-1|1|confirmation|sms', closesAt: '2030-01-02T00:00:00.000Z' };
const reply = { kind: 'reply', eventId: 'e1', at: '2030-01-01T01:00:00.000Z', intent: 'confirm', choice: null };

describe('promptOrchestrator', () => {
  test('the timer wins: the timeout activity ends the prompt', () => {
    const { trace, output } = runOrchestrator(promptOrchestrator, { input, activity: (name) => (name === ACTIVITY.closePrompt ? { closed: true, outcome: 'timeout' } : undefined) });
    expect(output).toBe('timeout');
    expect(trace).toContainEqual({ activity: ACTIVITY.closePrompt, input, retry: true });
    expect(trace).not.toContainEqual(expect.objectContaining({ activity: ACTIVITY.answerPrompt }));
  });

  test('a reply wins: the matching activity decides, the losing timer is cancelled', () => {
    const { trace, output } = runOrchestrator(promptOrchestrator, {
      input, race: () => ({ event: EVENT.promptReply, data: reply }),
      activity: (name, activityInput): PromptStep => {
        expect(name).toBe(ACTIVITY.answerPrompt);
        expect(activityInput).toEqual({ promptId: input.promptId, reply });
        return { closed: true, outcome: 'confirmed' };
      },
    });
    expect(output).toBe('confirmed');
    expect(trace).toContainEqual({ cancelled: input.closesAt });
  });

  test('a reply that leaves the prompt open (which meeting?) waits again on the same timer, which then ends it', () => {
    let races = 0;
    const { trace, output } = runOrchestrator(promptOrchestrator, {
      input, race: () => (races++ === 0 ? { event: EVENT.promptReply, data: reply } : 'timer'),
      activity: (name): PromptStep => (name === ACTIVITY.answerPrompt ? { closed: false, outcome: 'open' } : { closed: true, outcome: 'timeout' }),
    });
    expect(output).toBe('timeout');
    expect(trace.filter((t) => 'timer' in t || ('any' in t))).toHaveLength(2);
    expect(trace).not.toContainEqual({ cancelled: input.closesAt });
  });

  test('a reply whose activity keeps failing is dropped; the prompt keeps listening and the timer ends it', () => {
    let races = 0;
    const { trace, output } = runOrchestrator(promptOrchestrator, {
      input, race: () => (races++ === 0 ? { event: EVENT.promptReply, data: reply } : 'timer'),
      activity: (name): PromptStep => {
        if (name === ACTIVITY.answerPrompt) throw new Error('storage down');
        return { closed: true, outcome: 'timeout' };
      },
    });
    expect(output).toBe('timeout');
    expect(trace).toContainEqual({ activity: ACTIVITY.answerPrompt, input: { promptId: input.promptId, reply }, retry: true, threw: 'storage down' });
  });

  test('after MAX_REPLIES replies that leave it open, the last one is handed over final (the prompt stops listening); the timer then ends it', () => {
    const answers: unknown[] = [];
    const { output } = runOrchestrator(promptOrchestrator, {
      input, race: () => (answers.length < MAX_REPLIES + 5 ? { event: EVENT.promptReply, data: reply } : 'timer'),
      activity: (name, activityInput): PromptStep => {
        if (name !== ACTIVITY.answerPrompt) return { closed: true, outcome: 'timeout' };
        answers.push(activityInput);
        return { closed: false, outcome: 'open' };
      },
    });
    expect(output).toBe('timeout');
    expect(answers).toHaveLength(MAX_REPLIES);
    expect(answers.slice(0, -1).every((a) => !('final' in (a as object)))).toBe(true);
    expect(answers[MAX_REPLIES - 1]).toEqual({ promptId: input.promptId, reply, final: true });
  });
});
