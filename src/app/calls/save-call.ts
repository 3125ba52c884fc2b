import type { CallStore, StoredCall } from '../../ports/calls';

/**
 * Stores the orchestration's view of a call. Only its orchestration changes a call's state; the
 * send path may record the connection ID meanwhile, so a lost ETag race reads the row again and
 * keeps that.
 */
export async function saveCall(deps: { readonly calls: CallStore }, call: StoredCall): Promise<StoredCall> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.calls.get(call.callId);
    if (!current) return call;
    const merged = { ...call, callConnectionId: call.callConnectionId ?? current.call.callConnectionId };
    if (await deps.calls.replace(merged, current.etag)) return merged;
  }
  throw new Error(`call ${call.callId}: could not be saved (kept changing)`);
}
