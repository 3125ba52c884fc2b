import { z } from 'zod';
import { describedTexts } from '../../../tools/connector/texts-events';
import { eventDefinitionName, eventsOf, eventsText, triggerPath, TRIGGERS } from '../../../tools/connector/triggers';

describe('describedTexts: labels from the connector, sentences from the zod schema', () => {
  const schema = z.object({ a: z.string().describe('The a.'), b: z.number().optional().describe('The b.') });

  test('pairs each label with the field\'s .describe text (optional fields too), with a visibility where given', () => {
    expect(describedTexts(schema, { a: 'A', b: { summary: 'B', visibility: 'advanced' } }, 'X')).toEqual({
      a: { summary: 'A', description: 'The a.' },
      b: { summary: 'B', description: 'The b.', visibility: 'advanced' },
    });
  });

  test.each<[string, z.ZodType, Record<string, string>, RegExp]>([
    ['a field without a label', schema, { a: 'A' }, /X\.b: no label/],
    ['a label for no field', schema, { a: 'A', b: 'B', c: 'C' }, /X\.c: labelled but not in the schema/],
    ['a field without a .describe text', z.object({ a: z.string() }), { a: 'A' }, /X\.a: no \.describe\(\) text/],
  ])('refuses %s', (_name, s, labels, message) => {
    expect(() => describedTexts(s, labels, 'X')).toThrow(message);
  });
});

describe('the trigger catalogue', () => {
  test.each(TRIGGERS.map((t) => [t.family, t] as const))('%s: its path, definition name and events help', (family, trigger) => {
    expect(triggerPath(trigger)).toBe(`/subscriptions?trigger=${family}`);
    expect(eventDefinitionName(family)).toMatch(/^[A-Z][a-z]+Event$/);
    for (const event of eventsOf(family)) expect(eventsText(trigger)).toContain(`${event}: `);
  });
});
