/** Names and addresses of the custom connector, declared once for the swagger, apiProperties and the solution. */
export const CONNECTOR = {
  /** Folder under connectors/ and the solution's unique name. */
  name: 'MeetingCommunications',
  title: 'Meeting Communications',
  description: 'Confirmation, reminder and cancellation messages for scheduled meetings, by email and SMS. Schedule, update and cancel meetings from your flows, and start flows when a customer confirms, cancels or opts out or a message cannot be delivered; admins change what is sent and edit the message templates.',
  version: '1.0.0',
  /** A placeholder: the policy sets the real host from the connection's Service URL. */
  host: 'meeting-communications.azurewebsites.net',
  basePath: '/api',
  brandColor: '#0F6CBD',
  /** The Entra ID application ID URI of the API (the app's JWT_AUDIENCE default). */
  audience: 'api://meeting-communications',
  scope: 'api://meeting-communications/.default',
  /** Placeholder: the client ID of the Entra ID app registration the connector signs in with. */
  clientId: '00000000-0000-0000-0000-000000000000',
  website: 'https://www.example.com/meeting-communications',
  privacyPolicy: 'https://www.example.com/meeting-communications/privacy',
  categories: 'Communication;Sales and CRM',
  publisher: 'Meeting Communications',
} as const;
