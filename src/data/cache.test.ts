/**
 * The response cache in real Chromium IndexedDB, and every way IndexedDB lets it down: absent,
 * throwing, refusing to open, a foreign or newer database, failed writes and transactions, a
 * blocked open, another tab's upgrade. Whatever happens, no call rejects and what it learned stays.
 */
import { expect } from '@open-wc/testing';
import type { CacheEntry } from './cache.ts';
import { clearAchievementCache, responseCache } from './cache.ts';

let serial = 0;
let names: string[] = [];

/** A database name of this test's own, deleted after it. */
function uniqueName(): string {
  const name = `cache-test-${Date.now()}-${++serial}`;
  names.push(name);
  return name;
}

const entry = (value: unknown, storedAt = 1_700_000_000_000, etag?: string): CacheEntry => ({ value, storedAt, ...(etag ? { etag } : {}) });

function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Opens a database with no cache in between, as another version of the code (or another tab) would. */
function openRaw(name: string, version: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const request = indexedDB.open(name, version);
  request.onupgradeneeded = () => upgrade?.(request.result);
  return settled(request);
}

async function exists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((database) => database.name === name);
}

/** Deletes a database; gives up after a while rather than hang the suite on a forgotten connection. */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    const timer = setTimeout(resolve, 3000);
    request.onsuccess = request.onerror = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

async function until(test: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await test())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The page's IndexedDB with some of its methods replaced; the rest bound to it, as they must be. */
function factoryWith(overrides: Partial<IDBFactory>): IDBFactory {
  return new Proxy(indexedDB, {
    get(target, property) {
      if (property in overrides) return overrides[property as keyof IDBFactory];
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Replaces a prototype's method for one test; returns the undo. */
function patch<T extends object, K extends keyof T>(prototype: T, method: K, replace: (original: T[K]) => T[K]): () => void {
  const original = prototype[method];
  prototype[method] = replace(original);
  return () => {
    prototype[method] = original;
  };
}

describe('response cache', () => {
  // Whatever fails inside the cache must not reach the page, not even as an unhandled rejection.
  let escaped: unknown[] = [];
  const onEscape = (event: PromiseRejectionEvent | ErrorEvent) => escaped.push(event instanceof ErrorEvent ? event.error : event.reason);
  before(() => {
    addEventListener('unhandledrejection', onEscape);
    addEventListener('error', onEscape);
  });
  after(() => {
    removeEventListener('unhandledrejection', onEscape);
    removeEventListener('error', onEscape);
  });

  afterEach(async () => {
    await Promise.all(names.map(deleteDatabase));
    names = [];
    // Rejections are reported after the task that left them unhandled.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen = escaped;
    escaped = [];
    expect(seen.map(String)).to.deep.equal([]);
  });

  describe('in IndexedDB', () => {
    it('reads back what it wrote, also through a new connection to the same database', async () => {
      const name = uniqueName();
      const first = responseCache({ name });
      await first.put('api|alice|en|me', entry({ points: 10, list: [1, 2] }, 1234, '"v1"'));
      expect(await first.get('api|alice|en|me')).to.deep.equal({ value: { points: 10, list: [1, 2] }, storedAt: 1234, etag: '"v1"' });
      expect(first.kind).to.equal('indexeddb');

      const second = responseCache({ name });
      expect(await second.get('api|alice|en|me')).to.deep.equal({ value: { points: 10, list: [1, 2] }, storedAt: 1234, etag: '"v1"' });
      expect(await second.get('api|bob|en|me')).to.equal(undefined);
      expect(second.kind).to.equal('indexeddb');
    });

    it('creates its schema over nothing (version 0) and leaves it for the next version to upgrade', async () => {
      const name = uniqueName();
      expect(await exists(name)).to.equal(false);
      await responseCache({ name }).put('k', entry('v'));
      const db = await openRaw(name, 1);
      try {
        expect(db.version).to.equal(1);
        expect([...db.objectStoreNames]).to.deep.equal(['responses']);
        expect(await settled(db.transaction('responses').objectStore('responses').get('k'))).to.deep.equal(entry('v'));
      } finally {
        db.close();
      }
    });

    it('reads a database that version 1 wrote, made here by hand, and skips records that are not entries', async () => {
      const name = uniqueName();
      const db = await openRaw(name, 1, (created) => created.createObjectStore('responses'));
      const store = db.transaction('responses', 'readwrite').objectStore('responses');
      store.put({ value: { points: 3 }, etag: '"e"', storedAt: 99 }, 'api|carol|en|me');
      await settled(store.put('not an entry', 'damaged'));
      db.close();

      const cache = responseCache({ name });
      expect(await cache.get('api|carol|en|me')).to.deep.equal({ value: { points: 3 }, etag: '"e"', storedAt: 99 });
      expect(await cache.get('damaged')).to.equal(undefined);
      expect(cache.kind).to.equal('indexeddb');
    });

    it('clears everything, or only the keys with a prefix', async () => {
      const name = uniqueName();
      const cache = responseCache({ name });
      // '-' sorts before '|' and '~' after it: neighbours of the prefix's range either side.
      const keys = ['api|alice-2|me', 'api|alice|en|me', 'api|alice|fr|me', 'api|alice~|me', 'api|bob|en|me'];
      for (const key of keys) await cache.put(key, entry(key));

      await cache.clear('api|alice|');
      const reopened = responseCache({ name });
      for (const reader of [cache, reopened]) {
        const left = await Promise.all(keys.map(async (key) => ((await reader.get(key)) ? key : undefined)));
        expect(left.filter(Boolean)).to.deep.equal(['api|alice-2|me', 'api|alice~|me', 'api|bob|en|me']);
      }

      await cache.clear();
      for (const reader of [cache, responseCache({ name })]) {
        for (const key of keys) expect(await reader.get(key)).to.equal(undefined);
      }
      expect(cache.kind).to.equal('indexeddb');
    });

    it('clearAchievementCache empties the page cache, its database and every other cache of the page', async () => {
      const named = responseCache({ name: uniqueName() });
      const memory = responseCache({ indexedDB: null, name: uniqueName() });
      names.push('civic-achievements');
      const page = responseCache();
      expect(responseCache()).to.equal(page);
      await Promise.all([page.put('p', entry(1)), named.put('n', entry(2)), memory.put('m', entry(3))]);

      await clearAchievementCache();
      expect(await page.get('p')).to.equal(undefined);
      expect(await named.get('n')).to.equal(undefined);
      expect(await memory.get('m')).to.equal(undefined);
      expect(await responseCache({ name: 'civic-achievements' }).get('p')).to.equal(undefined);
      expect(page.kind).to.equal('indexeddb');
    });
  });

  describe('when IndexedDB lets it down', () => {
    it('works in memory where there is no IndexedDB', async () => {
      const name = uniqueName();
      const cache = responseCache({ indexedDB: null, name });
      expect(cache.kind).to.equal('memory');
      await cache.put('api|dave|me', entry('d'));
      await cache.put('api|erin|me', entry('e'));
      expect(await cache.get('api|dave|me')).to.deep.equal(entry('d'));
      await cache.clear('api|dave|');
      expect(await cache.get('api|dave|me')).to.equal(undefined);
      expect(await cache.get('api|erin|me')).to.deep.equal(entry('e'));
      await cache.clear();
      expect(await cache.get('api|erin|me')).to.equal(undefined);
      expect(await exists(name)).to.equal(false);
    });

    it('turns to memory where open() throws', async () => {
      const throwing = factoryWith({
        open: () => {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        },
      });
      const cache = responseCache({ indexedDB: throwing, name: uniqueName() });
      await cache.put('k', entry('v'));
      expect(await cache.get('k')).to.deep.equal(entry('v'));
      await cache.clear();
      expect(await cache.get('k')).to.equal(undefined);
      expect(cache.kind).to.equal('memory');
    });

    it('turns to memory where the open request fails, as over a newer version, and leaves that one alone', async () => {
      const name = uniqueName();
      const newer = await openRaw(name, 3, (db) => db.createObjectStore('entries-v3'));
      newer.close();
      const cache = responseCache({ name });
      await cache.put('k', entry('v'));
      expect(await cache.get('k')).to.deep.equal(entry('v'));
      expect(cache.kind).to.equal('memory');
      const after = await openRaw(name, 3);
      expect([...after.objectStoreNames]).to.deep.equal(['entries-v3']);
      after.close();
    });

    it('turns to memory over a version 1 database that someone else laid out, and leaves it alone', async () => {
      const name = uniqueName();
      const foreign = await openRaw(name, 1, (db) => db.createObjectStore('other'));
      foreign.close();
      const cache = responseCache({ name });
      await cache.put('k', entry('v'));
      expect(await cache.get('k')).to.deep.equal(entry('v'));
      expect(cache.kind).to.equal('memory');
      const after = await openRaw(name, 1);
      expect([...after.objectStoreNames]).to.deep.equal(['other']);
      after.close();
    });

    it('turns to memory where the upgrade fails, and leaves no half-made database', async () => {
      const name = uniqueName();
      const restore = patch(IDBDatabase.prototype, 'createObjectStore', () => () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      });
      const cache = responseCache({ name });
      try {
        await cache.put('k', entry('v'));
      } finally {
        restore();
      }
      expect(cache.kind).to.equal('memory');
      expect(await cache.get('k')).to.deep.equal(entry('v'));
      expect(await exists(name)).to.equal(false);
    });

    it('keeps a value IndexedDB cannot clone, in memory, with what it had read before', async () => {
      const cache = responseCache({ name: uniqueName() });
      await cache.put('plain', entry({ points: 1 }));
      expect(await cache.get('plain')).to.deep.equal(entry({ points: 1 }));
      const uncloneable = { render: () => 'a function' };
      await cache.put('odd', entry(uncloneable));
      expect(cache.kind).to.equal('memory');
      expect((await cache.get('odd'))?.value).to.equal(uncloneable);
      expect(await cache.get('plain')).to.deep.equal(entry({ points: 1 }));
    });

    it('keeps the value in memory when the write transaction aborts at commit, as when the quota is exceeded', async () => {
      const cache = responseCache({ name: uniqueName() });
      await cache.put('first', entry(1));
      const restore = patch(IDBObjectStore.prototype, 'put', (put) =>
        function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
          const request = put.apply(this, args);
          // The write itself succeeds; only the transaction fails, as quota errors surface.
          const transaction = this.transaction;
          request.addEventListener('success', () => transaction.abort());
          return request;
        },
      );
      try {
        await cache.put('second', entry(2));
      } finally {
        restore();
      }
      expect(cache.kind).to.equal('memory');
      expect(await cache.get('second')).to.deep.equal(entry(2));
      expect(await cache.get('first')).to.deep.equal(entry(1));
    });

    it('answers from memory, with what it had read, when a transaction throws', async () => {
      const name = uniqueName();
      await responseCache({ name }).put('k', entry('v'));
      const cache = responseCache({ name });
      expect(await cache.get('k')).to.deep.equal(entry('v'));
      const restore = patch(IDBDatabase.prototype, 'transaction', () => () => {
        throw new DOMException('The database connection is closing.', 'InvalidStateError');
      });
      try {
        expect(await cache.get('k')).to.deep.equal(entry('v'));
        expect(await cache.get('never-seen')).to.equal(undefined);
        await cache.clear('x');
      } finally {
        restore();
      }
      expect(cache.kind).to.equal('memory');
      expect(await cache.get('k')).to.deep.equal(entry('v'));
    });

    it('does not wait for ever on a blocked open, and lets go of the connection that opens late', async () => {
      const name = uniqueName();
      // A connection that ignores versionchange blocks a deletion, and the cache's open queues behind it.
      const holder = await openRaw(name, 1, (db) => db.createObjectStore('responses'));
      const deletion = deleteDatabase(name);
      const cache = responseCache({ name });
      await cache.put('k', entry('v'));
      expect(cache.kind).to.equal('memory');
      expect(await cache.get('k')).to.deep.equal(entry('v'));

      holder.close();
      await deletion;
      await until(() => exists(name), 5000, 'the late open to create the database');
      // Were the late connection still open, this upgrade would be blocked.
      const request = indexedDB.open(name, 2);
      let blocked = false;
      request.onblocked = () => (blocked = true);
      const upgraded = await settled(request);
      upgraded.close();
      expect(blocked).to.equal(false);
    });

    it('closes its connection for another tab upgrading the database, then carries on in memory', async () => {
      const name = uniqueName();
      const cache = responseCache({ name });
      await cache.put('k', entry('v'));
      expect(await cache.get('k')).to.deep.equal(entry('v'));
      expect(cache.kind).to.equal('indexeddb');

      const request = indexedDB.open(name, 2);
      let blocked = false;
      request.onblocked = () => (blocked = true);
      const newer = await settled(request);
      newer.close();
      expect(blocked).to.equal(false);

      await cache.put('after', entry('a'));
      expect(cache.kind).to.equal('memory');
      expect(await cache.get('k')).to.deep.equal(entry('v'));
      expect(await cache.get('after')).to.deep.equal(entry('a'));
    });

    it('opens again after another tab deletes the database', async () => {
      const name = uniqueName();
      const cache = responseCache({ name });
      await cache.put('k', entry('v'));
      await deleteDatabase(name);
      expect(await exists(name)).to.equal(false);
      expect(await cache.get('k')).to.equal(undefined);
      await cache.put('k2', entry('v2'));
      expect(cache.kind).to.equal('indexeddb');
      expect(await responseCache({ name }).get('k2')).to.deep.equal(entry('v2'));
    });

    it('deletes the database on a full clear once IndexedDB has failed, so nothing of it is painted again', async () => {
      const name = uniqueName();
      const cache = responseCache({ name });
      await cache.put('api|frank|me', entry('secret'));
      await cache.put('odd', entry(() => 'uncloneable'));
      expect(cache.kind).to.equal('memory');

      await cache.clear();
      expect(await cache.get('api|frank|me')).to.equal(undefined);
      // A new page's cache opens after the deletion, queued behind it.
      expect(await responseCache({ name }).get('api|frank|me')).to.equal(undefined);
    });
  });
});
