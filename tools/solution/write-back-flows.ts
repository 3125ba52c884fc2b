import type { DomainEventType } from '../../src/domain/events/domain-event';
import type { Json } from '../connector/to-swagger-schema';
import { TRIGGERS, type Trigger } from '../connector/triggers';
import { CONNECTIONS, condition, connectorAction, flowDefinition, flowFiles, meetingsTrigger, terminate } from './flow-json';

/**
 * The write-back flows: what Meeting Communications reports (its connector's triggers) written onto
 * the Dataverse appointment the meeting came from. The meeting ID is the appointment's activityid
 * (the appointment flows schedule it so), so a meeting from another system is no appointment here
 * and its events end the run quietly.
 */

/** The appointment columns the solution adds (solution/Other/Customizations.xml). */
export const APPOINTMENT_COLUMNS = {
  reminderEmailSent: 'mc_reminderemailsent',
  reminderSmsSent: 'mc_remindersmssent',
  attendance: 'mc_attendance',
} as const;

/** The mc_attendance choice values (publisher option prefix 10735), by the meeting's attendance. */
export const ATTENDANCE_OPTIONS = { unknown: 107350000, confirmed: 107350001, declined: 107350002, rescheduleRequested: 107350003 } as const;

/** Who cancels as the customer (API.md cancelledBy): api and external are the institution's own cancellations. */
export const CUSTOMER_CANCELLATIONS = ['portal', 'link', 'sms', 'whatsapp', 'voice'] as const;

/** Appointment statecode / statuscode values (Dataverse's own). */
const OPEN = 0;
const SCHEDULED = 3;
const CANCELED = { statecode: 2, statuscode: 4 } as const;

const data = (field: string): string => `triggerBody()?['data']?['${field}']`;
const MEETING_ID = `@${data('meetingId')}`;

const triggerOf = (family: Trigger['family']): Trigger => {
  const trigger = TRIGGERS.find((t) => t.family === family);
  if (!trigger) throw new Error(`No trigger for ${family}`);
  return trigger;
};

function trigger(family: Trigger['family'], events: readonly DomainEventType[], description: string, conditions: readonly string[]): Record<string, Json> {
  const t = triggerOf(family);
  return { [t.summary.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, '')]: meetingsTrigger(t.operationId, description, { 'body/events': [...events] }, conditions) };
}

/**
 * Reads the appointment (to know it is one of this environment's, and its state). A meeting ID that
 * is no appointment here (404, or 400 for an ID that is no GUID) ends the run successfully; any other
 * failure fails it.
 */
function readAppointment(select: string, next: (after: Record<string, ['Succeeded']>) => Record<string, Json>): Record<string, Json> {
  const status = "@outputs('Get_the_appointment')?['statusCode']";
  return {
    Get_the_appointment: connectorAction(CONNECTIONS.dataverse, 'GetItem', 'The appointment the meeting was scheduled from (its activityid is the meeting ID).', {
      entityName: 'appointments', recordId: MEETING_ID, $select: select,
    }),
    Not_an_appointment_here: condition('A meeting from another system, or an appointment since deleted: nothing to write.', { or: [{ equals: [status, 404] }, { equals: [status, 400] }] },
      { Nothing_to_write: terminate('Succeeded') },
      { Reading_failed: terminate('Failed', { code: `@{${status.slice(1)}}`, message: "@{coalesce(body('Get_the_appointment')?['error']?['message'], 'Reading the appointment failed')}" }) },
      { Get_the_appointment: ['Failed'] }),
    ...next({ Get_the_appointment: ['Succeeded'] }),
  };
}

const updateAppointment = (description: string, columns: Record<string, Json>, runAfter: Record<string, ['Succeeded']> = {}): Json =>
  connectorAction(CONNECTIONS.dataverse, 'UpdateRecord', description, { entityName: 'appointments', recordId: MEETING_ID, ...Object.fromEntries(Object.entries(columns).map(([c, v]) => [`item/${c}`, v])) }, runAfter);

const reminderSent = flowDefinition(
  trigger('communication', ['communication.sent'], 'A reminder of a meeting was sent.', [`@equals(${data('type')}, 'reminder')`, `@not(empty(${data('meetingId')}))`]),
  readAppointment('activityid', (after) => ({
    By_email: condition('The reminder went by email…', { equals: [`@${data('channel')}`, 'email'] },
      { Reminder_email_sent: updateAppointment('Reminder email sent: Yes.', { [APPOINTMENT_COLUMNS.reminderEmailSent]: true }) },
      { By_SMS: condition('…or by SMS (other channels have no column).', { equals: [`@${data('channel')}`, 'sms'] }, { Reminder_SMS_sent: updateAppointment('Reminder SMS sent: Yes.', { [APPOINTMENT_COLUMNS.reminderSmsSent]: true }) }, undefined, {}) },
      after),
  })),
);

const attendanceValue = `@if(equals(${data('attendance')}, 'confirmed'), ${ATTENDANCE_OPTIONS.confirmed}, if(equals(${data('attendance')}, 'rescheduleRequested'), ${ATTENDANCE_OPTIONS.rescheduleRequested}, if(equals(${data('attendance')}, 'declined'), ${ATTENDANCE_OPTIONS.declined}, ${ATTENDANCE_OPTIONS.unknown})))`;

const customerAnswered = flowDefinition(
  trigger('meeting', ['meeting.confirmed', 'meeting.rescheduleRequested'], 'The customer confirmed, or asked for a new time.', []),
  readAppointment('activityid', (after) => ({ Set_attendance: updateAppointment('Attendance: Confirmed, or New time requested.', { [APPOINTMENT_COLUMNS.attendance]: attendanceValue }, after) })),
);

const stateOf = "@body('Get_the_appointment')?['statecode']";
const customerCancelled = flowDefinition(
  trigger('meeting', ['meeting.cancelled'], 'The customer cancelled (portal, link, SMS, WhatsApp or phone), not the institution.', [
    `@contains(createArray(${CUSTOMER_CANCELLATIONS.map((s) => `'${s}'`).join(', ')}), ${data('cancelledBy')})`,
  ]),
  readAppointment('activityid,statecode', (after) => ({
    If_still_open: condition('Only an open or scheduled appointment is cancelled: a completed or already cancelled one stays as it is.',
      { or: [{ equals: [stateOf, OPEN] }, { equals: [stateOf, SCHEDULED] }] },
      { Cancel_the_appointment: updateAppointment('Status: Canceled.', { ...CANCELED }) }, undefined, after),
  })),
);

const failed = flowDefinition(
  trigger('communication', ['communication.failed'], 'A message of a meeting could not be sent or delivered.', [`@not(empty(${data('meetingId')}))`]),
  readAppointment('activityid', (after) => ({
    Note_on_the_appointment: connectorAction(CONNECTIONS.dataverse, 'CreateRecord', 'A note the appointment\'s owner sees on its timeline.', {
      entityName: 'annotations',
      'item/subject': `Message not delivered: @{${data('type')}} by @{${data('channel')}}`,
      'item/notetext': `Meeting Communications could not deliver the @{${data('type')}} by @{${data('channel')}} for this appointment: @{coalesce(${data('reason')}, 'no reason given')}. `
        + `@{if(equals(${data('permanent')}, true), 'Sending it again cannot succeed: check the customer''s email address or mobile number, or reach them another way.', 'Check the customer''s details, or reach them another way.')}`,
      'item/objectid_appointment@odata.bind': `/appointments(@{${data('meetingId')}})`,
    }, after),
  })),
);

/** The write-back flows by display name (as the solution shows them). */
export const WRITE_BACK_FLOWS: Readonly<Record<string, Json>> = {
  'Reminder sent → appointment flags': reminderSent,
  'Customer answered → appointment attendance': customerAnswered,
  'Customer cancelled → cancel the appointment': customerCancelled,
  'Message not delivered → note on the appointment': failed,
};

/** Their files under solution/Workflows, as `npm run connector:build` writes them. */
export function writeBackFlowFiles(): Record<string, string> {
  return Object.assign({}, ...Object.entries(WRITE_BACK_FLOWS).map(([name, definition]) => flowFiles(name, definition)));
}
