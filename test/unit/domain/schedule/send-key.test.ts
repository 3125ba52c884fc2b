import { parseSendKey, sendKey } from '../../../../src/domain';

describe('sendKey', () => {
  test.each([
    [{ meetingId: 'A-1001', version: 1, type: 'confirmation', channel: 'email' }, 'A-1001|1|confirmation|email'],
    [{ meetingId: 'm.x_y-z', version: 12, type: 'reminder', channel: 'sms' }, 'm.x_y-z|12|reminder|sms'],
  ] as const)('%j → %s and back', (parts, key) => {
    expect(sendKey(parts)).toBe(key);
    expect(parseSendKey(key)).toEqual(parts);
  });

  test.each([
    'A-1001|1|confirmation', 'A-1001|1|confirmation|email|x', 'A-1001|0|reminder|sms', 'A-1001|x|reminder|sms',
    'A-1001|1|reminder|fax', 'A-1001|1|thanks|sms', 'A 1001|1|reminder|sms', '',
  ])('%j is not a send key', (key) => {
    expect(parseSendKey(key)).toBeUndefined();
  });
});
