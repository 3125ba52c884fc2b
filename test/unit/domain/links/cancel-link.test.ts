import { buildCancelLink, type CancelLinkInput } from '../../../../src/domain';

const TOKEN = 'q1w2e3r4t5y6u7i8o9p0aZ';
const input = (overrides: Partial<CancelLinkInput> = {}): CancelLinkInput =>
  ({ publicBaseUrl: 'https://comms.contoso.com', token: TOKEN, meetingId: 'A-1001', cancelUrlTemplate: null, ...overrides });

describe('buildCancelLink: built-in pages', () => {
  test.each([
    ['plain base', 'https://comms.contoso.com', `https://comms.contoso.com/api/links/${TOKEN}`],
    ['trailing slash', 'https://comms.contoso.com/', `https://comms.contoso.com/api/links/${TOKEN}`],
    ['base path kept', 'https://contoso.com/meetings', `https://contoso.com/meetings/api/links/${TOKEN}`],
    ['local http with port', 'http://localhost:7071', `http://localhost:7071/api/links/${TOKEN}`],
  ])('%s', (_label, publicBaseUrl, expected) => {
    expect(buildCancelLink(input({ publicBaseUrl }))).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['ftp', 'ftp://comms.contoso.com', 'publicBaseUrl', /http/],
    ['relative', '/api', 'publicBaseUrl', /absolute/],
    ['with a query', 'https://comms.contoso.com/?x=1', 'publicBaseUrl', /query/],
    ['with an empty query', 'https://comms.contoso.com/?', 'publicBaseUrl', /query/],
    ['with a fragment', 'https://comms.contoso.com/#top', 'publicBaseUrl', /fragment/],
    ['with credentials', 'https://u:p@comms.contoso.com', 'publicBaseUrl', /credentials/],
    ['empty', '', 'publicBaseUrl', /absolute/],
  ])('base URL %s → error', (_label, publicBaseUrl, path, message) => {
    const result = buildCancelLink(input({ publicBaseUrl }));
    expect(result).toEqual({ ok: false, errors: [{ path, message: expect.stringMatching(message) }] });
  });

  test.each([
    ['undefined', undefined], ['null', null], ['empty', ''], ['too short', 'abc'], ['with a slash', `${TOKEN.slice(1)}/`],
  ])('a %s token is an error, never "undefined" in a link', (_label, token) => {
    const result = buildCancelLink(input({ token }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['token']);
  });

  test('a missing meeting ID is an error', () => {
    const result = buildCancelLink(input({ meetingId: '' }));
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['meetingId']);
  });
});

describe('buildCancelLink: portal template', () => {
  test.each([
    ['meetingId and token', 'https://portal.contoso.com/m/{meetingId}/cancel?t={token}', 'A-1001', `https://portal.contoso.com/m/A-1001/cancel?t=${TOKEN}`],
    ['meetingId only (token not needed)', 'https://portal.contoso.com/cancel?id={meetingId}', 'A-1001', 'https://portal.contoso.com/cancel?id=A-1001'],
    ['repeated placeholder', 'https://p.contoso.com/{meetingId}?again={meetingId}', 'A.1', 'https://p.contoso.com/A.1?again=A.1'],
  ])('%s', (_label, cancelUrlTemplate, meetingId, expected) => {
    expect(buildCancelLink(input({ cancelUrlTemplate, meetingId }))).toEqual({ ok: true, value: expected });
  });

  test('values are URL-encoded', () => {
    const result = buildCancelLink(input({ cancelUrlTemplate: 'https://p.contoso.com/?id={meetingId}', meetingId: 'a&b=c d' }));
    expect(result).toEqual({ ok: true, value: 'https://p.contoso.com/?id=a%26b%3Dc%20d' });
  });

  test('without {token} the token may be absent', () => {
    const result = buildCancelLink(input({ cancelUrlTemplate: 'https://p.contoso.com/{meetingId}', token: undefined }));
    expect(result).toEqual({ ok: true, value: 'https://p.contoso.com/A-1001' });
  });

  test('with {token} the token is required', () => {
    const result = buildCancelLink(input({ cancelUrlTemplate: 'https://p.contoso.com/{meetingId}/{token}', token: undefined }));
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['token']);
  });

  test.each([
    ['http', 'http://p.contoso.com/{meetingId}', /https/],
    ['no {meetingId}', 'https://p.contoso.com/cancel', /\{meetingId\}/],
    ['unknown placeholder', 'https://p.contoso.com/{meetingId}/{user}', /\{user\}/],
  ])('template %s → error naming cancelUrlTemplate', (_label, cancelUrlTemplate, message) => {
    const result = buildCancelLink(input({ cancelUrlTemplate }));
    expect(result).toEqual({ ok: false, errors: [{ path: 'cancelUrlTemplate', message: expect.stringMatching(message) }] });
  });

  test('no successful link ever contains "undefined" or "null"', () => {
    const inputs = [input(), input({ cancelUrlTemplate: 'https://p.contoso.com/{meetingId}/{token}' }), input({ cancelUrlTemplate: 'https://p.contoso.com/{meetingId}', token: null })];
    for (const candidate of inputs) {
      const result = buildCancelLink(candidate);
      expect(result.ok).toBe(true);
      expect(result.ok && result.value).not.toMatch(/undefined|null/);
    }
  });
});
