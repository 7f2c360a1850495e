/** The window a count, distinct or every criterion counts in: a calendar period or a fixed range. */
import type { Calendar } from '../time.ts';
import { parseTime } from '../time.ts';
import type { Period, Window } from '../types.ts';

export interface CompiledWindow {
  /** Whether an instant falls in a window at all (a fixed range excludes the rest). */
  admits(t: number): boolean;
  /** The key of the window containing t; 0 for a fixed range (one window). */
  key(t: number): number;
  /** Whether windows roll over (calendar periods) or there is a single one. */
  readonly rolls: boolean;
  /** End of the window containing `now` (ms). */
  end(now: number): number;
}

export function compileWindow(window: Window | undefined, calendar: Calendar): CompiledWindow | undefined {
  if (!window) return undefined;
  if ('period' in window) {
    const period: Period = window.period;
    return {
      rolls: true,
      admits: () => true,
      key: (t) => calendar.key(period, t),
      end: (now) => calendar.end(period, calendar.key(period, now)),
    };
  }
  const from = parseTime(window.from);
  const to = parseTime(window.to);
  return { rolls: false, admits: (t) => t >= from && t < to, key: () => 0, end: () => to };
}
