/** The context through which `<achievement-provider>` hands its store to the elements inside it. */
import { createContext } from '@lit/context';
import type { AchievementStore } from './store.ts';

export const achievementStoreContext = createContext<AchievementStore | undefined>(Symbol('civic-achievements-store'));
