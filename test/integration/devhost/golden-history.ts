import fs from 'node:fs';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import type { HistoryEvent } from '../../../devhost/durable/history';
import { getLarge } from '../../../devhost/durable/large-values';
import { EventType } from '../../../devhost/durable/protocol';
import { HISTORY_ROW_PREFIX } from '../../../devhost/durable/store';

export const GOLDEN_DIR = path.resolve(__dirname, '..', '..', 'golden', 'devhost');

type Row = { executionId: string; episode: number; events: HistoryEvent[] };
type Normalised = Record<string, unknown>;

const typeName = (t: number): string => `${Object.entries(EventType).find(([, v]) => v === t)?.[0] ?? 'Unknown'} (${t})`;
const COMPLETIONS: ReadonlySet<number> = new Set([EventType.TaskCompleted, EventType.TaskFailed, EventType.SubOrchestrationInstanceCompleted, EventType.SubOrchestrationInstanceFailed]);

/** The history rows the devhost wrote for one instance, as stored (one row per episode). */
export async function readHistoryRows(table: TableClient, instanceId: string): Promise<Row[]> {
  const rows: Row[] = [];
  const filter = `PartitionKey eq '${instanceId.replace(/'/g, "''")}' and RowKey ge '${HISTORY_ROW_PREFIX}' and RowKey lt '${HISTORY_ROW_PREFIX}~'`;
  for await (const row of table.listEntities({ queryOptions: { filter } })) {
    const [, executionId, episode] = String(row.rowKey).split('|');
    rows.push({ executionId: String(executionId), episode: Number(episode), events: JSON.parse(getLarge(row, 'events') ?? '[]') as HistoryEvent[] });
  }
  return rows;
}

/**
 * Makes a history comparable across runs, keeping what the protocol decides (event types, task
 * numbers, names, inputs and results, order, episode boundaries):
 * - timestamps go; a TimerCreated's FireAt becomes its delay after the event, a TimerFired's says
 *   whether it is the FireAt its timer was created with; stack traces keep only their message line;
 * - executions (random IDs) are numbered in the order they started;
 * - how completions of concurrent tasks spread over episodes is up to the scheduler, so an episode
 *   that only delivered completions is merged into the next one, and completions are sorted by task.
 */
export function normaliseHistory(rows: Row[]): Record<string, Record<string, Normalised[]>> {
  const byExecution = new Map<string, Row[]>();
  for (const r of rows) byExecution.set(r.executionId, [...(byExecution.get(r.executionId) ?? []), r]);
  const executions = [...byExecution.values()].map((rs) => rs.sort((a, b) => a.episode - b.episode));
  // Time orders executions; continueAsNew inputs break a tie within one millisecond.
  const started = (rs: Row[]): string => rs[0]?.events[0]?.Timestamp ?? '';
  const input = (rs: Row[]): string => rs[0]?.events.find((e) => e.EventType === EventType.ExecutionStarted)?.Input ?? '';
  executions.sort((a, b) => started(a).localeCompare(started(b)) || input(a).localeCompare(input(b)));
  const out: Record<string, Record<string, Normalised[]>> = {};
  executions.forEach((rs, i) => {
    const created = new Map<number, number>();
    for (const e of rs.flatMap((r) => r.events)) if (e.EventType === EventType.TimerCreated) created.set(e.EventId, Date.parse(e.FireAt ?? ''));
    const episodes: Record<string, Normalised[]> = {};
    let carried: HistoryEvent[] = [];
    let count = 0;
    rs.forEach((r, n) => {
      const [first, ...rest] = r.events;
      if (rest.length > 0 && rest.every((e) => COMPLETIONS.has(e.EventType)) && n < rs.length - 1) {
        carried = [...carried, ...rest];
        return;
      }
      const events = first ? [first, ...sortCompletions([...carried, ...rest])] : [];
      carried = [];
      episodes[`episode ${count++}`] = events.map((e) => normaliseEvent(e, created));
    });
    out[`execution ${i + 1}`] = episodes;
  });
  return out;
}

/** Sorts each run of consecutive completion events by task number, leaving everything else in place. */
function sortCompletions(events: HistoryEvent[]): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  let run: HistoryEvent[] = [];
  const flush = (): void => {
    out.push(...run.sort((a, b) => (a.TaskScheduledId ?? 0) - (b.TaskScheduledId ?? 0)));
    run = [];
  };
  for (const e of events) {
    if (COMPLETIONS.has(e.EventType)) run.push(e);
    else {
      flush();
      out.push(e);
    }
  }
  flush();
  return out;
}

function normaliseEvent(e: HistoryEvent, timerFireAt: Map<number, number>): Normalised {
  const { EventType: type, Timestamp, FireAt, Details, ...fields } = e;
  const out: Normalised = { type: typeName(type), ...fields };
  if (Details !== undefined) out.Details = Details.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n');
  if (FireAt !== undefined && type === EventType.TimerCreated) out.FireAt = `+${Date.parse(FireAt) - Date.parse(Timestamp)} ms`;
  if (FireAt !== undefined && type === EventType.TimerFired) out.FireAt = Date.parse(FireAt) === timerFireAt.get(e.TimerId ?? -1) ? 'as created' : `differs from its TimerCreated: ${FireAt}`;
  return out;
}

/**
 * Compares with the recorded file, or rewrites it with UPDATE_GOLDEN=1. Fails with jest's line
 * diff of the two JSON texts, under a line that says how to accept an intended change.
 */
export function expectGolden(name: string, actual: unknown): void {
  const file = path.join(GOLDEN_DIR, `${name}.json`);
  const text = `${formatGolden(actual, '')}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, text);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`No golden history ${file}: run UPDATE_GOLDEN=1 npx jest test/integration/devhost/golden and review the file it writes.`);
  try {
    expect(text).toBe(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    (err as Error).message = `The history differs from ${path.relative(process.cwd(), file)} (- recorded, + now). If the change is intended, rerun with UPDATE_GOLDEN=1 and commit the file.\n\n${(err as Error).message}`;
    throw err;
  }
}

/** Indented JSON with one event per line, so a diff shows whole events. */
function formatGolden(value: unknown, indent: string): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[\n${value.map((v) => `${indent}  ${JSON.stringify(v)}`).join(',\n')}\n${indent}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${formatGolden(v, `${indent}  `)}`);
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
