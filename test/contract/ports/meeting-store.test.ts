import { MEETINGS_TABLE } from '../../../src/adapters/tables/table-client';
import { TableMeetingStore } from '../../../src/adapters/tables/table-meeting-store';
import { rawTable, useAzurite } from '../../integration/stores/store-fixtures';
import { FakeMeetingStore } from '../../fakes/fake-meeting-store';
import { meetingStoreContract } from './meeting-store-contract';

const connectionString = useAzurite();

describe('FakeMeetingStore', () => {
  let store = new FakeMeetingStore();
  meetingStoreContract({
    make: () => store,
    reset: async () => {
      store = new FakeMeetingStore();
    },
  });
});

describe('TableMeetingStore (Azurite)', () => {
  meetingStoreContract({
    make: () => new TableMeetingStore(connectionString()),
    reset: async () => {
      const table = rawTable(connectionString(), MEETINGS_TABLE);
      await table.createTable();
      for await (const row of table.listEntities()) await table.deleteEntity(row.partitionKey ?? '', row.rowKey ?? '');
    },
  });
});
