import { hashLinkToken, hashesEqual, isLinkTokenFormat, newLinkToken, sendLinkToken, verifyLinkToken } from '../../../../src/domain';

const bytes = (n: number, fill = (i: number) => i * 37) => Uint8Array.from({ length: n }, (_, i) => fill(i) & 0xff);

describe('newLinkToken', () => {
  test.each([
    [16, 22], [17, 23], [18, 24],
  ])('%i bytes → %i URL-safe characters', (n, length) => {
    const token = newLinkToken(bytes(n));
    expect(token).toHaveLength(length);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(isLinkTokenFormat(token)).toBe(true);
  });

  test('uses - and _ rather than + and /, no padding', () => {
    expect(newLinkToken(new Uint8Array(16).fill(0xff))).toBe('_____________________w');
    expect(newLinkToken(new Uint8Array(16).fill(0xfb))).toBe('-_v7-_v7-_v7-_v7-_v7-w');
  });

  test('different bytes give different tokens; same bytes the same token', () => {
    expect(newLinkToken(bytes(16))).toBe(newLinkToken(bytes(16)));
    expect(newLinkToken(bytes(16))).not.toBe(newLinkToken(bytes(16, (i) => i)));
  });

  test.each([0, 15, 19, 32])('%i bytes is a programming error', (n) => {
    expect(() => newLinkToken(bytes(n))).toThrow(RangeError);
  });
});

describe('hashLinkToken', () => {
  test('is SHA-256 hex (known vector)', () => {
    expect(hashLinkToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('verifyLinkToken accepts the token and nothing else', () => {
    const token = newLinkToken(bytes(16));
    const stored = hashLinkToken(token);
    expect(verifyLinkToken(token, stored)).toBe(true);
    expect(verifyLinkToken(token, stored.toUpperCase())).toBe(true);
    expect(verifyLinkToken(`${token.slice(0, -1)}A`, stored)).toBe(token.endsWith('A'));
    expect(verifyLinkToken(token, stored.slice(0, -1))).toBe(false);
  });

  test.each([
    ['equal', 'abc', 'abc', true],
    ['different', 'abc', 'abd', false],
    ['different lengths', 'abc', 'abcd', false],
    ['empty', '', '', true],
  ])('hashesEqual: %s', (_label, a, b, equal) => {
    expect(hashesEqual(a, b)).toBe(equal);
  });
});

describe('isLinkTokenFormat', () => {
  test.each([
    ['A'.repeat(22), true], ['A'.repeat(24), true], ['A'.repeat(21), false], ['A'.repeat(25), false],
    [`${'A'.repeat(21)}=`, false], [`${'A'.repeat(21)}/`, false], [`${'A'.repeat(21)}+`, false], ['undefined', false],
  ])('%j → %s', (token, ok) => {
    expect(isLinkTokenFormat(token)).toBe(ok);
  });
});

describe('sendLinkToken (a send\'s own token)', () => {
  const secret = 'test-link-token-secret-0123456789abcdef';
  test('the same secret and send key always give the same well-formed 128-bit token', () => {
    const token = sendLinkToken(secret, 'A-1|1|confirmation|sms');
    expect(token).toBe(sendLinkToken(secret, 'A-1|1|confirmation|sms'));
    expect(isLinkTokenFormat(token)).toBe(true);
    expect(Buffer.from(token, 'base64url')).toHaveLength(16);
  });

  test('another send key or another secret gives another token', () => {
    const token = sendLinkToken(secret, 'A-1|1|confirmation|sms');
    expect(sendLinkToken(secret, 'A-1|2|confirmation|sms')).not.toBe(token);
    expect(sendLinkToken(secret, 'A-1|1|confirmation|email')).not.toBe(token);
    expect(sendLinkToken(`${secret}x`, 'A-1|1|confirmation|sms')).not.toBe(token);
  });
});
