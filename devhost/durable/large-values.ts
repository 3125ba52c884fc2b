/** Table storage caps a string property at 32 K characters; longer values span numbered properties. */
const CHUNK = 30_000;

export function setLarge(entity: Record<string, unknown>, name: string, value: string | undefined): void {
  if (value === undefined) return;
  entity[name] = value.slice(0, CHUNK);
  for (let i = 1; i * CHUNK < value.length; i++) entity[`${name}_${i}`] = value.slice(i * CHUNK, (i + 1) * CHUNK);
}

export function getLarge(entity: Record<string, unknown>, name: string): string | undefined {
  const first = entity[name];
  if (typeof first !== 'string') return undefined;
  let out = first;
  for (let i = 1; typeof entity[`${name}_${i}`] === 'string'; i++) out += entity[`${name}_${i}`] as string;
  return out;
}
