/**
 * Runs axe on an element with the rules of ГОСТ Р 52872-2019 (WCAG 2.1 AA) and WCAG 2.2 AA plus
 * axe's best practices, and fails with each violation named. chai-a11y-axe drops `runOnly`, so its
 * `accessible()` ran axe's default set, in which WCAG 2.2's target-size is off.
 */
import 'axe-core/axe.min.js';
import type { AxeResults, ElementContext } from 'axe-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}

export async function expectAccessible(context: ElementContext): Promise<AxeResults> {
  const results = await window.axe.run(context, { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] });
  if (results.violations.length) {
    const lines = results.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
    throw new Error(`axe found ${results.violations.length} violation(s):\n  ${lines.join('\n  ')}`);
  }
  return results;
}
