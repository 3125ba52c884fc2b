/**
 * Rendering and planning throughput, measured in one run: a confirmation email and an SMS rendered
 * with pre-compiled (cached, parsed) Liquid templates, beside a hand-written string-building baseline
 * producing the same kind of output from the same merge context; and plans computed per second.
 * Bounded: about 2.5 s in all.
 */
import { defaultTemplate } from '../src/adapters/templates/default-templates';
import {
  DEFAULT_SETTINGS, SAMPLE_MEETINGS, SAMPLE_ORGANISATION, buildMergeContext, compileEmailTemplate, compileSmsTemplate,
  planCommunications, renderEmail, renderSms, type MergeContext, type MeetingRecord, type Settings,
} from '../src/domain';

const BUDGET_MS = 350;

let sink = 0;
/** Reads a character of every string produced, so V8 must really build (flatten) it. */
function consume(value: unknown): void {
  const texts = typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value) : [];
  for (const text of texts) if (typeof text === 'string') sink ^= text.charCodeAt(text.length >> 1);
}

/** Calls `fn` in batches until the budget is spent; returns calls per second. */
function measure(fn: () => unknown, budgetMs = BUDGET_MS): number {
  for (let i = 0; i < 200; i += 1) consume(fn()); // warm-up
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let i = 0; i < 100; i += 1) consume(fn());
    calls += 100;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}

const escapeHtml = (value: string | null): string =>
  (value ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

/** The baseline: what the confirmation email looks like written with template literals. */
function handWrittenEmail(c: MergeContext): { subject: string; html: string; text: string } {
  const where = [c.locationName, c.locationAddress].filter(Boolean).join(', ');
  const html = `<!DOCTYPE html><html lang="en"><body><p>Hello ${escapeHtml(c.contactFirstName)},</p>
<p>Your appointment with ${escapeHtml(c.organisationName)} is confirmed.</p><h1>${escapeHtml(c.subject)}</h1>
<p><strong>When:</strong> ${escapeHtml(c.startDate)}, ${escapeHtml(c.startTime)}&ndash;${escapeHtml(c.endTime)} ${escapeHtml(c.timeZoneAbbr)}</p>
${where ? `<p><strong>Where:</strong> ${escapeHtml(where)}</p>` : ''}${c.joinUrl ? `<p><a href="${escapeHtml(c.joinUrl)}">Join the meeting</a></p>` : ''}
<p><strong>With:</strong> ${escapeHtml(c.advisorName)}</p>${c.adminInstructions ? `<p>${escapeHtml(c.adminInstructions)}</p>` : ''}
${c.customerNotes ? `<p>${escapeHtml(c.customerNotes)}</p>` : ''}${c.cancelLink ? `<p><a href="${escapeHtml(c.cancelLink)}">Cancel this appointment</a></p>` : ''}
<p>${escapeHtml(c.organisationName)}</p></body></html>`;
  const text = [
    `Hello ${c.contactFirstName},`, '', `Your appointment with ${c.organisationName} is confirmed.`, '', c.subject,
    `When: ${c.startDate}, ${c.startTime}-${c.endTime} ${c.timeZoneAbbr} (${c.timeZoneName}, ${c.durationText})`,
    ...(where ? [`Where: ${where}`] : []), `With: ${c.advisorName}`,
    ...(c.adminInstructions ? ['', 'Please note:', c.adminInstructions] : []), ...(c.customerNotes ? ['', 'Your notes:', c.customerNotes] : []),
    ...(c.cancelLink ? ['', `Can't make it? Cancel this appointment: ${c.cancelLink}`] : []), '', c.organisationName,
  ].join('\n');
  return { subject: `Confirmed: ${c.subject} on ${c.startDateShort} at ${c.startTime} ${c.timeZoneAbbr}`, html, text };
}

/** The baseline SMS. */
function handWrittenSms(c: MergeContext): string {
  const place = c.locationName ? `, ${c.locationName}` : c.isOnline ? ', online' : '';
  return `Hi ${c.contactFirstName}, appointment confirmed: ${c.startDateShort}, ${c.startTime} ${c.timeZoneAbbr}${place}. Reply NO to cancel.${c.cancelLink ? ` ${c.cancelLink}` : ''}`;
}

const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;

/** Runs the benchmark and prints messages/s, the ratio to the baseline, and plans/s. */
export async function run(): Promise<void> {
  const sources = defaultTemplate('confirmation', 'en-US');
  const email = compileEmailTemplate(sources.email);
  const sms = compileSmsTemplate(sources.sms);
  if (!email.ok || !sms.ok) throw new Error('default confirmation templates do not compile');
  const meeting = SAMPLE_MEETINGS['en-US'];
  const context = buildMergeContext({
    meeting, locale: 'en-US', zone: meeting.contact.timeZone, organisationName: SAMPLE_ORGANISATION,
    cancelLink: 'https://comms.contoso.com/api/links/q1w2e3r4t5y6u7i8o9p0aZ',
  });

  const rows: [string, number, number][] = [
    ['confirmation email', measure(() => { const r = renderEmail(email.value, context); return r.ok ? r.value : undefined; }), measure(() => handWrittenEmail(context))],
    ['confirmation SMS', measure(() => { const r = renderSms(sms.value, context); return r.ok ? r.value.text : undefined; }), measure(() => handWrittenSms(context))],
  ];
  for (const [label, liquid, baseline] of rows) {
    console.log(`${label}: Liquid (pre-compiled) ${perSecond(liquid)}, hand-written ${perSecond(baseline)}, ratio ${(baseline / liquid).toFixed(1)}× (baseline / Liquid)`);
  }

  const record: MeetingRecord = { ...meeting, status: 'scheduled', version: 1, versionAt: '2026-11-01T00:00:00.000Z', cancellation: null };
  const settings: Settings = { ...DEFAULT_SETTINGS, enabled: true, reminder: { ...DEFAULT_SETTINGS.reminder, email: true, sms: true, sendAtLocalTime: '09:00' } };
  const now = new Date('2026-11-20T12:00:00.000Z');
  const ledger = ['SAMPLE-1|1|confirmation|email'];
  const contexts = measure(() => buildMergeContext({ meeting, locale: 'en-US', zone: 'America/New_York', cancelLink: null, organisationName: 'x' }));
  console.log(`merge contexts built: ${perSecond(contexts)}`);
  console.log(`plans computed: ${perSecond(measure(() => planCommunications({ meeting: record, settings, ledger, now, optedOut: new Set() })))}`);
  if (sink === -1) console.log(''); // keeps the results observable
}

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
