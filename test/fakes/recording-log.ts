import type { Log } from '../../src/app/deps';

/** A {@link Log} that keeps its lines, so tests can look for a warning. */
export class RecordingLog implements Log {
  readonly infos: string[] = [];
  readonly warns: string[] = [];

  info(message: string): void {
    this.infos.push(message);
  }

  warn(message: string): void {
    this.warns.push(message);
  }
}
