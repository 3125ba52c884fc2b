import type { ChannelModule } from './channel-module';
import { emailChannel } from './email';
import { smsChannel } from './sms';
import { whatsAppChannel } from './whatsapp';
import { voiceChannel } from './voice';

/**
 * Every channel, in the order settings, plans and pages list them. Adding a channel is one folder
 * under `src/channels/` and one line here (see README "How to add a channel").
 */
export const CHANNEL_MODULES = [emailChannel, smsChannel, whatsAppChannel, voiceChannel] as const;

type Module = (typeof CHANNEL_MODULES)[number];

/** One of the registered channel names (`email`, `sms`). */
export type Channel = Module['name'];

/** The channel names, in registry order. */
export const CHANNELS = CHANNEL_MODULES.map((m) => m.name) as unknown as readonly [Channel, ...Channel[]];

type ModuleOf<N extends Channel> = Extract<Module, { readonly name: N }>;
/** The template sources of channel N (email `{ subject, html, text }`, SMS `{ text }`). */
export type TemplateSourceOf<N extends Channel> = (ModuleOf<N> extends ChannelModule<N, infer S, infer _C, infer _X> ? S : never) & object;
/** What channel N hands to its provider. */
export type ContentOf<N extends Channel> = ModuleOf<N> extends ChannelModule<N, infer _S, infer _C, infer X> ? X : never;
/** The rendered content of any channel, discriminated by `channel`. */
export type MessageContent = { [N in Channel]: ContentOf<N> }[Channel];

/** A module seen through the channel-free contract (its source and compiled types opaque). */
export type AnyChannelModule = ChannelModule<Channel, unknown, unknown, MessageContent>;

const BY_NAME = new Map<string, AnyChannelModule>(CHANNEL_MODULES.map((m) => [m.name, m as unknown as AnyChannelModule]));

/** The module of a channel. */
export function channelModule(name: Channel): AnyChannelModule {
  return BY_NAME.get(name) as AnyChannelModule;
}

/** The channel named `value`, or undefined for anything else (a path segment, a stored row). */
export function asChannel(value: unknown): Channel | undefined {
  return typeof value === 'string' && BY_NAME.has(value) ? (value as Channel) : undefined;
}
