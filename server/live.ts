/** In-process fan-out of a citizen's live events to their open streams (after the commit). */

export interface LiveMessage {
  /** The SSE id (live_events.seq). */
  id: number;
  event: 'unlock' | 'progress';
  data: string;
}

type Listener = (message: LiveMessage) => void;

export class LiveHub {
  readonly #listeners = new Map<string, Set<Listener>>();

  subscribe(userId: string, listener: Listener): () => void {
    const set = this.#listeners.get(userId) ?? new Set<Listener>();
    set.add(listener);
    this.#listeners.set(userId, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.#listeners.delete(userId);
    };
  }

  publish(userId: string, messages: readonly LiveMessage[]): void {
    const set = this.#listeners.get(userId);
    if (!set) return;
    for (const listener of set) for (const message of messages) listener(message);
  }
}
