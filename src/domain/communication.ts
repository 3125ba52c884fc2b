import { z } from 'zod';
import { CHANNEL_MODULES, CHANNELS, type Channel } from '../channels/registry';

/**
 * The kinds of message this product sends about a meeting: what the planner plans and GetMeeting
 * lists. Reply templates are not among them (see {@link TEMPLATE_TYPES}).
 */
export const COMMUNICATION_TYPES = ['confirmation', 'reminder', 'cancellation'] as const;
/** The registered channels (see src/channels/registry.ts): the domain iterates them, it never names one. */
export { CHANNELS, type Channel };

/**
 * Answers to a customer's reply (API.md "Two-way messages"): sent by the prompt that read the reply,
 * never planned for a meeting, and only on channels that take replies.
 */
export const REPLY_TYPES = ['replyConfirmed', 'replyCancelled', 'replyReschedule', 'replyHelp', 'replyWhich'] as const;

/** Every kind of template: what the template routes, the template store, previews and the shipped defaults know. */
export const TEMPLATE_TYPES = [...COMMUNICATION_TYPES, ...REPLY_TYPES] as const;

/** Schema of a communication type. */
export const communicationTypeSchema = z.enum(COMMUNICATION_TYPES);
/** Schema of a template type. */
export const templateTypeSchema = z.enum(TEMPLATE_TYPES);
/** Schema of a channel. */
export const channelSchema = z.enum(CHANNELS);

/** One of `confirmation`, `reminder`, `cancellation`. */
export type CommunicationType = z.infer<typeof communicationTypeSchema>;
/** One of {@link REPLY_TYPES}. */
export type ReplyType = (typeof REPLY_TYPES)[number];
/** A communication type or a reply type. */
export type TemplateType = z.infer<typeof templateTypeSchema>;

/** Whether `type` is a reply template type. */
export function isReplyType(type: TemplateType): type is ReplyType {
  return (REPLY_TYPES as readonly string[]).includes(type);
}

const REPLY_CHANNELS: readonly Channel[] = CHANNEL_MODULES.filter((m) => m.takesReplies).map((m) => m.name);

/** Whether customers answer on `channel` in text (its module's `takesReplies`). */
export function takesReplies(channel: Channel): boolean {
  return REPLY_CHANNELS.includes(channel);
}

/** The channels a template type exists for: a communication on every channel, a reply type on those that take replies. */
export function templateChannels(type: TemplateType): readonly Channel[] {
  return isReplyType(type) ? REPLY_CHANNELS : CHANNELS;
}

/**
 * Whether messages of this type carry a cancel link: not a cancellation notice, nor the answer to a
 * reply that cancelled; every other message may offer one.
 */
export function carriesCancelLink(type: TemplateType): boolean {
  return type !== 'cancellation' && type !== 'replyCancelled';
}
