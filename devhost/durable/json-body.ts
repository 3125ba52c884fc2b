import type { IncomingMessage } from 'node:http';

/** Whether a body parses as JSON; empty means "no input" and is accepted. */
export function isJsonOrEmpty(body: string): boolean {
  if (body.trim() === '') return true;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

const isJsonContentType = (req: IncomingMessage): boolean => /^application\/([\w.+-]*\+)?json\b/i.test(req.headers['content-type'] ?? '');

/** As the extension wants event data and operation input: empty, or JSON sent as application/json. */
export const isJsonBody = (req: IncomingMessage, body: string): boolean => body.trim() === '' || (isJsonContentType(req) && isJsonOrEmpty(body));
