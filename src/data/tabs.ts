/**
 * The page's tabs share what they learn: a tab that fetched a fresh state posts it, and the
 * other tabs' stores for the same key adopt it (and its ETag) instead of fetching it themselves.
 * Where BroadcastChannel is missing, each tab simply keeps to itself.
 */

export interface TabMessage {
  /** The store's key (endpoint, citizen, language). */
  key: string;
  /** The state as fetched: re-validated by the receiver, as anything from outside is. */
  value: unknown;
  etag: string | undefined;
  /** When the sender received it from the network (ms). */
  receivedAt: number;
}

const CHANNEL = 'civic-achievements';

export interface TabLink {
  post(message: TabMessage): void;
  close(): void;
}

export function linkTabs(key: string, receive: (message: TabMessage) => void): TabLink {
  if (typeof BroadcastChannel === 'undefined') return { post() {}, close() {} };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = event.data as Partial<TabMessage> | null;
    if (message && typeof message === 'object' && message.key === key && typeof message.receivedAt === 'number') receive(message as TabMessage);
  };
  return {
    post(message) {
      try {
        channel.postMessage(message);
      } catch {
        // A closed channel or an uncloneable value: the other tabs fetch for themselves.
      }
    },
    close: () => channel.close(),
  };
}
