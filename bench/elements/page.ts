/**
 * The page of `npm run bench:elements`: `<achievement-board>` with 200 achievements from a store
 * held in memory (the network is not what is measured), against the same markup set statically
 * with innerHTML into a shadow root with the same styles. It also changes one achievement's
 * progress and counts the cards whose DOM changed. Results go to `window.benchResult`.
 */
import { ContextProvider } from '@lit/context';
import '../../src/components/achievement-board/define.ts';
import type { AchievementBoard } from '../../src/components/achievement-board/achievement-board.ts';
import { achievementStoreContext } from '../../src/data/context.ts';
import type { Catalog, MyAchievements } from '../../src/data/contract.ts';
import type { AchievementStore, StoreSnapshot } from '../../src/data/store.ts';

declare global {
  interface Window {
    benchResult?: { board: number[]; static: number[]; update: number[]; cardsTouched: number[] };
  }
}

const COUNT = 200;
const TRIALS = Number(new URLSearchParams(location.search).get('trials') ?? 15);
const difficulties = ['simple', 'medium', 'complex'] as const;
const states = ['unlocked', 'in_progress', 'locked'] as const;

const catalog: Catalog = {
  language: 'ru',
  timeZone: 'Europe/Moscow',
  achievements: Array.from({ length: COUNT }, (_, i) => ({
    id: `a-${i}`,
    title: `Достижение номер ${i + 1}`,
    description: `Подайте ${i + 2} заявления в разных категориях услуг, чтобы получить это достижение.`,
    difficulty: difficulties[i % 3]!,
    category: 'services',
    hidden: i % 17 === 0,
    icon: `/icons/a-${i % 10}.svg`,
    points: 10 + (i % 5) * 10,
    unit: { one: 'заявление', few: 'заявления', many: 'заявлений' },
  })),
  levels: [
    { id: 'newcomer', index: 0, title: 'Новичок', minPoints: 0, privileges: [] },
    { id: 'active', index: 1, title: 'Активный пользователь', minPoints: 100, privileges: [{ id: 'fast', title: 'Ускоренное рассмотрение' }] },
  ],
};

function stateWith(progressOf: (i: number) => number): MyAchievements {
  return {
    userId: 'bench',
    verified: true,
    points: 1234,
    level: { id: 'active', index: 1, title: 'Активный пользователь', minPoints: 100, nextMinPoints: 2000, privileges: [{ id: 'fast', title: 'Ускоренное рассмотрение' }] },
    achievements: catalog.achievements.map((a, i) => {
      const state = states[i % 3]!;
      const target = 5 + (i % 7);
      const current = state === 'unlocked' ? target : state === 'locked' ? 0 : Math.min(target - 1, progressOf(i));
      return {
        id: a.id,
        state,
        progress: { current, target, remaining: target - current, ...(i % 4 === 0 ? { windowEndsAt: '2026-12-31T21:00:00.000Z' } : {}) },
        points: state === 'unlocked' ? (a.points ?? 0) : 0,
        ...(state === 'unlocked' ? { unlockedAt: '2026-11-02T09:00:00.000Z' } : {}),
      };
    }),
    updatedAt: '2026-12-01T09:00:00.000Z',
  };
}

/** A store that holds a state in memory: what the board reads, without the network. */
class MemoryStore {
  snapshot: StoreSnapshot;
  readonly #listeners = new Set<(snapshot: StoreSnapshot) => void>();
  constructor(achievements: MyAchievements) {
    this.snapshot = { status: 'ready', achievements, catalog, refreshedAt: Date.now(), error: undefined, updates: 'stream', sections: {}, leaderboards: {} };
  }
  subscribe(listener: (snapshot: StoreSnapshot) => void) {
    this.#listeners.add(listener);
    listener(this.snapshot);
    return () => this.#listeners.delete(listener);
  }
  onUnlock() {
    return () => {};
  }
  connect() {
    return () => {};
  }
  refresh() {
    return Promise.resolve();
  }
  set(achievements: MyAchievements) {
    this.snapshot = { ...this.snapshot, achievements };
    for (const listener of this.#listeners) listener(this.snapshot);
  }
}

const settle = (element: Element) => element.getBoundingClientRect().height; // forces style and layout
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

async function boardTrial(): Promise<{ ms: number; board: AchievementBoard; store: MemoryStore; host: HTMLElement }> {
  const store = new MemoryStore(stateWith((i) => i % 4));
  const host = document.createElement('div');
  new ContextProvider(host, { context: achievementStoreContext, initialValue: store as unknown as AchievementStore });
  document.body.append(host);
  const board = document.createElement('achievement-board');
  const started = performance.now();
  host.append(board);
  await board.updateComplete;
  settle(board);
  return { ms: performance.now() - started, board, store, host };
}

function staticTrial(markup: string, sheets: CSSStyleSheet[]): number {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = sheets;
  const started = performance.now();
  root.innerHTML = markup; // eslint-disable-line no-restricted-properties -- the static baseline the board is measured against
  settle(host);
  const ms = performance.now() - started;
  host.remove();
  return ms;
}

const result = { board: [] as number[], static: [] as number[], update: [] as number[], cardsTouched: [] as number[] };
const sheets = (customElements.get('achievement-board') as unknown as { elementStyles: Array<{ styleSheet?: CSSStyleSheet }> }).elementStyles.flatMap((style) => (style.styleSheet ? [style.styleSheet] : []));
await boardTrial().then(({ host }) => host.remove()); // the first one compiles templates: not counted
for (let trial = 0; trial < TRIALS; trial += 1) {
  const { ms, board, store, host } = await boardTrial();
  result.board.push(ms);
  const markup = board.shadowRoot!.innerHTML; // eslint-disable-line no-restricted-properties -- reading the markup for the baseline
  await nextFrame();
  result.static.push(staticTrial(markup, sheets));
  await nextFrame();

  // One achievement's progress moves: which cards change?
  const touched = new Set<Element>();
  const cardOf = (node: Node | null) => (node instanceof Element ? node : node?.parentElement)?.closest('[part="card"]');
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const card = cardOf(record.target);
      if (card) touched.add(card);
      // A card moved within its list (the sort follows progress): the moved card, not the list.
      // (Lit's comment markers move with it, and are no content.)
      else for (const node of [...record.addedNodes, ...record.removedNodes]) if (node instanceof Element) touched.add(cardOf(node) ?? board);
    }
  });
  observer.observe(board.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
  const moved = 1 + 3 * ((trial * 7) % 60); // an in-progress one
  const started = performance.now();
  store.set(stateWith((i) => (i === moved ? (i % 4) + 1 : i % 4)));
  await board.updateComplete;
  settle(board);
  result.update.push(performance.now() - started);
  observer.disconnect();
  result.cardsTouched.push(touched.size);
  host.remove();
  await nextFrame();
}
window.benchResult = result;
