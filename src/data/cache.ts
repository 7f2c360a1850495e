/**
 * The widgets' response cache in IndexedDB, so that a page paints the last known state before the
 * network answers. Where IndexedDB is missing or fails in any way, it carries on in memory for the
 * rest of the page's life: a cache that breaks must never break the page.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import { wrap } from 'idb';

/** One cached response, as the network gave it. */
export interface CacheEntry {
  /** The response body, stored as is (structured clone): the reader validates it. */
  value: unknown;
  /** The response's ETag, for a conditional request. */
  etag?: string;
  /** When the value came from the network, in ms since the epoch. */
  storedAt: number;
}

/** Cached responses by key; no method rejects, whatever the browser does. */
export interface ResponseCache {
  /** What it is using now: it turns to `memory` for good after IndexedDB fails once. */
  readonly kind: 'indexeddb' | 'memory';
  get(key: string): Promise<CacheEntry | undefined>;
  put(key: string, entry: CacheEntry): Promise<void>;
  /** Forgets the entries whose keys start with `prefix` (one citizen's), or all of them. */
  clear(prefix?: string): Promise<void>;
}

/** Where {@link responseCache} keeps its data; a separate database where `name` is given. */
export interface ResponseCacheOptions {
  /** The IndexedDB to use (the page's by default); `null` for memory only. */
  indexedDB?: IDBFactory | null;
  /** The database's name, `civic-achievements` by default. */
  name?: string;
}

const DEFAULT_NAME = 'civic-achievements';
const STORE = 'responses';
/** Long enough for a slow disk; a blocked upgrade waits no longer than this before memory takes over. */
const OPEN_TIMEOUT_MS = 1500;

interface CacheSchema extends DBSchema {
  // Keys are the callers' own strings (endpoint, citizen, resource), hence no key path.
  [STORE]: { key: string; value: CacheEntry };
}

type Migration = (db: IDBPDatabase<CacheSchema>, transaction: IDBPTransaction<CacheSchema, typeof STORE[], 'versionchange'>) => void;

/**
 * The schema's history: migration `n` takes a database from version `n` to `n + 1`, so a browser
 * that skipped versions runs every step it missed. Add a step, never edit one that has shipped.
 */
const MIGRATIONS: readonly Migration[] = [
  (db) => {
    db.createObjectStore(STORE);
  },
];
const VERSION = MIGRATIONS.length;

/** Set apart from `undefined`, which is a successful read of nothing. */
const UNAVAILABLE = Symbol('unavailable');

function isEntry(stored: unknown): stored is CacheEntry {
  return typeof stored === 'object' && stored !== null && 'value' in stored && typeof (stored as CacheEntry).storedAt === 'number';
}

/** The page's IndexedDB, or `null` where there is none or touching it throws (some sandboxed frames). */
function pageIndexedDB(): IDBFactory | null {
  try {
    return globalThis.indexedDB ?? null;
  } catch {
    return null;
  }
}

/** The promise's value, or `undefined` if `ms` pass first. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  const timeout = new Promise<undefined>((resolve) => {
    const timer = setTimeout(resolve, ms);
    const stop = () => clearTimeout(timer);
    promise.then(stop, stop);
  });
  return Promise.race([promise, timeout]);
}

class FallibleResponseCache implements ResponseCache {
  /**
   * Every entry this cache has written or read, so that it can carry on where IndexedDB fails.
   * Values are kept by reference, not cloned: memory holds what IndexedDB refused to clone.
   */
  readonly #memory = new Map<string, CacheEntry>();
  readonly #factory: IDBFactory | null;
  readonly #name: string;
  #kind: 'indexeddb' | 'memory';
  #connection: Promise<IDBPDatabase<CacheSchema> | undefined> | undefined;

  constructor(factory: IDBFactory | null, name: string) {
    this.#factory = factory;
    this.#name = name;
    this.#kind = factory ? 'indexeddb' : 'memory';
  }

  get kind(): 'indexeddb' | 'memory' {
    return this.#kind;
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const stored = await this.#attempt((db) => db.get(STORE, key));
    if (stored === UNAVAILABLE) return this.#memory.get(key);
    const entry = isEntry(stored) ? stored : undefined;
    // IndexedDB is the truth shared with other tabs; memory follows it.
    if (entry) this.#memory.set(key, entry);
    else this.#memory.delete(key);
    return entry;
  }

  async put(key: string, entry: CacheEntry): Promise<void> {
    await this.#attempt((db) => db.put(STORE, entry, key));
    // After the write, so that a read that started earlier cannot leave an older entry in memory.
    this.#memory.set(key, entry);
  }

  async clear(prefix = ''): Promise<void> {
    const cleared = await this.#attempt(async (db) => {
      if (!prefix) return db.clear(STORE);
      const transaction = db.transaction(STORE, 'readwrite');
      const deleting = (async () => {
        // Keys sort as strings, so those with the prefix come together from the prefix on.
        let cursor = await transaction.store.openCursor(IDBKeyRange.lowerBound(prefix));
        while (cursor?.key.startsWith(prefix)) {
          await cursor.delete();
          cursor = await cursor.continue();
        }
      })();
      // Both awaited together, so that neither failure goes unhandled.
      await Promise.all([deleting, transaction.done]);
    });
    // What a failed database still holds must not outlive a sign-out: delete it all, unawaited,
    // as a blocked deletion could wait for as long as another tab keeps it open.
    if (cleared === UNAVAILABLE && !prefix && this.#factory) {
      try {
        this.#factory.deleteDatabase(this.#name);
      } catch {
        // Nothing more to try.
      }
    }
    for (const key of this.#memory.keys()) if (key.startsWith(prefix)) this.#memory.delete(key);
  }

  /** The operation's result, or UNAVAILABLE (and memory from now on) where IndexedDB fails. */
  async #attempt<T>(operation: (db: IDBPDatabase<CacheSchema>) => Promise<T>): Promise<T | typeof UNAVAILABLE> {
    const db = await (this.#connection ??= this.#open());
    if (!db) return UNAVAILABLE;
    try {
      return await operation(db);
    } catch {
      this.#useMemory();
      return UNAVAILABLE;
    }
  }

  async #open(): Promise<IDBPDatabase<CacheSchema> | undefined> {
    if (this.#kind === 'memory' || !this.#factory) return undefined;
    try {
      // idb's openDB always opens the global indexedDB; wrapping the request lets a factory be given.
      const request = this.#factory.open(this.#name, VERSION);
      request.addEventListener('upgradeneeded', ({ oldVersion }) => {
        const upgrading = request.transaction!;
        try {
          const db = wrap(request.result) as unknown as IDBPDatabase<CacheSchema>;
          const transaction = wrap(upgrading) as unknown as IDBPTransaction<CacheSchema, typeof STORE[], 'versionchange'>;
          // The open request reports a failed upgrade; this would only be an unhandled rejection.
          transaction.done.catch(() => undefined);
          for (const migrate of MIGRATIONS.slice(oldVersion)) migrate(db, transaction);
        } catch {
          // A failed migration fails the open, not the page: the open request errors, memory takes over.
          upgrading.abort();
        }
      });
      const opening = wrap(request) as Promise<IDBPDatabase<CacheSchema>>;
      const db = await within(opening, OPEN_TIMEOUT_MS);
      if (!db) {
        // Blocked or stuck: should it open after all, let it go at once rather than block others.
        opening.then((late) => late.close(), () => undefined);
        throw new Error('IndexedDB did not open in time');
      }
      // A database of this name and version laid out by someone else: leave it alone.
      if (!db.objectStoreNames.contains(STORE)) {
        db.close();
        throw new Error('IndexedDB has an unknown layout');
      }
      // By now #attempt holds this opening as the connection; a later one must not be forgotten.
      const connected = this.#connection;
      const forget = () => {
        if (this.#connection === connected && this.#kind === 'indexeddb') this.#connection = undefined;
      };
      // Another tab upgrades or deletes the database: get out of its way, open again when needed.
      db.addEventListener('versionchange', () => {
        db.close();
        forget();
      });
      // The browser closed it (storage cleared, disk gone): open again when needed.
      db.addEventListener('close', forget);
      return db;
    } catch {
      this.#useMemory();
      return undefined;
    }
  }

  #useMemory(): void {
    this.#kind = 'memory';
    this.#connection = Promise.resolve(undefined);
  }
}

let shared: ResponseCache | undefined;
/** Every cache this page made, for {@link clearAchievementCache}. */
const made = new Set<ResponseCache>();

/**
 * The page's shared response cache, or with `options`, a separate one (tests, isolated pages).
 * It never throws, and none of its methods rejects.
 */
export function responseCache(options?: ResponseCacheOptions): ResponseCache {
  if (!options && shared) return shared;
  const factory = options?.indexedDB === undefined ? pageIndexedDB() : options.indexedDB;
  const cache = new FallibleResponseCache(factory, options?.name ?? DEFAULT_NAME);
  made.add(cache);
  if (!options) shared = cache;
  return cache;
}

/**
 * Empties every response cache of this page, in IndexedDB and in memory: call it on sign-out or
 * when the citizen changes, so that nothing of the last citizen's is painted again. Never rejects.
 */
export async function clearAchievementCache(): Promise<void> {
  responseCache(); // the stored database is emptied even where nothing opened it on this page
  await Promise.all([...made].map((cache) => cache.clear()));
}
