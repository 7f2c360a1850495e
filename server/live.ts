/** In-process fan-out of a citizen's live events to their open streams (after the commit). */

export interface LiveMessage {
  /** The SSE id (live_events.seq). */
  id: number;
  event: 'unlock' | 'progress' | 'campaign';
  data: string;
}

type Listener = (message: LiveMessage) => void;

/** live_events.user_id of a message for every citizen (a campaign announcement); no citizen id is empty. */
export const EVERYONE = '';

export class LiveHub {
  readonly #listeners = new Map<string, Set<Listener>>();

  subscribe(userId: string, listener: Listener): () => void {
    const set = this.#listeners.get(userId) ?? new Set<Listener>();
    set.add(listener);
    this.#listeners.set(userId, set);
    return () => {
      set.delete(listener);
      // Only this set: a second call after the citizen's next stream made a new one must leave it be.
      if (!set.size && this.#listeners.get(userId) === set) this.#listeners.delete(userId);
    };
  }

  /** How many streams the citizen has open now. */
  streamsOf(userId: string): number {
    return this.#listeners.get(userId)?.size ?? 0;
  }

  publish(userId: string, messages: readonly LiveMessage[]): void {
    const set = this.#listeners.get(userId);
    if (!set) return;
    for (const listener of set) for (const message of messages) listener(message);
  }

  /** The citizens with a stream open now. */
  connected(): string[] {
    return [...this.#listeners.keys()];
  }

  /** Sends a message to every connected citizen except those in `skip`. */
  broadcast(message: LiveMessage, skip: ReadonlySet<string> = new Set()): void {
    for (const [userId, set] of this.#listeners) if (!skip.has(userId)) for (const listener of set) listener(message);
  }
}
