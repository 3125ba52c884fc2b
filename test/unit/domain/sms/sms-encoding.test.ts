import { isGsm7, smsEncodingInfo } from '../../../../src/domain';

const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

describe('smsEncodingInfo', () => {
  test.each([
    ['empty', '', 'GSM-7', 0, 0],
    ['plain ASCII', 'Hello', 'GSM-7', 1, 5],
    ['160 GSM-7', 'a'.repeat(160), 'GSM-7', 1, 160],
    ['161 GSM-7 → 2 parts of 153', 'a'.repeat(161), 'GSM-7', 2, 161],
    ['306 GSM-7 = 2 × 153', 'a'.repeat(306), 'GSM-7', 2, 306],
    ['307 GSM-7', 'a'.repeat(307), 'GSM-7', 3, 307],
    ['extension chars count double', '{}[]~^|\\€', 'GSM-7', 1, 18],
    ['form feed is an extension char', 'a\fb', 'GSM-7', 1, 4],
    ['80 euro signs = 160 septets', '€'.repeat(80), 'GSM-7', 1, 160],
    ['81 euro signs = 162 septets: an escape pair never splits', '€'.repeat(81), 'GSM-7', 2, 162],
    ['306 septets but € would straddle part 1 → 3 parts', `${'a'.repeat(152)}€${'a'.repeat(152)}`, 'GSM-7', 3, 306],
    ['306 septets with € inside a part → 2 parts', `€${'a'.repeat(304)}`, 'GSM-7', 2, 306],
    ['accented Spanish in GSM-7 (é ñ ü à)', 'Señor Müller, café à', 'GSM-7', 1, 20],
    ['á is not GSM-7', 'sábado', 'UCS-2', 1, 6],
    ['ç lower-case is not GSM-7 (only Ç)', 'ça', 'UCS-2', 1, 2],
    ['smart quote', 'It’s', 'UCS-2', 1, 4],
    ['70 UCS-2', 'á'.repeat(70), 'UCS-2', 1, 70],
    ['71 UCS-2 → 2 parts of 67', 'á'.repeat(71), 'UCS-2', 2, 71],
    ['134 UCS-2 = 2 × 67', 'á'.repeat(134), 'UCS-2', 2, 134],
    ['135 UCS-2', 'á'.repeat(135), 'UCS-2', 3, 135],
    ['emoji is a surrogate pair: 2 units', '😀', 'UCS-2', 1, 2],
    ['35 emoji = 70 units', '😀'.repeat(35), 'UCS-2', 1, 70],
    ['134 units but the emoji would straddle part 1 → 3 parts', `${'á'.repeat(66)}😀${'á'.repeat(66)}`, 'UCS-2', 3, 134],
    ['134 units with the emoji inside a part → 2 parts', `😀${'á'.repeat(132)}`, 'UCS-2', 2, 134],
    ['extension chars in UCS-2 count once', `á{`, 'UCS-2', 1, 2],
  ])('%s', (_label, text, encoding, segments, characters) => {
    expect(smsEncodingInfo(text)).toEqual({ encoding, segments, characters });
  });
});

describe('isGsm7', () => {
  test('the whole basic table is GSM-7 (127 characters, escape excluded)', () => {
    expect([...GSM_BASIC]).toHaveLength(127);
    expect(isGsm7(GSM_BASIC)).toBe(true);
  });

  test.each(['\u001b', '\t', 'á', 'í', 'ó', 'ú', '\u00a0', '\u202f', '`', 'ê'])('%j is not GSM-7', (char) => {
    expect(isGsm7(char)).toBe(false);
  });
});
