import { ACTIVITY } from '../../../src/workflows/names';
import { settingsBroadcast } from '../../../src/workflows/settings-broadcast';
import type { BroadcastCursor, NotifyPage } from '../../../src/workflows/steps';
import { runOrchestrator, type TraceEntry } from '../../support/orchestration-fake';
import { script } from './scripts';

describe('settingsBroadcast', () => {
  test.each<[string, BroadcastCursor | undefined, NotifyPage, TraceEntry[]]>([
    ['a page with `next` continues as new after it', undefined, { next: 'm5', notified: 5 }, [{ continueAsNew: { after: 'm5' } }, { output: undefined }]],
    ['the last page ends it', { after: 'm5' }, { notified: 2 }, [{ output: 'done' }]],
  ])('%s', (_, cursor, page, ending) => {
    const { trace } = runOrchestrator(settingsBroadcast, script({ notifyScheduled: () => page }, { input: cursor }));
    expect(trace).toEqual([{ activity: ACTIVITY.notifyScheduled, input: cursor ?? {}, retry: false }, ...ending]);
  });
});
