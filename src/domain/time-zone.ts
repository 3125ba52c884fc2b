import { IANAZone } from 'luxon';
import { memoise } from './memoise';

// Zone checks build an Intl formatter each time; every stored meeting read validates two zones.
const validZone = memoise((zone: string) => /^[A-Za-z]/.test(zone) && IANAZone.isValidZone(zone), 1000);

/**
 * Whether `zone` is an IANA time zone name (`Europe/Madrid`, `UTC`). Fixed offsets such as `+01:00`
 * are not zones: they have no DST rules, so reminders could not follow the recipient's clock.
 */
export function isValidTimeZone(zone: string): boolean {
  return validZone(zone);
}

/**
 * The zone name with its canonical capitalisation (`europe/madrid` → `Europe/Madrid`). Aliases are
 * kept as given (`Asia/Calcutta` stays), so a stored zone reads as the caller wrote it.
 */
export function canonicalTimeZone(zone: string): string {
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
}
