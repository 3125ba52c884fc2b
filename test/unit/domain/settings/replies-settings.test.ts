import { DEFAULT_SETTINGS, MAX_KEYWORDS_PER_INTENT, parseSettings, patchSettings, type Settings } from '../../../../src/domain';

/** A settings document as a client written before `replies` existed sends it. */
const { replies: _replies, ...LEGACY } = structuredClone(DEFAULT_SETTINGS) as Settings;
const DEFAULT_REPLIES = { enabled: false, timeoutHours: 24, acknowledge: true, keywords: { confirm: [], cancel: [], reschedule: [] } };

const withReplies = (replies: unknown) => ({ ...LEGACY, replies });
const withKeywords = (keywords: unknown) => withReplies({ keywords });

function errorsOf(document: unknown) {
  const result = parseSettings(document);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
}

describe('settings.replies (PUT)', () => {
  test('a PUT without replies keeps the defaults, and the document then shows them', () => {
    expect(parseSettings(LEGACY)).toEqual({ ok: true, value: { ...LEGACY, replies: DEFAULT_REPLIES } });
  });

  test('a missing key inside replies keeps its default', () => {
    const parsed = parseSettings(withReplies({ enabled: true, keywords: { cancel: ['nope'] } }));
    expect(parsed.ok && parsed.value.replies).toEqual({ ...DEFAULT_REPLIES, enabled: true, keywords: { confirm: [], cancel: ['NOPE'], reschedule: [] } });
  });

  test('keywords are stored normalised the way replies are compared', () => {
    const parsed = parseSettings(withKeywords({ confirm: [' Vale! ', 'claro'], reschedule: ['Cámbiala'] }));
    expect(parsed.ok && parsed.value.replies.keywords).toEqual({ confirm: ['VALE', 'CLARO'], cancel: [], reschedule: ['CAMBIALA'] });
  });

  test('a word already built in for the same intent is accepted (it changes nothing)', () => {
    expect(parseSettings(withKeywords({ confirm: ['yes'] })).ok).toBe(true);
  });

  test.each([
    ['timeoutHours 0', withReplies({ timeoutHours: 0 }), 'replies.timeoutHours', /at least 1/],
    ['timeoutHours 25', withReplies({ timeoutHours: 25 }), 'replies.timeoutHours', /at most 24/],
    ['timeoutHours 1.5', withReplies({ timeoutHours: 1.5 }), 'replies.timeoutHours', /whole number/],
    ['timeoutHours "4"', withReplies({ timeoutHours: '4' }), 'replies.timeoutHours', /number/],
    ['enabled "yes"', withReplies({ enabled: 'yes' }), 'replies.enabled', /boolean/],
    ['acknowledge null', withReplies({ acknowledge: null }), 'replies.acknowledge', /boolean/],
    ['an unknown key in replies', withReplies({ timeout: 4 }), 'replies.timeout', /not a known field/],
    ['an unknown intent', withKeywords({ maybe: ['PERHAPS'] }), 'replies.keywords.maybe', /not a known field/],
    ['keywords not a list', withKeywords({ cancel: 'NOPE' }), 'replies.keywords.cancel', /array/],
    ['an empty word', withKeywords({ cancel: [''] }), 'replies.keywords.cancel[0]', /1 to 30/],
    ['punctuation only', withKeywords({ cancel: ['!!'] }), 'replies.keywords.cancel[0]', /1 to 30/],
    ['a 31-character word', withKeywords({ confirm: ['A'.repeat(31)] }), 'replies.keywords.confirm[0]', /1 to 30/],
    ['two words', withKeywords({ confirm: ['see you'] }), 'replies.keywords.confirm[0]', /single word/],
    ['a number', withKeywords({ confirm: ['1'] }), 'replies.keywords.confirm[0]', /number/],
    ['too many words', withKeywords({ confirm: Array.from({ length: MAX_KEYWORDS_PER_INTENT + 1 }, (_, i) => `OK${'X'.repeat(i)}`) }), 'replies.keywords.confirm', /at most 20/],
    ['STOP', withKeywords({ cancel: ['stop'] }), 'replies.keywords.cancel[0]', /carrier keyword/],
    ['CANCEL (an opt-out word)', withKeywords({ cancel: ['Cancel'] }), 'replies.keywords.cancel[0]', /carrier keyword/],
    ['UNSUBSCRIBE', withKeywords({ cancel: ['NOPE', 'unsubscribe'] }), 'replies.keywords.cancel[1]', /carrier keyword/],
    ['START', withKeywords({ confirm: ['start'] }), 'replies.keywords.confirm[0]', /carrier keyword/],
    ['UNSTOP', withKeywords({ confirm: ['unstop'] }), 'replies.keywords.confirm[0]', /carrier keyword/],
    ['HELP', withKeywords({ reschedule: ['help'] }), 'replies.keywords.reschedule[0]', /carrier keyword/],
    ['INFO', withKeywords({ reschedule: ['info'] }), 'replies.keywords.reschedule[0]', /carrier keyword/],
    ['AYUDA (Spanish help)', withKeywords({ reschedule: ['ayuda'] }), 'replies.keywords.reschedule[0]', /carrier keyword/],
    ['a word in two intents', withKeywords({ confirm: ['VALE'], cancel: ['vale'] }), 'replies.keywords.cancel[0]', /already means confirm/],
    ['a built-in word of another intent', withKeywords({ cancel: ['yes'] }), 'replies.keywords.cancel[0]', /already means confirm/],
    ['a built-in Spanish word of another intent', withKeywords({ confirm: ['reprogramar'] }), 'replies.keywords.confirm[0]', /already means reschedule/],
    ['SÍ as cancel (accents do not hide it)', withKeywords({ cancel: ['sí'] }), 'replies.keywords.cancel[0]', /already means confirm/],
  ])('rejects %s, naming %s', (_label, document, path, message) => {
    expect(errorsOf(document)).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});

describe('settings.replies (PATCH)', () => {
  const current = parseSettings(withReplies({ enabled: true, timeoutHours: 12, keywords: { confirm: ['VALE'] } }));
  if (!current.ok) throw new Error('fixture must parse');

  test('one key changes, its siblings stay', () => {
    const patched = patchSettings(current.value, { replies: { timeoutHours: 4 } });
    expect(patched.ok && patched.value.replies).toEqual({ ...DEFAULT_REPLIES, enabled: true, timeoutHours: 4, keywords: { confirm: ['VALE'], cancel: [], reschedule: [] } });
  });

  test('a keyword list is replaced whole (RFC 7396 arrays)', () => {
    const patched = patchSettings(current.value, { replies: { keywords: { confirm: ['claro'] } } });
    expect(patched.ok && patched.value.replies.keywords.confirm).toEqual(['CLARO']);
  });

  test('an invalid value is refused, naming it', () => {
    const patched = patchSettings(current.value, { replies: { keywords: { cancel: ['vale'] } } });
    expect(!patched.ok && patched.errors).toContainEqual({ path: 'replies.keywords.cancel[0]', message: expect.stringMatching(/already means confirm/) });
  });

  test('null removes the block: it is back to its defaults', () => {
    const patched = patchSettings(current.value, { replies: null });
    expect(patched.ok && patched.value.replies).toEqual(DEFAULT_REPLIES);
  });
});
