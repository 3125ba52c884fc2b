import { parseAcsEvents } from '../../../src/adapters/acs/event-grid-events';
import type { FieldError } from '../../../src/domain/result';
import {
  ceSmsReceived, egEmailDeliveryReport, egSmsDeliveryReport, egSmsReceived, egSubscriptionValidation, withField,
} from './acs-samples';

const EG = 'application/json';
const CE = 'application/cloudevents+json';
const CE_BATCH = 'application/cloudevents-batch+json';

function errorsOf(body: unknown, contentType: string | undefined): readonly FieldError[] {
  const parsed = parseAcsEvents({ body, contentType });
  if (parsed.ok) throw new Error('expected a parse failure');
  return parsed.errors;
}

describe('parseAcsEvents: malformed bodies fail, naming the path as sent', () => {
  test.each<[string, string | undefined, unknown, FieldError[]]>([
    ['an object under application/json', EG, egSmsReceived(), [{ path: '', message: 'must be a JSON array of events' }]],
    ['null', EG, null, [{ path: '', message: 'must be a JSON array of events' }]],
    ['an array under cloudevents+json', CE, [ceSmsReceived()], [{ path: '', message: 'must be one CloudEvent (a JSON object)' }]],
    ['an object under cloudevents-batch+json', CE_BATCH, ceSmsReceived(), [{ path: '', message: 'must be a JSON array of events' }]],
    ['text/plain', 'text/plain', [egSmsReceived()], [{ path: '', message: 'must be sent as application/json, application/cloudevents+json or application/cloudevents-batch+json' }]],
    ['an element that is not an object', EG, [42], [{ path: '[0]', message: 'must be an event object' }]],
    ['a missing id', EG, [withField(egSmsReceived(), 'id', undefined)], [{ path: '[0].id', message: 'is required' }]],
    ['an empty id', EG, [withField(egSmsReceived(), 'id', '')], [{ path: '[0].id', message: 'must not be empty' }]],
    ['a missing eventType', EG, [withField(egSmsReceived(), 'eventType', undefined)], [{ path: '[0].eventType', message: 'is required' }]],
    ['a bad eventTime', EG, [withField(egSmsReceived(), 'eventTime', '2020-13-18T00:27:47Z')], [{ path: '[0].eventTime', message: 'must be an ISO-8601 date-time' }]],
    ['an eventTime without a zone', EG, [withField(egSmsReceived(), 'eventTime', '2020-09-18T00:27:47')], [{ path: '[0].eventTime', message: 'must be an ISO-8601 date-time' }]],
    ['SMS received without data', EG, [withField(egSmsReceived(), 'data', undefined)], [{ path: '[0].data', message: 'is required' }]],
    ['SMS received with data a string', EG, [withField(egSmsReceived(), 'data', 'x')], [{ path: '[0].data', message: 'must be an object' }]],
    ['SMS received without from', EG, [withField(egSmsReceived(), 'data.from', undefined)], [{ path: '[0].data.from', message: 'is required' }]],
    ['a From that is a number (single CloudEvent)', CE, withField(ceSmsReceived(), 'data.From', 15555555555), [{ path: 'data.From', message: 'must be a string' }]],
    ['a From that is no phone number (batch)', CE_BATCH, [withField(ceSmsReceived(), 'data.From', 'Contoso')], [{ path: '[0].data.From', message: 'must be a phone number with its country code' }]],
    ['a too-short To', EG, [withField(egSmsReceived(), 'data.to', '12345')], [{ path: '[0].data.to', message: 'must be a phone number with its country code' }]],
    ['a bad ReceivedTimestamp', CE, withField(ceSmsReceived(), 'data.ReceivedTimestamp', 'yesterday'), [{ path: 'data.ReceivedTimestamp', message: 'must be an ISO-8601 date-time' }]],
    ['a CloudEvent without source', CE, withField(ceSmsReceived(), 'source', undefined), [{ path: 'source', message: 'is required' }]],
    ['a CloudEvent of another specversion', CE, withField(ceSmsReceived(), 'specVersion', '0.3'), [{ path: 'specVersion', message: 'must be one of: "1.0"' }]],
    ['a CloudEvent with no time anywhere', CE, withField(withField(ceSmsReceived(), 'time', undefined), 'data.ReceivedTimestamp', undefined), [{ path: 'time', message: 'is required' }]],
    ['a delivery report without a status', EG, [withField(egSmsDeliveryReport(), 'data.deliveryStatus', undefined)], [{ path: '[0].data.deliveryStatus', message: 'is required' }]],
    ['a delivery report with a numeric tag', EG, [withField(egSmsDeliveryReport(), 'data.Tag', 7)], [{ path: '[0].data.Tag', message: 'must be a string' }]],
    ['an email report without messageId', EG, [withField(egEmailDeliveryReport(), 'data.messageId', undefined)], [{ path: '[0].data.messageId', message: 'is required' }]],
    ['a validation event without its code', EG, [withField(egSubscriptionValidation(), 'data.validationCode', undefined)], [{ path: '[0].data.validationCode', message: 'is required' }]],
    [
      'every bad event of a batch, and only those',
      EG,
      [egSmsReceived(), withField(egSmsReceived(), 'id', undefined), egEmailDeliveryReport(), withField(egEmailDeliveryReport(), 'data.status', 3)],
      [{ path: '[1].id', message: 'is required' }, { path: '[3].data.status', message: 'must be a string' }],
    ],
  ])('%s', (_name, contentType, body, expected) => {
    expect(errorsOf(body, contentType)).toEqual(expected);
  });

  test('a type named like an Object.prototype member is only ignored', () => {
    const body = [{ id: 'x', eventType: 'constructor', eventTime: '2021-02-19T00:25:59Z', data: {} }];
    expect(parseAcsEvents({ body, contentType: EG })).toEqual({ ok: true, value: [{ kind: 'ignored', eventId: 'x', type: 'constructor' }] });
  });

  test('an unknown type is not validated beyond its envelope', () => {
    const body = [{ id: 'x', eventType: 'Microsoft.Communication.CallStarted', eventTime: '2021-02-19T00:25:59Z', data: 'anything' }];
    expect(parseAcsEvents({ body, contentType: EG })).toEqual({ ok: true, value: [{ kind: 'ignored', eventId: 'x', type: 'Microsoft.Communication.CallStarted' }] });
  });

  test('no error quotes a number, an address or message text', () => {
    const secrets = ['14255550199', '+14255550199', 'jane@contoso.com', 'meet me at 5 on Elm St'];
    const bodies: unknown[] = [
      [withField(withField(egSmsReceived(), 'data.from', 'jane@contoso.com'), 'data.message', 42)],
      [withField(withField(egSmsReceived(), 'data.to', 'meet me at 5 on Elm St'), 'data.from', '14255550199')],
      [withField(withField(egSmsDeliveryReport(), 'data.deliveryStatus', 14255550199), 'data.to', '+14255550199')],
      [withField(withField(egEmailDeliveryReport(), 'data.recipient', 'jane@contoso.com'), 'data.status', ['jane@contoso.com'])],
      [withField(egSmsReceived(), 'eventTime', '+14255550199')],
    ];
    for (const body of bodies) {
      const text = JSON.stringify(errorsOf(body, EG));
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  test('hostile input never throws', () => {
    const hostile = [undefined, 'x', 0, true, {}, [null], [[]], [{ id: {}, eventType: [], eventTime: 1 }], [{ __proto__: { id: 'x' } }], [{ ...egSmsReceived(), data: { constructor: 'x', from: null } }]];
    for (const body of hostile) for (const contentType of [EG, CE, CE_BATCH]) expect(() => parseAcsEvents({ body, contentType })).not.toThrow();
  });
});
