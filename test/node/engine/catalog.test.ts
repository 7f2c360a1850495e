/** The default catalog: DESIGN.md's ids, the seed's difficulty grouping, safe original icons. */
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compileCatalog } from '../../../src/engine/index.ts';
import { catalogJson, Citizen, definition, smallCatalog } from './harness.ts';

const ids = [
  'registered', 'contacts-confirmed', 'profile-complete', 'first-request', 'regular-user', 'e-signer', 'notification-master',
  'mobile-pro', 'express', 'successful-visit', 'professional-pack', 'poll-participant', 'active-voter', 'digital-month',
  'three-document-types', 'support-feedback', 'certificate-collector', 'permanent-user', 'daily-mobile', 'tenure', 'digital-transformation',
];

describe('the layout id (a change replays every citizen)', () => {
  const layoutId = (change: (catalog: typeof catalogJson) => void) => {
    const copy = structuredClone(catalogJson);
    change(copy);
    return compileCatalog(copy).layoutId;
  };
  const original = layoutId(() => {});

  it('changes with a point rule’s points, which the stored state sums', () => {
    assert.notEqual(layoutId((c) => (c.pointRules![0]!.points += 10)), original);
  });

  it('stays with texts and an achievement’s points, which are read from the catalog', () => {
    assert.equal(layoutId((c) => (c.achievements[0]!.title.ru = 'Другое название')), original);
    assert.equal(layoutId((c) => (c.achievements[0]!.points = (c.achievements[0]!.points ?? 0) + 5)), original);
  });
});

describe('default catalog', () => {
  it('ships exactly the ids DESIGN.md names', () => {
    assert.deepEqual(catalogJson.achievements.map((a) => a.id).sort(), [...ids].sort());
  });

  it('groups the seed examples as the seed does (простые, средние, сложные)', () => {
    const difficulty = new Map(catalogJson.achievements.map((a) => [a.id, a.difficulty]));
    for (const id of ['registered', 'first-request', 'contacts-confirmed']) assert.equal(difficulty.get(id), 'simple', id);
    for (const id of ['digital-month', 'three-document-types', 'support-feedback']) assert.equal(difficulty.get(id), 'medium', id);
    for (const id of ['certificate-collector', 'permanent-user', 'digital-transformation']) assert.equal(difficulty.get(id), 'complex', id);
  });

  it('uses the seed titles', () => {
    const title = new Map(catalogJson.achievements.map((a) => [a.id, a.title.ru]));
    assert.equal(title.get('first-request'), 'Первый запрос');
    assert.equal(title.get('regular-user'), 'Регулярный пользователь');
    assert.equal(title.get('e-signer'), 'Электронный подписант');
    assert.equal(title.get('notification-master'), 'Мастер уведомлений');
    assert.equal(title.get('mobile-pro'), 'Мобильный профи');
    assert.equal(title.get('express'), 'Экспресс‑оформление');
    assert.equal(title.get('successful-visit'), 'Успешный визит');
    assert.equal(title.get('professional-pack'), 'Пакет профессионала');
    assert.equal(title.get('poll-participant'), 'Участник опроса');
    assert.equal(title.get('active-voter'), 'Активный голосующий');
  });

  it('never names a hidden achievement in visible text', () => {
    const hidden = catalogJson.achievements.filter((a) => a.hidden);
    const visibleText = JSON.stringify([catalogJson.achievements.filter((a) => !a.hidden).map((a) => [a.title, a.description]), catalogJson.levels]);
    for (const secret of hidden) {
      assert.ok(!visibleText.includes(secret.title.ru) && !visibleText.includes(secret.title.en), `${secret.id} is named elsewhere`);
    }
  });

  it('has levels that open the seed privileges', () => {
    const privileges = catalogJson.levels.flatMap((level) => level.privileges.map((p) => p.id));
    for (const id of ['recommendations', 'priority-queue', 'fast-track']) assert.ok(privileges.includes(id), id);
  });

  it('has a small, safe SVG icon for every achievement', () => {
    for (const achievement of catalogJson.achievements) {
      const path = new URL(`../../../src/engine/catalog/${achievement.icon}`, import.meta.url);
      assert.ok(existsSync(path), `${achievement.id}: ${achievement.icon} is missing`);
      const svg = readFileSync(path, 'utf8');
      assert.ok(svg.length < 2048, `${achievement.id}: ${svg.length} bytes`);
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 64 64"/, achievement.id);
      const elements = [...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]);
      const allowed = new Set(['svg', 'g', 'path', 'circle', 'ellipse', 'rect', 'line', 'polyline', 'polygon', 'defs', 'linearGradient', 'stop']);
      assert.deepEqual(elements.filter((e) => !allowed.has(e!)), [], `${achievement.id}: elements`);
      assert.doesNotMatch(svg, /\son\w+=|href|style=|<script|url\(/i, `${achievement.id}: unsafe content`);
    }
  });
});

describe('a catalog without a time zone', () => {
  it('counts its windows in Moscow time', () => {
    const withoutZone = smallCatalog([definition('monthly', { count: { of: { type: 'application.submitted' }, atLeast: 2, within: { period: 'month' } } })]);
    delete withoutZone.timeZone;
    const catalog = compileCatalog(withoutZone);
    assert.equal(catalog.definition.timeZone, undefined);
    const c = new Citizen('u', catalog);
    c.do('application.submitted', '2025-03-20T10:00:00Z');
    // 22:30 UTC on 31 March is already 1 April in Moscow: another month, so no pair yet.
    assert.deepEqual(c.do('application.submitted', '2025-03-31T22:30:00Z').unlocked, []);
    assert.equal(c.do('application.submitted', '2025-04-02T10:00:00Z').unlocked.length, 1);
  });
});
