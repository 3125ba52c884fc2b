import { z } from 'zod';
import { CHANNEL_MODULES, CHANNELS, asChannel, channelModule } from '../../../src/channels/registry';
import { createTemplateCache, renderMessage } from '../../../src/channels/templates';
import { COMMUNICATION_TYPES, DEFAULT_SETTINGS, SAMPLE_MEETINGS, SAMPLE_ORGANISATION, buildMergeContext, settingsSchema } from '../../../src/domain';
import { channelToggleShape } from '../../../src/domain/settings/settings-schema';
import { defaultTemplate } from '../../../src/adapters/templates/default-templates';

describe('channel registry', () => {
  test('lists each channel once, in registry order, and finds each by name', () => {
    expect(CHANNELS).toEqual(['email', 'sms', 'whatsapp', 'voice']);
    expect(new Set(CHANNELS).size).toBe(CHANNEL_MODULES.length);
    for (const name of CHANNELS) expect(channelModule(name).name).toBe(name);
    expect(asChannel('sms')).toBe('sms');
    expect(asChannel('fax')).toBeUndefined();
    expect(asChannel('__proto__')).toBeUndefined();
  });

  test('settings have one toggle per channel under every type, all off by default', () => {
    for (const type of COMMUNICATION_TYPES) {
      const toggles = DEFAULT_SETTINGS[type] as Record<string, unknown>;
      for (const name of CHANNELS) expect(toggles[name]).toBe(false);
    }
    const everyOn = { ...DEFAULT_SETTINGS, confirmation: { email: true, sms: true }, cancellation: { email: true, sms: true } };
    expect(settingsSchema.safeParse(everyOn).success).toBe(true);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, confirmation: { email: true } }).success).toBe(false);
  });

  test('a channel added later may be left out of a PUT (it stays off); a first-release one may not', () => {
    const shape = channelToggleShape([{ name: 'email', toggleRequired: true }, { name: 'voice', toggleRequired: false }]);
    const toggles = z.strictObject(shape);
    expect(toggles.parse({ email: true })).toEqual({ email: true, voice: false });
    expect(toggles.parse({ email: false, voice: true })).toEqual({ email: false, voice: true });
    expect(toggles.safeParse({ voice: true }).success).toBe(false);
    expect(toggles.safeParse({ email: true, fax: true }).success).toBe(false);
  });
});

describe.each(CHANNELS)('channel module %s', (name) => {
  const module = channelModule(name);
  const contact = { email: 'bob@example.com', phone: '+14255550123' };

  test('addresses the contact on its own channel, or says why it cannot', () => {
    expect(module.address(contact)).toBe(name === 'email' ? contact.email : contact.phone);
    const none = { email: null, phone: null };
    expect(module.address(none)).toBeNull();
    expect(module.noAddressReason).toMatch(/^no /);
  });

  test('parses a test recipient of its kind and refuses the other kind', () => {
    const own = name === 'email' ? 'admin@example.com' : '+1 425 555 0199';
    const other = name === 'email' ? '+14255550199' : 'admin@example.com';
    expect(module.parseTestRecipient(own)).toMatchObject({ ok: true });
    expect(module.parseTestRecipient(other)).toMatchObject({ ok: false });
  });

  test.each(COMMUNICATION_TYPES)('renders the shipped %s template into content of this channel', (type) => {
    const meeting = SAMPLE_MEETINGS['en-US'];
    const context = buildMergeContext({ meeting, locale: 'en-US', zone: meeting.contact.timeZone, cancelLink: 'https://x.example/l/t', organisationName: SAMPLE_ORGANISATION });
    const rendered = renderMessage(createTemplateCache(), name, defaultTemplate(type, 'en-US')[name], context);
    expect(rendered.ok).toBe(true);
    if (!rendered.ok) return;
    expect(rendered.value.content.channel).toBe(name);
    expect(rendered.value.content.text).toBe(rendered.value.preview.text);
    const marked = module.asTest(rendered.value.content);
    expect(marked.channel).toBe(name);
    if ('subject' in marked) expect(marked.subject.startsWith('[TEST] ')).toBe(true);
  });

  test('refuses a template of the wrong shape through its schema', () => {
    expect(module.templateSchema.safeParse({ text: 'x', extra: 'y' }).success).toBe(false);
  });
});
