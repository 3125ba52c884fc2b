import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { problem } from './problem';

/** Request bodies above this size are refused before parsing (a meeting is a few KB). */
export const MAX_JSON_BYTES = 64 * 1024;

/** Reads a JSON body: a value, or the problem response to return (413 too large, 415, 400 malformed). */
export async function readJson(req: HttpRequest, maxBytes = MAX_JSON_BYTES): Promise<{ ok: true; value: unknown } | { ok: false; response: HttpResponseInit }> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return { ok: false, response: problem(413, 'Body too large', `The body is larger than ${maxBytes} bytes.`) };
  const type = req.headers.get('content-type') ?? 'application/json';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) return { ok: false, response: problem(415, 'Unsupported media type', 'Send the body as application/json.') };
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) return { ok: false, response: problem(413, 'Body too large', `The body is larger than ${maxBytes} bytes.`) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, response: problem(400, 'Malformed JSON', `The body is not valid JSON: ${(err as Error).message}`, [{ path: '', message: 'is not valid JSON' }]) };
  }
}
