import type { ChannelSender, Dispatch } from '../ports/dispatch';
import type { SendResult } from '../ports/send-result';
import type { Channel, ContentOf } from './registry';

/**
 * A channel's own sender port as the channel-free core sees it: a {@link ChannelSender} that takes
 * dispatches of `channel` only (anything else is a wiring bug, thrown) and hands their content to
 * `send`, typed as that channel's content.
 */
export function channelSender<N extends Channel>(provider: string, channel: N, send: (dispatch: Dispatch, content: ContentOf<N>) => Promise<SendResult>): ChannelSender {
  return {
    provider,
    send(dispatch) {
      const { content } = dispatch;
      if (content.channel !== channel) throw new Error(`${channel} sender given a ${content.channel} dispatch (${dispatch.key})`);
      return send(dispatch, content as unknown as ContentOf<N>);
    },
  };
}
