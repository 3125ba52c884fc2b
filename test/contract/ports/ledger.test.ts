import { TableLedger } from '../../../src/adapters/tables/table-ledger';
import { useAzurite } from '../../integration/stores/store-fixtures';
import { FakeLedger } from '../../fakes/fake-ledger';
import { ledgerContract } from './ledger-contract';

const connectionString = useAzurite();

describe('FakeLedger', () => ledgerContract(() => new FakeLedger()));
describe('TableLedger (Azurite)', () => ledgerContract(() => new TableLedger(connectionString())));
