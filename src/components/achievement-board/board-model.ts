/** What the board shows, worked out from the store's state: groups, filters, order. No DOM. */
import type { Catalog, CatalogAchievement, MyAchievement } from '../../data/contract.ts';
import type { BoardFilter, Difficulty } from '../../i18n/achievement-board.ts';

/** One card: the citizen's state of an achievement with its catalog entry. */
export interface BoardItem {
  mine: MyAchievement;
  entry: CatalogAchievement;
}

export interface BoardGroup {
  difficulty: Difficulty;
  items: BoardItem[];
}

export const FILTERS: readonly BoardFilter[] = ['all', 'unlocked', 'in_progress', 'locked'];
const DIFFICULTIES: readonly Difficulty[] = ['simple', 'medium', 'complex'];
/** In progress first (what the citizen can finish next), then the earned ones, then the rest. */
const STATE_ORDER = { in_progress: 0, unlocked: 1, locked: 2 } as const;

const share = ({ progress }: MyAchievement) => (progress.target > 0 ? progress.current / progress.target : 0);

/** By state; in progress closest to done first, earned newest first, otherwise the catalog's order (the sort is stable). */
function compare(a: BoardItem, b: BoardItem): number {
  const byState = STATE_ORDER[a.mine.state] - STATE_ORDER[b.mine.state];
  if (byState) return byState;
  if (a.mine.state === 'in_progress') return share(b.mine) - share(a.mine);
  if (a.mine.state === 'unlocked') return (b.mine.unlockedAt ?? '').localeCompare(a.mine.unlockedAt ?? '');
  return 0;
}

/** The citizen's achievements that the catalog describes, in the catalog's order. */
export function boardItems(achievements: readonly MyAchievement[], catalog: Catalog): BoardItem[] {
  const mine = new Map(achievements.map((a) => [a.id, a]));
  const items: BoardItem[] = [];
  for (const entry of catalog.achievements) {
    const state = mine.get(entry.id);
    if (state) items.push({ mine: state, entry });
  }
  return items;
}

export const matches = (filter: BoardFilter, item: BoardItem) => filter === 'all' || item.mine.state === filter;

/** How many cards each filter shows. */
export function filterCounts(items: readonly BoardItem[]): Record<BoardFilter, number> {
  const counts = { all: items.length, unlocked: 0, in_progress: 0, locked: 0 };
  for (const item of items) counts[item.mine.state] += 1;
  return counts;
}

/** The cards a filter shows, by difficulty (simple, medium, complex), each group sorted; empty groups left out. */
export function boardGroups(items: readonly BoardItem[], filter: BoardFilter): BoardGroup[] {
  return DIFFICULTIES.map((difficulty) => ({
    difficulty,
    items: items.filter((item) => item.entry.difficulty === difficulty && matches(filter, item)).sort(compare),
  })).filter((group) => group.items.length > 0);
}

/** The last day of a window that closes at `endsAt` (the instant after it): a window to midnight ends the day before. */
export const lastDayOf = (endsAt: string) => Date.parse(endsAt) - 1;
