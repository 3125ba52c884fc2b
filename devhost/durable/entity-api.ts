import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../functions-host/http-bridge';
import type { DurableApi } from './http-api';

/** Entity routes: filled in below. */
export async function handleEntityApi(_api: DurableApi, _req: IncomingMessage, res: ServerResponse, _url: URL, _parts: string[], _body: string): Promise<void> {
  sendJson(res, 501, { message: 'Entities are not implemented yet.' });
}
