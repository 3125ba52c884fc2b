import { canonicalTimeZone, isValidTimeZone, resolveLocale } from '../../../src/domain';

describe('resolveLocale', () => {
  test.each([
    ['en-US', 'es-ES', 'en-US'],
    ['es-ES', 'en-US', 'es-ES'],
    ['ES-es', 'en-US', 'es-ES'],
    ['es', 'en-US', 'es-ES'],
    ['es-MX', 'en-US', 'es-ES'],
    ['es_419', 'en-US', 'es-ES'],
    ['en', 'es-ES', 'en-US'],
    ['en-GB', 'es-ES', 'en-US'],
    ['fr-FR', 'es-ES', 'es-ES'],
    ['', 'es-ES', 'es-ES'],
    [null, 'es-ES', 'es-ES'],
    [undefined, 'en-US', 'en-US'],
  ] as const)('%j with default %s → %s', (requested, fallback, expected) => {
    expect(resolveLocale(requested, fallback)).toBe(expected);
  });
});

describe('time zones', () => {
  test.each([
    ['Europe/Madrid', true], ['europe/madrid', true], ['Asia/Kolkata', true], ['Asia/Calcutta', true], ['Pacific/Chatham', true], ['UTC', true],
    ['Mars/Olympus', false], ['+01:00', false], ['', false], ['GMT+1', false],
  ])('isValidTimeZone(%j) → %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  test.each([
    ['europe/madrid', 'Europe/Madrid'], ['AMERICA/NEW_YORK', 'America/New_York'], ['Asia/Kolkata', 'Asia/Kolkata'], ['Asia/Calcutta', 'Asia/Calcutta'],
  ])('canonicalTimeZone(%j) → %s', (zone, expected) => {
    expect(canonicalTimeZone(zone)).toBe(expected);
  });
});
