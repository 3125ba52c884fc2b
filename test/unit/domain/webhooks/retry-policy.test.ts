import { nextAttemptAt, RETRY_WINDOW_MS, signingSecret } from '../../../../src/domain/webhooks/retry-policy';
import { hostOf, notificationUrlProblem, withoutQuery } from '../../../../src/domain/webhooks/notification-url';

const first = new Date('2026-11-20T09:00:00.000Z');
const plus = (ms: number): Date => new Date(first.getTime() + ms);

describe('nextAttemptAt', () => {
  test.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [7, 1_920_000],
    [8, 3_600_000],
    [30, 3_600_000],
  ])('after failure %i the wait is %i ms', (failures, wait) => {
    const now = plus(60_000);
    expect(nextAttemptAt(first, failures, now)?.getTime()).toBe(now.getTime() + wait);
  });

  test('nothing after 24 h from the first attempt: the delivery has failed', () => {
    expect(nextAttemptAt(first, 30, plus(RETRY_WINDOW_MS - 3_600_000))?.getTime()).toBe(plus(RETRY_WINDOW_MS).getTime());
    expect(nextAttemptAt(first, 30, plus(RETRY_WINDOW_MS - 3_599_000))).toBeUndefined();
  });
});

describe('signingSecret', () => {
  test('whsec_ and the base64 of 24 to 64 key bytes', () => {
    expect(signingSecret(new Uint8Array(32).fill(1))).toBe(`whsec_${Buffer.alloc(32, 1).toString('base64')}`);
    expect(() => signingSecret(new Uint8Array(16))).toThrow('24 to 64');
  });
});

describe('notificationUrlProblem', () => {
  test.each<[string, boolean, string | undefined]>([
    ['https://prod-00.westus.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=abc', true, undefined],
    ['https://hooks.example.com/x', false, undefined],
    ['http://127.0.0.1:8080/hook', false, undefined],
    ['http://localhost/hook', false, undefined],
    ['http://[::1]:9000/hook', false, undefined],
    ['http://127.0.0.1:8080/hook', true, 'must use https (plain http is accepted only to loopback, off Azure)'],
    ['http://example.com/hook', false, 'must use https (plain http only to 127.0.0.1, localhost or [::1])'],
    ['http://127.0.0.2/hook', false, 'must use https (plain http only to 127.0.0.1, localhost or [::1])'],
    ['ftp://example.com/hook', false, 'must use https'],
    ['https://user:pw@example.com/hook', false, 'must not carry a user name or password'],
    ['not a url', false, 'must be an absolute URL'],
  ])('%s (on Azure: %s)', (url, onAzure, problem) => {
    expect(notificationUrlProblem(url, onAzure)).toBe(problem);
  });

  test('what may be shown: no query string, or only the host', () => {
    expect(withoutQuery('https://x.example.com:8443/a/b?sig=secret#f')).toBe('https://x.example.com:8443/a/b');
    expect(hostOf('https://x.example.com:8443/a/b?sig=secret')).toBe('x.example.com:8443');
  });
});
