import { checkCancelUrlTemplate } from '../../../src/domain';

// Issue [2/9]: the portal URL template is copied verbatim into every SMS and email (an href too).
describe('portal.cancelUrlTemplate', () => {
  test.each([
    ['trailing CRLF and text', 'https://portal.example.com/cancel/{meetingId}\r\nClick here: https://evil.example'],
    ['a space and text', 'https://portal.example.com/cancel/{meetingId} now'],
    ['credentials', 'https://user:pass@portal.example.com/cancel/{meetingId}'],
    ['a user name only', 'https://user@portal.example.com/cancel/{meetingId}'],
    ['{token} in the host', 'https://{token}.portal.example.com/cancel/{meetingId}'],
    ['{meetingId} in the host', 'https://{meetingId}.portal.example.com/cancel'],
    ['backslashes', 'https://portal.example.com\\@evil.example/{meetingId}'],
    ['double braces', 'https://portal.example.com/cancel/{{meetingId}}'],
    ['a stray brace', 'https://portal.example.com/cancel/{meetingId}}'],
    ['a quote that would end the href', 'https://portal.example.com/cancel/{meetingId}"onmouseover="x'],
    ['non-ASCII', 'https://portal.example.com/cancelación/{meetingId}'],
    ['http', 'http://portal.example.com/cancel/{meetingId}'],
    ['javascript:', 'javascript:alert(1)//{meetingId}'],
  ])('%s is refused', (_name, template) => {
    expect(checkCancelUrlTemplate(template)).toEqual(expect.any(String));
  });

  test.each([
    'https://portal.example.com/cancel/{meetingId}',
    'https://portal.example.com/cancel?m={meetingId}&t={token}',
    'https://portal.example.com/app#/meetings/{meetingId}/cancel/{token}',
    'https://portal.example.com:8443/a%20b/{meetingId}',
  ])('%s is accepted', (template) => {
    expect(checkCancelUrlTemplate(template)).toBeUndefined();
  });
});
