import type { IncomingMessage, ServerResponse } from 'node:http';
import { listOnlineMeetings, type LocalOnlineMeeting } from '../../src/adapters/devhost-hooks';
import { sendJson } from '../functions-host/http-bridge';
import { esc } from './outbox-conversations';

/**
 * GET /dev/outbox/teams: the Teams meetings the local stand-in holds (`online.createTeamsMeeting`
 * without Graph settings): meeting ID, local join URL, subject, times, `active` or `deleted`.
 */
export async function teamsRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { message: 'Use GET.' }, { allow: 'GET' });
  return sendJson(res, 200, await listOnlineMeetings(process.env.AzureWebJobsStorage ?? ''), { 'cache-control': 'no-store' });
}

/** The outbox page's section on local Teams meetings. */
export function teamsSection(meetings: readonly LocalOnlineMeeting[]): string {
  const rows = meetings.map((m) => `<li>meeting ${esc(m.meetingId)} · ${esc(m.status)} · ${esc(m.start)}–${esc(m.end)} · <a href="${esc(m.joinUrl)}">${esc(m.joinUrl)}</a></li>`).join('');
  return `<h2>Teams meetings (local stand-in, JSON at /dev/outbox/teams)</h2>${rows ? `<ul>${rows}</ul>` : '<p>None yet.</p>'}`;
}
