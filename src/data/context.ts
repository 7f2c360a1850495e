/** The context through which `<achievement-provider>` hands its store to the elements inside it. */
import { createContext } from '@lit/context';
import type { AchievementStore } from './store.ts';

// A registered symbol: elements and providers from two copies of the bundle on one page still meet.
export const achievementStoreContext = createContext<AchievementStore | undefined>(Symbol.for('civic-achievements-store'));
