import type { ChannelSender, SenderDecorator, WorkflowDecorator } from '../../src/adapters/devhost-hooks';

/** The devhost's own setting: a regular expression of send keys after which the process dies. */
export const CRASH_AFTER_SEND = 'DEVHOST_CRASH_AFTER_SEND';

/** Kills this process at once, as a power cut would: no shutdown code, no pending writes. */
export const hardKill = (): void => {
  process.kill(process.pid, 'SIGKILL');
};

/**
 * A sender decorator for the exactly-once test: after the inner sender reports `sent` for a key the
 * pattern matches, the process is killed, i.e. the provider has accepted the message and the ledger
 * has not recorded it yet. A failed or thrown send never kills (nothing was accepted).
 */
export function crashAfterSend(pattern: RegExp, kill: () => void = hardKill): SenderDecorator {
  return (_channel: string, inner: ChannelSender): ChannelSender => ({
    provider: inner.provider,
    // The sender number keys reply prompts: a decorated sender must still name it.
    ...(inner.from === undefined ? {} : { from: inner.from }),
    send: async (dispatch) => {
      const result = await inner.send(dispatch);
      if (result.status === 'sent' && pattern.test(dispatch.key)) kill();
      return result;
    },
  });
}

/** The decorator DEVHOST_CRASH_AFTER_SEND asks for, or undefined when it is unset. */
export function crashDecoratorFromEnv(env: NodeJS.ProcessEnv, kill?: () => void): SenderDecorator | undefined {
  const source = env[CRASH_AFTER_SEND];
  if (!source) return undefined;
  let pattern: RegExp;
  try {
    pattern = new RegExp(source);
  } catch (err) {
    throw new Error(`${CRASH_AFTER_SEND} is not a valid regular expression: ${(err as Error).message}`);
  }
  return crashAfterSend(pattern, kill);
}

/** The devhost's own setting: a regular expression of meeting and deflection IDs whose orchestration start kills the process. */
export const CRASH_BEFORE_START = 'DEVHOST_CRASH_BEFORE_START';

/**
 * A workflow decorator for the reconciliation test: the process dies just before it would start the
 * orchestration of a meeting or a deflection (its WhatsApp send) the pattern matches, i.e. it is
 * stored and nothing runs it.
 */
export function crashBeforeStart(pattern: RegExp, kill: () => void = hardKill): WorkflowDecorator {
  return (inner) => ({
    ...inner,
    start: async (meetingId) => {
      if (pattern.test(meetingId)) kill();
      return inner.start(meetingId);
    },
    startDeflection: async (ref) => {
      if (ref.channel === 'whatsapp' && pattern.test(ref.deflectionId)) kill();
      return inner.startDeflection(ref);
    },
  });
}

/** The decorator DEVHOST_CRASH_BEFORE_START asks for, or undefined when it is unset. */
export function crashBeforeStartFromEnv(env: NodeJS.ProcessEnv, kill?: () => void): WorkflowDecorator | undefined {
  const source = env[CRASH_BEFORE_START];
  if (!source) return undefined;
  try {
    return crashBeforeStart(new RegExp(source), kill);
  } catch (err) {
    throw new Error(`${CRASH_BEFORE_START} is not a valid regular expression: ${(err as Error).message}`);
  }
}
