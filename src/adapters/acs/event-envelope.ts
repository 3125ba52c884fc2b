import { z } from 'zod';
import { ok, type Result } from '../../domain/result';
import type { InboundRequest } from '../../ports/inbound';
import { failAt, isRecord, nonEmpty, parseFields, timestamp, type BodyPath } from './event-fields';

/** One event's envelope, the same for both schemas Event Grid can deliver. */
export interface Envelope {
  readonly id: string;
  readonly type: string;
  /** The envelope's time (`eventTime` / `time`), UTC ISO; CloudEvents may leave it out. */
  readonly time?: string;
  readonly data: unknown;
  /** Where the event sits in the body (`[2]`, or `[]` for a single CloudEvent): error paths start here. */
  readonly path: BodyPath;
}

// Only the attributes we use are validated; `topic`, `subject`, `dataVersion`… may vary and are dropped.
const eventGridSchema = z.object({ id: nonEmpty, eventType: nonEmpty, eventTime: timestamp, data: z.unknown() });
const cloudEventSchema = z.object({
  id: nonEmpty,
  type: nonEmpty,
  source: nonEmpty,
  specversion: z.literal('1.0'),
  time: timestamp.optional(),
  data: z.unknown(),
});

type Schema = 'eventGrid' | 'cloudEvent' | 'byShape';

const MEDIA_TYPES: Readonly<Record<string, { readonly schema: Schema; readonly batch: boolean }>> = {
  'application/json': { schema: 'byShape', batch: true },
  'application/cloudevents+json': { schema: 'cloudEvent', batch: false },
  'application/cloudevents-batch+json': { schema: 'cloudEvent', batch: true },
};

/**
 * Reads the envelopes of a webhook body: the Event Grid schema (always an array, `application/json`) or
 * CloudEvents 1.0 (one event as `application/cloudevents+json`, an array as `…-batch+json`). Under
 * `application/json` (or no content type) each element is read by its shape, because a subscription's
 * schema is chosen in Azure, not by us. A body that is not a list of events fails as a whole; otherwise
 * each element has its own result, so the caller can report every malformed event, not just the first.
 */
export function readEnvelopes(request: InboundRequest): Result<Result<Envelope>[]> {
  const mediaType = (request.contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  const expected = MEDIA_TYPES[mediaType];
  if (!expected) return failAt([], 'must be sent as application/json, application/cloudevents+json or application/cloudevents-batch+json');
  const { body } = request;
  if (!expected.batch) return isRecord(body) ? readAll([body], expected.schema, false) : failAt([], 'must be one CloudEvent (a JSON object)');
  if (!Array.isArray(body)) return failAt([], 'must be a JSON array of events');
  return readAll(body, expected.schema, true);
}

function readAll(events: readonly unknown[], schema: Schema, batch: boolean): Result<Result<Envelope>[]> {
  return ok(events.map((event, index) => readOne(event, schema, batch ? [index] : [])));
}

function readOne(event: unknown, schema: Schema, path: BodyPath): Result<Envelope> {
  if (!isRecord(event)) return failAt(path, 'must be an event object');
  const isCloudEvent = schema === 'cloudEvent' || (schema === 'byShape' && looksLikeCloudEvent(event));
  if (isCloudEvent) {
    const read = parseFields(cloudEventSchema, event, path);
    return read.ok ? ok({ id: read.value.id, type: read.value.type, time: read.value.time, data: read.value.data, path }) : read;
  }
  const read = parseFields(eventGridSchema, event, path);
  return read.ok ? ok({ id: read.value.id, type: read.value.eventType, time: read.value.eventTime, data: read.value.data, path }) : read;
}

/** A CloudEvent has `specversion` and no `eventType`; anything else is read as Event Grid (and its errors say so). */
function looksLikeCloudEvent(event: Record<string, unknown>): boolean {
  const keys = Object.keys(event).map((key) => key.toLowerCase());
  return keys.includes('specversion') && !keys.includes('eventtype');
}
