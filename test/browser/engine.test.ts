/** The engine runs unchanged in the browser: same catalog, same answers, Intl time zones included. */
import { expect } from '@open-wc/testing';
import type { AchievementEvent } from '../../src/engine/index.ts';
import { compileCatalog, createUserState, describeUser, evaluateEvent, parseTime, replayEvents, validateEventBatch } from '../../src/engine/index.ts';

const catalogJson: unknown = await (await fetch(new URL('../../src/engine/catalog/default.json', import.meta.url))).json();
const catalog = compileCatalog(catalogJson);

const event = (id: string, type: string, occurredAt: string, attributes?: Record<string, string>): AchievementEvent => ({
  id,
  userId: 'browser-citizen',
  type,
  occurredAt,
  ...(attributes ? { attributes } : {}),
});

describe('engine in Chromium', () => {
  it('evaluates the default catalog with Moscow calendar windows', () => {
    const state = createUserState(catalog);
    const events = [
      event('v', 'profile.verified', '2025-03-01T09:00:00Z'),
      event('a1', 'application.submitted', '2025-03-30T10:00:00Z'),
      event('a2', 'application.submitted', '2025-03-31T22:30:00Z'), // April in Moscow
      event('a3', 'application.submitted', '2025-04-10T10:00:00Z'),
      event('a4', 'application.submitted', '2025-04-20T10:00:00Z'),
    ];
    const unlocked = events.flatMap((e) => {
      const result = evaluateEvent(catalog, state, e);
      return result.status === 'applied' ? result.changes.unlocked.map((u) => `${u.achievementId}@${u.unlockedAt}`) : [];
    });
    expect(unlocked).to.deep.equal([
      'registered@2025-03-01T09:00:00.000Z',
      'first-request@2025-03-30T10:00:00.000Z',
      'regular-user@2025-04-20T10:00:00.000Z',
    ]);
    expect(replayEvents(catalog, [...events].reverse()).state).to.deep.equal(state);
    const view = describeUser(catalog, state, parseTime('2025-04-21T00:00:00Z'));
    expect(view.points).to.equal(10 + 20 + 40 + 4 * 10);
    expect(view.level.id).to.equal('active'); // 110 points
    expect(view.achievements.find((a) => a.id === 'three-document-types')?.progress.windowEndsAt).to.equal('2025-06-30T21:00:00.000Z');
  });

  it('reports batch errors with index and field', () => {
    const result = validateEventBatch({ events: [event('x', 'app.login', '2025-01-01T00:00:00Z'), { id: 'y' }] });
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.issues[0]).to.deep.equal({ path: 'events[1].userId', message: 'required' });
  });
});

describe('the built engine bundle (dist/civic-achievements-engine.js)', () => {
  it('is self-contained and gives the same answers as the source', async () => {
    const bundleUrl = new URL('../../dist/civic-achievements-engine.js', import.meta.url).href;
    const bundle = (await import(/* @vite-ignore */ bundleUrl)) as typeof import('../../src/engine/index.ts');
    const built = bundle.compileCatalog(catalogJson);
    const events = [
      event('v', 'profile.verified', '2025-03-01T09:00:00Z'),
      event('s1', 'signature.used', '2025-03-02T10:00:00Z', { procedure: 'a' }),
      event('a1', 'application.submitted', '2025-03-03T10:00:00Z'),
    ];
    const fromBundle = bundle.replayEvents(built, events);
    const fromSource = replayEvents(catalog, events);
    expect(fromBundle.changes).to.deep.equal(fromSource.changes);
    expect(Array.from(fromBundle.state.n)).to.deep.equal(Array.from(fromSource.state.n));
  });
});
