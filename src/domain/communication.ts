import { z } from 'zod';

/** The kinds of message this product sends about a meeting. */
export const COMMUNICATION_TYPES = ['confirmation', 'reminder', 'cancellation'] as const;
/** The channels with templates and planning today (voice and WhatsApp come later). */
export const CHANNELS = ['email', 'sms'] as const;

/** Schema of a communication type. */
export const communicationTypeSchema = z.enum(COMMUNICATION_TYPES);
/** Schema of a channel. */
export const channelSchema = z.enum(CHANNELS);

/** One of `confirmation`, `reminder`, `cancellation`. */
export type CommunicationType = z.infer<typeof communicationTypeSchema>;
/** One of `email`, `sms`. */
export type Channel = z.infer<typeof channelSchema>;
