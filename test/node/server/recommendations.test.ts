/**
 * «Следующие шаги»: the ranking and the wording on constructed states of the default catalog (the
 * engine builds each state from a list of events), then GET /api/v1/me/recommendations on the real
 * server: links on the portal, English, gamification off.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AchievementEvent, UserView } from '../../../src/engine/index.ts';
import { compileCatalog, describeUser, parseTime, replayEvents } from '../../../src/engine/index.ts';
import catalogJson from '../../../src/engine/catalog/default.json' with { type: 'json' };
import type { Recommendation } from '../../../server/recommendations.ts';
import { recommend, unitFor } from '../../../server/recommendations.ts';
import { portalLink } from '../../../server/views.ts';
import type { TestServer } from './helpers.ts';
import { startTestServer, token } from './helpers.ts';

const catalog = compileCatalog(catalogJson);
/** 20 December 2025, noon in Moscow: eleven days before the month's (and the quarter's) windows close. */
const NOW = Date.parse('2025-12-20T12:00:00+03:00');

let counter = 0;
const at = (type: string, time: string, extra: Partial<AchievementEvent> = {}): AchievementEvent => ({
  id: `r-${++counter}`,
  userId: 'citizen',
  type,
  occurredAt: `${time}+03:00`,
  ...extra,
});

function userOf(events: AchievementEvent[], now = NOW): UserView {
  return describeUser(catalog, replayEvents(catalog, events).state, now);
}

const rows = (list: Recommendation[]) => list.map((r) => [r.achievementId, r.reason, r.points, r.remaining, r.score]);

/** Verified on 1 December, four procedures signed, one application. */
const signer = () => [
  at('profile.verified', '2025-12-01T10:00:00'),
  ...['a', 'b', 'c', 'd'].map((procedure, i) => at('signature.used', `2025-12-0${2 + i}T10:00:00`, { attributes: { procedure } })),
  at('application.submitted', '2025-12-10T10:00:00'),
];

/** Verified in August; an application in the app each month from September (tenure tier 1 at three months); a stage of the secret transformation; in December a fine and a certificate. */
const loyal = (finePaidOn: 'mobile' | 'web') => [
  at('profile.verified', '2025-08-20T10:00:00'),
  ...['09', '10', '11', '12'].map((month) => at('application.submitted', `2025-${month}-05T10:00:00`, { channel: 'mobile' })),
  at('transformation.stage', '2025-12-06T10:00:00', { attributes: { stage: 'assessment' } }),
  at('fine.paid', '2025-12-07T10:00:00', { channel: finePaidOn }),
  at('certificate.received', '2025-12-08T10:00:00', { channel: 'mobile', attributes: { service: 'income' } }),
];

describe('recommendations on constructed states', () => {
  it('ranks what is nearly done first, then by worth and by windows closing soon: five at most, in Russian', () => {
    assert.deepEqual(rows(recommend(catalog, userOf(signer()), { lang: 'ru', now: NOW })), [
      ['e-signer', 'ещё 1 процедура — и достижение «Электронный подписант» ваше', 50, 1, 56],
      ['regular-user', 'ещё 2 заявления до 31 декабря — и достижение «Регулярный пользователь» ваше', 40, 2, 29],
      ['successful-visit', 'ещё 1 шаг — и достижение «Успешный визит» ваше', 20, 1, 28],
      ['profile-complete', 'ещё 1 шаг — и достижение «Профиль заполнен» ваше', 15, 1, 27],
      ['poll-participant', 'ещё 1 шаг — и достижение «Участник опроса» ваше', 10, 1, 26],
    ]);
  });

  it('says the same in English', () => {
    assert.deepEqual(
      recommend(catalog, userOf(signer()), { lang: 'en', now: NOW }).map((r) => [r.title, r.reason]),
      [
        ['E-signer', '1 more procedure and “E-signer” is yours'],
        ['Regular user', '2 more applications by 31 December and “Regular user” is yours'],
        ['Successful visit', '1 more step and “Successful visit” is yours'],
        ['Profile complete', '1 more step and “Profile complete” is yours'],
        ['Poll participant', '1 more step and “Poll participant” is yours'],
      ],
    );
  });

  it('names a streak’s next tier, and a window’s share while it can still be had', () => {
    assert.deepEqual(rows(recommend(catalog, userOf(loyal('mobile')), { lang: 'ru', now: NOW })), [
      ['mobile-pro', 'ещё 2 операции до 31 декабря — и достижение «Мобильный профи» ваше', 50, 2, 40],
      ['tenure', 'ещё 2 месяца подряд — и следующая ступень «Стаж на портале» ваша', 60, 2, 38],
      ['regular-user', 'ещё 2 заявления до 31 декабря — и достижение «Регулярный пользователь» ваше', 40, 2, 29],
      ['successful-visit', 'ещё 1 шаг — и достижение «Успешный визит» ваше', 20, 1, 28],
      ['profile-complete', 'ещё 1 шаг — и достижение «Профиль заполнен» ваше', 15, 1, 27],
    ]);
    assert.equal(
      recommend(catalog, userOf(loyal('mobile')), { lang: 'en', now: NOW }).find((r) => r.achievementId === 'tenure')!.reason,
      '2 more months in a row and the next tier of “Portal tenure” is yours',
    );
  });

  it('leaves out a window already ruled out, one only waiting to close, and every secret', () => {
    const user = userOf(loyal('web'));
    // A fine paid on the web rules out «all in the app» this month; the month online is done and waits for its end.
    assert.equal(user.achievements.find((a) => a.id === 'mobile-pro')!.progress.spoiled, true);
    assert.equal(user.achievements.find((a) => a.id === 'digital-month')!.progress.remaining, 0);
    const ids = recommend(catalog, user, { lang: 'ru', now: NOW }).map((r) => r.achievementId);
    assert.deepEqual(ids, ['tenure', 'regular-user', 'successful-visit', 'profile-complete', 'poll-participant']);
    // The secret transformation is in progress for the loyal citizen, and never suggested.
    const secrets = catalog.achievements.filter((a) => a.definition.hidden).map((a) => a.definition.id);
    assert.ok(userOf(loyal('mobile')).achievements.some((a) => a.id === 'digital-transformation' && a.state === 'in_progress'));
    for (const events of [signer(), loyal('mobile'), loyal('web'), []]) {
      const all = recommend(catalog, userOf(events), { lang: 'ru', now: NOW });
      assert.ok(all.every((r) => !secrets.includes(r.achievementId)));
    }
  });

  it('before verification suggests verification and its own steps only', () => {
    assert.deepEqual(rows(recommend(catalog, userOf([at('application.submitted', '2025-12-10T10:00:00')]), { lang: 'ru', now: NOW })), [
      ['profile-complete', 'ещё 1 шаг — и достижение «Профиль заполнен» ваше', 15, 1, 27],
      ['registered', 'ещё 1 шаг — и достижение «Регистрация» ваше', 10, 1, 26],
      ['contacts-confirmed', 'ещё 2 контакта — и достижение «Контакты подтверждены» ваше', 10, 2, 13],
    ]);
  });

  it('raises what brings the next level, or a reward the citizen cannot yet afford, within reach', () => {
    const user = userOf(signer());
    const scores = (list: Recommendation[]): Record<string, number> => Object.fromEntries(list.map((r) => [r.achievementId, r.score]));
    const base = scores(recommend(catalog, user, { lang: 'ru', now: NOW }));
    // 90 points of 100: anything worth 10 or more brings the next level.
    const nearLevel = scores(recommend(catalog, { ...user, points: 90 }, { lang: 'ru', now: NOW }));
    assert.deepEqual(nearLevel, { 'e-signer': 65, 'regular-user': 33, 'successful-visit': 33, 'profile-complete': 32, 'poll-participant': 31 });
    assert.ok(Object.keys(base).every((id) => (nearLevel as Record<string, number>)[id]! > base[id]!));
    // A reward 15 points beyond the balance: only what is worth 15 or more gets closer to it.
    const nearReward = recommend(catalog, user, { lang: 'ru', now: NOW, rewards: { balance: 40, costs: [55, 1000] } });
    // Tenure's first tier (30 points, 28) now passes the poll (10 points, still 26).
    assert.deepEqual(scores(nearReward), { 'e-signer': 65, 'successful-visit': 33, 'regular-user': 33, 'profile-complete': 32, tenure: 28 });
    assert.deepEqual(nearReward.map((r) => r.achievementId).slice(1, 3), ['successful-visit', 'regular-user'], 'a tie goes to fewer steps left');
  });

  it('resolves links with the caller’s function, and names the year of a window that ends in another', () => {
    const [first] = recommend(catalog, userOf(signer()), { lang: 'ru', now: NOW, link: (link) => `https://portal.example${link}` });
    assert.equal(first!.link, 'https://portal.example/services/e-signature');
    const spring = compileCatalog({
      ...catalogJson,
      verification: { type: 'profile.verified' },
      achievements: [
        {
          id: 'spring-forms',
          title: { ru: 'Весенние заявления', en: 'Spring applications' },
          description: { ru: 'Три заявления до весны.', en: 'Three applications before spring.' },
          difficulty: 'simple',
          category: 'services',
          points: 30,
          icon: 'icons/first-request.svg',
          unit: catalogJson.achievements.find((a) => a.id === 'regular-user')!.unit,
          criterion: { count: { of: { type: 'application.submitted' }, atLeast: 3, within: { from: '2025-12-01T00:00:00+03:00', to: '2026-03-01T00:00:00+03:00' } } },
        },
      ],
    });
    const view = describeUser(spring, replayEvents(spring, [at('profile.verified', '2025-12-01T10:00:00')]).state, NOW);
    assert.deepEqual(recommend(spring, view, { lang: 'ru', now: NOW }).map((r) => r.reason), ['ещё 3 заявления до 28 февраля 2026 — и достижение «Весенние заявления» ваше']);
    assert.deepEqual(recommend(spring, view, { lang: 'en', now: NOW }).map((r) => r.reason), ['3 more applications by 28 February 2026 and “Spring applications” is yours']);
    // Once the range is over there is nothing to suggest.
    const spring2026 = parseTime('2026-03-01T00:00:00+03:00');
    const over = describeUser(spring, replayEvents(spring, [at('profile.verified', '2025-12-01T10:00:00'), at('application.submitted', '2025-12-02T10:00:00')]).state, spring2026);
    assert.equal(over.achievements[0]!.progress.ended, true);
    assert.deepEqual(recommend(spring, over, { lang: 'ru', now: spring2026 }), []);
  });

  it('agrees the noun with the number, as Intl.PluralRules says', () => {
    const unit = catalogJson.achievements.find((a) => a.id === 'regular-user')!.unit!;
    assert.deepEqual([1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111].map((n) => `${n} ${unitFor(unit, n, 'ru')}`), [
      '1 заявление',
      '2 заявления',
      '4 заявления',
      '5 заявлений',
      '11 заявлений',
      '12 заявлений',
      '21 заявление',
      '22 заявления',
      '25 заявлений',
      '101 заявление',
      '111 заявлений',
    ]);
    assert.deepEqual([1, 2, 21].map((n) => `${n} ${unitFor(unit, n, 'en')}`), ['1 application', '2 applications', '21 applications']);
  });
});

describe('GET /api/v1/me/recommendations', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ portalUrl: 'https://www.gosuslugi.example/lk/' }, { now: () => NOW });
    const events = signer().map((e) => ({ ...e, userId: 'signer', id: `api-${e.id}` }));
    assert.equal((await server.post(events)).status, 200);
  });
  after(() => server.stop());

  const recommendations = async (userId: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/api/v1/me/recommendations`, { headers: { Authorization: `Bearer ${await token(userId)}`, ...headers } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'private, no-cache');
    return ((await response.json()) as { recommendations: Recommendation[] }).recommendations;
  };

  it('answers the citizen’s next steps with links on the portal, in their language', async () => {
    const list = await recommendations('signer');
    assert.equal(list.length, 5);
    assert.deepEqual(list[0], {
      achievementId: 'e-signer',
      title: 'Электронный подписант',
      reason: 'ещё 1 процедура — и достижение «Электронный подписант» ваше',
      link: 'https://www.gosuslugi.example/services/e-signature',
      points: 50,
      remaining: 1,
      score: 56,
    });
    assert.equal((await recommendations('signer', { 'Accept-Language': 'en-GB,en;q=0.9' }))[0]!.reason, '1 more procedure and “E-signer” is yours');
    assert.deepEqual((await recommendations('nobody')).map((r) => r.achievementId), ['profile-complete', 'registered', 'contacts-confirmed']);
  });

  it('answers an empty list while gamification is off, and everything again once it is on', async () => {
    const put = async (on: boolean) =>
      fetch(`${server.url}/api/v1/me/preferences`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${await token('signer')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ gamification: on }),
      });
    assert.equal((await put(false)).status, 200);
    assert.deepEqual(await recommendations('signer'), []);
    assert.equal((await put(true)).status, 200);
    assert.equal((await recommendations('signer')).length, 5);
  });

  it('answers 401 without a token', async () => {
    const response = await fetch(`${server.url}/api/v1/me/recommendations`);
    assert.equal(response.status, 401);
  });

  it('lists catalog links in GET /catalog, absolute on the portal', async () => {
    const catalogBody = (await (await fetch(`${server.url}/api/v1/catalog`)).json()) as { achievements: Array<{ id: string; link?: string }> };
    const links = Object.fromEntries(catalogBody.achievements.map((a) => [a.id, a.link]));
    assert.equal(links['e-signer'], 'https://www.gosuslugi.example/services/e-signature');
    assert.equal(links.registered, 'https://www.gosuslugi.example/profile/verification');
  });
});

describe('a secret with a link (a catalog that gives one)', () => {
  let server: TestServer;
  before(async () => {
    // The default catalog gives no secret a link, so this one gives the transformation one.
    const dir = mkdtempSync(join(tmpdir(), 'civic-server-'));
    const achievements = catalogJson.achievements.map((a) => (a.id === 'digital-transformation' ? { ...a, link: '/services/transformation' } : a));
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify({ ...catalogJson, achievements }));
    server = await startTestServer({ portalUrl: 'https://www.gosuslugi.example/lk/', catalogPath: join(dir, 'catalog.json') }, { now: () => NOW }, dir);
    // Four of its five stages: were it not secret, it would be the first suggestion.
    const stages = ['assessment', 'e-documents', 'e-signature', 'online-services'];
    const events = [at('profile.verified', '2025-12-01T10:00:00'), ...stages.map((stage, i) => at('transformation.stage', `2025-12-0${2 + i}T10:00:00`, { attributes: { stage } }))];
    assert.equal((await server.post(events.map((e) => ({ ...e, userId: 'transformer', id: `secret-${e.id}` })))).status, 200);
  });
  after(() => server.stop());

  it('is never suggested, and its link is shown nowhere', async () => {
    const response = await fetch(`${server.url}/api/v1/me/recommendations`, { headers: { Authorization: `Bearer ${await token('transformer')}` } });
    const text = await response.text();
    const { recommendations } = JSON.parse(text) as { recommendations: Recommendation[] };
    assert.equal(recommendations.length, 5);
    assert.ok(!recommendations.some((r) => r.achievementId === 'digital-transformation'), JSON.stringify(recommendations));
    assert.ok(!text.includes('/services/transformation'), text);
    const catalogText = await (await fetch(`${server.url}/api/v1/catalog`)).text();
    assert.ok(!catalogText.includes('/services/transformation'), 'nor in GET /catalog');
  });
});

describe('portal links', () => {
  it('resolve a path against the portal, keep an absolute link, and keep the path when the portal has no absolute address', () => {
    assert.equal(portalLink('https://portal.example/', '/services/e-signature'), 'https://portal.example/services/e-signature');
    assert.equal(portalLink('https://portal.example/', 'https://other.example/x'), 'https://other.example/x');
    // ACH_PUBLIC_URL empty: the server is reached through the page's origin, and so is the portal.
    assert.equal(portalLink('/', '/services/e-signature'), '/services/e-signature');
  });
});
