import { z } from 'zod';
import { CHANNELS, type Channel } from '../channels/registry';

/** The kinds of message this product sends about a meeting. */
export const COMMUNICATION_TYPES = ['confirmation', 'reminder', 'cancellation'] as const;
/** The registered channels (see src/channels/registry.ts): the domain iterates them, it never names one. */
export { CHANNELS, type Channel };

/** Schema of a communication type. */
export const communicationTypeSchema = z.enum(COMMUNICATION_TYPES);
/** Schema of a channel. */
export const channelSchema = z.enum(CHANNELS);

/** One of `confirmation`, `reminder`, `cancellation`. */
export type CommunicationType = z.infer<typeof communicationTypeSchema>;
