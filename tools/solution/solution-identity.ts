/**
 * Names and IDs of the Power Platform solution (solution/). The IDs are fixed GUIDs: a solution
 * imported again must update its components, never create a second copy of them.
 */
export const SOLUTION = {
  uniqueName: 'MeetingCommunications',
  publisherPrefix: 'mc',
  version: '1.0.0.0',
} as const;

/** The custom connector as the solution stores it (logical name with the publisher prefix). */
export const SOLUTION_CONNECTOR = {
  id: '8831e801-44b1-57c1-a29e-886d75f61934',
  name: 'mc_meetingcommunications',
  /** The connector's API name in flows. The environment appends a suffix; the connection reference binds by ID. */
  apiName: 'shared_mc-5fmeetingcommunications',
} as const;

/** Environment variables the solution declares; the connector and the flows read them. */
export const ENVIRONMENT_VARIABLES = {
  serviceHost: 'mc_ServiceBaseUrl',
  audience: 'mc_Audience',
  defaultTimeZone: 'mc_DefaultTimeZone',
} as const;

/** Connection references the flows use. */
export const CONNECTION_REFERENCES = {
  meetings: 'mc_MeetingCommunications',
  dataverse: 'mc_Dataverse',
} as const;

/** Where the solution's source lives, relative to the repository root. */
export const SOLUTION_DIR = 'solution';
/** Where `npm run solution:pack` writes the importable zip. */
export const SOLUTION_ZIP = 'dist/MeetingCommunications.zip';
