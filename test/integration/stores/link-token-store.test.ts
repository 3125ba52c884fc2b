import { hashLinkToken, newLinkToken } from '../../../src/domain';
import { CorruptRowError, LINK_TOKENS_TABLE } from '../../../src/adapters/tables/table-client';
import { TableLinkTokenStore } from '../../../src/adapters/tables/table-link-token-store';
import { rawTable, useAzurite } from './store-fixtures';

const connectionString = useAzurite();
const store = (): TableLinkTokenStore => new TableLinkTokenStore(connectionString());

const hashOf = (seed: number): string => hashLinkToken(newLinkToken(new Uint8Array(16).fill(seed)));
const record = (hash: string, version = 1) => ({ hash, meetingId: 'A-1001', contactId: 'C-77', version, expiresAt: '2026-12-03T15:00:00.000Z' });

describe('TableLinkTokenStore', () => {
  test('put then get by hash', async () => {
    const hash = hashOf(1);
    await store().put(record(hash));
    expect(await store().get(hash)).toEqual(record(hash));
  });

  test('put is an upsert: the same hash again replaces the record', async () => {
    const hash = hashOf(2);
    await store().put(record(hash, 1));
    await store().put(record(hash, 2));
    expect(await store().get(hash)).toEqual(record(hash, 2));
  });

  test('an unknown or malformed hash is undefined', async () => {
    expect(await store().get(hashOf(3))).toBeUndefined();
    expect(await store().get('not-a-hash')).toBeUndefined();
    expect(await store().get(hashOf(1).toUpperCase())).toBeUndefined();
  });

  test('put refuses anything but a SHA-256 hex hash (a raw token must never be stored)', async () => {
    await expect(store().put(record(newLinkToken(new Uint8Array(16).fill(4))))).rejects.toThrow('64 lower-case hex characters');
  });

  test('a corrupt row throws an error naming the field, not the data', async () => {
    const hash = hashOf(5);
    await rawTable(connectionString(), LINK_TOKENS_TABLE).upsertEntity({ partitionKey: hash, rowKey: 'token', meetingId: 'A-1001', contactId: 'C-77', version: 'v1' });
    const error = await store().get(hash).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptRowError);
    expect((error as Error).message).toBe(`LinkTokens: stored row ${hash.slice(0, 12)}… is corrupt (version, expiresAt)`);
  });
});
