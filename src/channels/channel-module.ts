import type { z } from 'zod';
import type { Result } from '../domain/result';
import type { Meeting } from '../domain/meeting/meeting-schema';
import type { MergeContext } from '../domain/templates/merge-fields';
import type { TemplateIssue } from '../domain/templates/template-types';
import type { SmsEncodingInfo } from '../domain/sms/sms-encoding';

/** The addresses a contact may have; each channel picks its own. */
export type ContactAddresses = Pick<Meeting['contact'], 'email' | 'phone'>;

/**
 * What a preview shows of a rendered message, the same shape for every channel (API.md
 * "Templates"): fields a channel does not have are null.
 */
export interface ChannelPreview {
  readonly subject: string | null;
  readonly text: string;
  readonly html: string | null;
  readonly sms: SmsEncodingInfo | null;
  /** Voice only (set by the preview, which knows the settings): the voice, the menu, and the whole prompt the call speaks. */
  readonly call?: { readonly voice: string; readonly menu: Array<{ readonly key: string; readonly action: string }>; readonly spoken: string };
}

/** A rendered message: what the provider gets (`content`) and what a preview shows. */
export interface Rendered<Content> {
  readonly content: Content;
  readonly preview: ChannelPreview;
}

/**
 * One channel (email, SMS, later WhatsApp and voice): everything the channel-free core needs to
 * know about it, declared once. The core iterates the registry of these instead of branching on
 * channel names. Modules are pure: no I/O, no SDKs (providers live in `src/adapters/<provider>/`).
 *
 * @typeParam N - the channel's name, also its key in the settings toggles and template routes
 * @typeParam Source - its template sources (Liquid), one string per part
 * @typeParam Compiled - its parsed templates
 * @typeParam Content - what a rendered message hands to the provider (`channel` names the channel)
 */
export interface ChannelModule<N extends string = string, Source = unknown, Compiled = unknown, Content extends { readonly channel: N } = { readonly channel: N }> {
  readonly name: N;
  /** How messages and errors name it mid-sentence: `email`, `SMS`. */
  readonly label: string;
  /** How pages title it: `Email`, `SMS`. */
  readonly displayName: string;
  /** A one-shot send (email, SMS, WhatsApp) or a conversation the provider calls back about (voice). */
  readonly interaction: 'oneShot' | 'conversation';
  /**
   * Whether customers answer on this channel in text (SMS, later WhatsApp), so it carries the reply
   * templates (`replyConfirmed`, `replyHelp`, …). Email replies go to a mailbox, not to us.
   */
  readonly takesReplies: boolean;
  /**
   * Whether PUT /api/settings must carry this channel's toggles. The first release's channels are
   * required (as they always were); channels added later are optional and default to off, so old
   * clients keep working (API.md "Settings keys added later").
   */
  readonly toggleRequired: boolean;
  /** The template body of PUT /api/templates/{type}/{name}/{locale} (strict: no other key). */
  readonly templateSchema: z.ZodType<Source>;
  /** The shipped default's file per part, under `templates/<type>/<locale>/`. */
  readonly templateFiles: Readonly<Record<string, string>>;
  /**
   * The template source from its files' contents (part → text), when it is not those strings as
   * they are (WhatsApp's mapping is one JSON document). Checked with `templateSchema` like a PUT.
   */
  fromFiles?(parts: Readonly<Record<string, string>>): unknown;
  /** Parses and checks a template's parts; issues carry the part they are in. */
  compile(source: Source): Result<Compiled, TemplateIssue>;
  /** Renders a compiled template with a merge context. */
  render(compiled: Compiled, context: MergeContext): Result<Rendered<Content>, TemplateIssue>;
  /** The contact's address on this channel, or null when they have none. */
  address(contact: ContactAddresses): string | null;
  /** The plan's reason when the contact has no address on this channel. */
  readonly noAddressReason: string;
  /**
   * Why this channel will not send to an address it otherwise accepts (an SMS to a landline), or
   * undefined when it may. Pure. The send core asks it before every send, for every producer, so
   * such a send is recorded `failed` with this reason and never reaches the provider; a test send
   * to such an address is refused. Channels without such a rule leave it out.
   */
  recipientProblem?(address: string): string | undefined;
  /** Parses an admin's test recipient (`sendTo` of a preview); the error says what is expected. */
  parseTestRecipient(input: string): Result<string, string>;
  /** The content of a test send: marked so that nobody mistakes it for a real message. */
  asTest(content: Content): Content;
}
