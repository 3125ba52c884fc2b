import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionsCore } from './functions-core';
import { sendJson } from './http-bridge';
import { invokeFunction, toError } from './invoke';
import type { Logger } from './logger';

/**
 * The host's Event Grid webhook (`/runtime/webhooks/EventGrid?functionName=X`): answers the
 * subscription-validation handshake and runs the eventGridTrigger function once per event.
 */
export async function handleEventGrid(core: FunctionsCore, log: Logger, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
  const name = url.searchParams.get('functionName') ?? '';
  const reg = core.registrations.get(name);
  if (!reg || reg.trigger.type !== 'eventGridTrigger') return sendJson(res, 404, { message: `No eventGridTrigger function named '${name}'.` });
  if (req.method !== 'POST') return sendJson(res, 405, { message: 'Use POST.' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return sendJson(res, 400, { message: 'The body is not valid JSON.' });
  }
  const events = (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>;
  const kind = String(req.headers['aeg-event-type'] ?? '');
  const validation = events.find((e) => e.eventType === 'Microsoft.EventGrid.SubscriptionValidationEvent');
  if (kind === 'SubscriptionValidation' || validation) {
    const code = (validation?.data as { validationCode?: string } | undefined)?.validationCode;
    if (!code) return sendJson(res, 400, { message: 'Missing validationCode.' });
    return sendJson(res, 200, { validationResponse: code });
  }
  let failed = 0;
  for (const event of events) {
    try {
      await invokeFunction(core, reg, { triggerData: { json: JSON.stringify(event) } }, log);
    } catch (err) {
      failed++;
      log.error(`event grid function ${name} failed for event ${String(event.id)}: ${toError(err).message}`);
    }
  }
  // A failure makes Event Grid deliver again later (at least once), as with the real host.
  if (failed > 0) return sendJson(res, 500, { message: `${failed} of ${events.length} event(s) failed.` });
  res.writeHead(200).end();
}
