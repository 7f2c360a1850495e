/** The manifest check: every element has a tag and a summary, every event one naming scheme and its @fires. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error: a plain script without types
import { manifestProblems } from '../../../scripts/manifest.mjs';

const problemsOf = manifestProblems as (manifest: unknown, readSource: (path: string) => string) => string[];
const element = (declaration: Record<string, unknown>) => ({ modules: [{ path: 'src/components/x/x.ts', declarations: [{ customElement: true, name: 'X', tagName: 'x-el', summary: 'An element.', ...declaration }] }] });

describe('manifestProblems', () => {
  it('passes an element whose documented events are the ones it dispatches', () => {
    const manifest = element({ events: [{ name: 'achievement-rate', description: 'A rating.' }] });
    assert.deepEqual(problemsOf(manifest, () => "this.dispatchEvent(new CustomEvent('achievement-rate', { bubbles: true }))"), []);
  });

  it('names an element without a summary, an event under a variable, an undocumented one and one never dispatched', () => {
    const manifest = element({ summary: '', events: [{ name: 'type', description: '' }, { name: 'achievement-gone', description: 'Gone.' }] });
    const problems = problemsOf(manifest, () => "new CustomEvent(type); new CustomEvent('achievement-new')");
    assert.ok(problems.some((p) => p.includes('no @summary')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('"type" is not named achievement-<verb>')));
    assert.ok(problems.some((p) => p.includes('"type" is dispatched but not documented')));
    assert.ok(problems.some((p) => p.includes('@fires achievement-gone, but neither it nor an element it renders dispatches it')));
    assert.ok(problems.some((p) => p.includes('dispatches "achievement-new", which the manifest does not list')));
  });
});
