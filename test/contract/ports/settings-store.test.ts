import { TableSettingsStore } from '../../../src/adapters/tables/table-settings-store';
import { useAzurite } from '../../integration/stores/store-fixtures';
import { FakeSettingsStore } from '../../fakes/fake-settings-store';
import { settingsStoreContract } from './settings-store-contract';

const connectionString = useAzurite();

describe('FakeSettingsStore', () => settingsStoreContract(() => new FakeSettingsStore()));
describe('TableSettingsStore (Azurite)', () => settingsStoreContract(() => new TableSettingsStore(connectionString())));
