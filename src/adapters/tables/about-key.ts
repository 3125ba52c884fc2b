import type { About, AboutKind } from '../../ports/dispatch';

const KINDS: readonly AboutKind[] = ['meeting', 'callback', 'deflection', 'test', 'help'];

/**
 * The partition key of rows about one subject. A meeting's is its ID (the format rows always had);
 * any other subject's is `kind:id`. Meeting IDs cannot contain `:`, so the two never collide.
 */
export function aboutPartition(about: About): string {
  return about.kind === 'meeting' ? about.id : `${about.kind}:${about.id}`;
}

/** The subject of a partition key written by {@link aboutPartition}; undefined for anything else. */
export function aboutFromPartition(partitionKey: string): About | undefined {
  const colon = partitionKey.indexOf(':');
  if (colon < 0) return partitionKey === '' ? undefined : { kind: 'meeting', id: partitionKey };
  const kind = KINDS.find((k) => k === partitionKey.slice(0, colon));
  return kind && kind !== 'meeting' && colon < partitionKey.length - 1 ? { kind, id: partitionKey.slice(colon + 1) } : undefined;
}
