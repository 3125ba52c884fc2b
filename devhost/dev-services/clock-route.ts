import type { IncomingMessage, ServerResponse } from 'node:http';
import { Duration } from 'luxon';
import type { VirtualClock } from '../functions-host/clock';
import { sendJson } from '../functions-host/http-bridge';
import type { ClockController } from './clock-controller';

/** GET /dev/clock: the virtual now; POST {"advance":"P2DT3H"}: moves it forward, firing what falls due. */
export async function clockRoute(controller: ClockController, clock: VirtualClock, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  if (req.method === 'GET') return sendJson(res, 200, { now: clock.now().toISOString(), offsetMs: clock.offset });
  if (req.method !== 'POST') return sendJson(res, 405, { message: 'Use GET or POST.' }, { allow: 'GET, POST' });
  const problem = (detail: string): void => sendJson(res, 400, { type: 'about:blank', title: 'Invalid clock request', status: 400, detail, errors: [{ path: 'advance', message: detail }] }, { 'content-type': 'application/problem+json' });
  let parsed: { advance?: unknown };
  try {
    parsed = JSON.parse(body.toString('utf8') || '{}') as { advance?: unknown };
  } catch {
    return problem('The body is not valid JSON.');
  }
  if (typeof parsed.advance !== 'string') return problem('"advance" must be an ISO 8601 duration such as "P2DT3H".');
  const duration = Duration.fromISO(parsed.advance);
  if (!duration.isValid || duration.toMillis() < 0) return problem(`"${parsed.advance}" is not a positive ISO 8601 duration such as "P2DT3H".`);
  sendJson(res, 200, await controller.advance(duration.toMillis()));
}
