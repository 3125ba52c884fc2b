import { z } from 'zod';

const optionalText = z.string().trim().min(1).optional();

/** Every setting the app reads from the environment (app settings on Azure, local.settings.json locally). */
export const configSchema = z.preprocess(
  // An empty value means "not set" (local.settings.example.json lists optional settings empty).
  (env) => Object.fromEntries(Object.entries(env as Record<string, string | undefined>).filter(([, v]) => v !== undefined && v.trim() !== '')),
  z.object({
  AzureWebJobsStorage: z.string({ error: 'is required (the storage account connection string, or UseDevelopmentStorage=true)' }),
  FUNCTIONS_WORKER_RUNTIME: z.literal('node').optional(),
  /** Public base URL of this app, used to build links in messages (never the request's Host header). */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('http://127.0.0.1:7071'),
  ORGANISATION_NAME: z.string().trim().min(1).max(100).default('Contoso'),
  /** Azure Communication Services connection string (endpoint=…;accesskey=…); absent → outbox. */
  ACS_CONNECTION_STRING: optionalText,
  ACS_EMAIL_SENDER: z.email({ error: 'must be an email address' }).optional(),
  /** The key Power Automate flows and admin tools send in `x-api-key` (Entra ID tokens come later). */
  API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Test hook of the local outbox: send keys matching this pattern kill the process right after the "provider" accepted. */
  OUTBOX_CRASH_AFTER_ACCEPT: z.string().optional(),
  ACS_SMS_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +18005550100').optional(),
  }),
);

export type Config = z.infer<typeof configSchema>;
