import type { CallControl, Dial, Speech, VoiceCaller } from '../../src/ports/calls';
import type { Dispatch } from '../../src/ports/dispatch';
import type { SendResult } from '../../src/ports/send-result';

export type CallAction =
  | { readonly kind: 'dial'; readonly dial: Dial; readonly key: string }
  | { readonly kind: 'ask'; readonly callConnectionId: string; readonly speech: Speech; readonly operationContext: string }
  | { readonly kind: 'say'; readonly callConnectionId: string; readonly speech: Speech; readonly operationContext: string }
  | { readonly kind: 'transfer'; readonly callConnectionId: string; readonly number: string; readonly operationContext: string }
  | { readonly kind: 'hangUp'; readonly callConnectionId: string };

/** A voice provider that records what it is asked; dials answer `cc-1`, `cc-2`… unless scripted. */
export class RecordingCallControl implements CallControl, VoiceCaller {
  readonly provider = 'recording';
  readonly from = '+18005550199';
  readonly actions: CallAction[] = [];
  nextDial: SendResult | undefined;

  async dial(dial: Dial, dispatch: Dispatch): Promise<SendResult> {
    this.actions.push({ kind: 'dial', dial, key: dispatch.key });
    const scripted = this.nextDial;
    this.nextDial = undefined;
    return scripted ?? { status: 'sent', providerMessageId: `cc-${this.actions.filter((a) => a.kind === 'dial').length}` };
  }

  async ask(callConnectionId: string, _to: string, speech: Speech, operationContext: string) {
    this.actions.push({ kind: 'ask', callConnectionId, speech, operationContext });
  }

  async say(callConnectionId: string, speech: Speech, operationContext: string) {
    this.actions.push({ kind: 'say', callConnectionId, speech, operationContext });
  }

  async transfer(callConnectionId: string, number: string, operationContext: string) {
    this.actions.push({ kind: 'transfer', callConnectionId, number, operationContext });
  }

  async hangUp(callConnectionId: string) {
    this.actions.push({ kind: 'hangUp', callConnectionId });
  }

  of<K extends CallAction['kind']>(kind: K): Extract<CallAction, { kind: K }>[] {
    return this.actions.filter((a): a is Extract<CallAction, { kind: K }> => a.kind === kind);
  }
}
