/**
 * One short story per catalog achievement: dated events → the exact unlock (time, tier, points)
 * and the progress the citizen saw just before it. Times are Moscow wall-clock (UTC+3).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Citizen, catalogJson, unlockedIds } from './harness.ts';

const unlock = (id: string, unlockedAt: string, points: number, tier?: number) => ({
  achievementId: id,
  ...(tier ? { tier } : {}),
  unlockedAt,
  points,
});

describe('every catalog achievement has a scenario', () => {
  const covered = new Set<string>();
  const story = (id: string, body: () => void) =>
    it(id, () => {
      covered.add(id);
      body();
    });

  story('registered', () => {
    const c = new Citizen();
    assert.deepEqual(unlockedIds(c.do('profile.registered', '2025-01-10T11:00:00')), []);
    const before = c.achievement('registered', '2025-01-10T11:59:00');
    assert.equal(before.state, 'locked');
    assert.deepEqual(before.progress, { current: 0, target: 1, remaining: 1 });
    assert.deepEqual(c.do('profile.verified', '2025-01-10T12:00:00').unlocked, [unlock('registered', '2025-01-10T09:00:00.000Z', 10)]);
  });

  story('contacts-confirmed', () => {
    const c = new Citizen().verified();
    c.do('contact.confirmed', '2025-01-11T10:00:00', { attributes: { kind: 'phone' } });
    const before = c.achievement('contacts-confirmed', '2025-01-11T11:00:00');
    assert.equal(before.state, 'in_progress');
    assert.deepEqual(before.progress, { current: 1, target: 2, remaining: 1, missing: ['email'] });
    c.do('contact.confirmed', '2025-01-11T10:05:00', { attributes: { kind: 'phone' } }); // the same kind again
    assert.deepEqual(c.achievement('contacts-confirmed', '2025-01-12T07:59:00').progress, { current: 1, target: 2, remaining: 1, missing: ['email'] });
    assert.deepEqual(c.do('contact.confirmed', '2025-01-12T08:00:00', { attributes: { kind: 'email' } }).unlocked, [
      unlock('contacts-confirmed', '2025-01-12T05:00:00.000Z', 10),
    ]);
  });

  story('profile-complete', () => {
    const c = new Citizen().verified();
    assert.deepEqual(c.achievement('profile-complete', '2025-01-11T09:14:00').progress, { current: 0, target: 1, remaining: 1 });
    assert.deepEqual(c.do('profile.completed', '2025-01-11T09:15:00').unlocked, [unlock('profile-complete', '2025-01-11T06:15:00.000Z', 15)]);
  });

  it('in the seed\'s order: the profile filled and the contacts confirmed before verification are earned at it, and nothing else is', () => {
    const c = new Citizen();
    c.do('profile.registered', '2025-01-09T09:00:00');
    assert.deepEqual(c.do('profile.completed', '2025-01-09T09:10:00').unlocked, []);
    c.do('contact.confirmed', '2025-01-09T09:20:00', { attributes: { kind: 'phone' } });
    c.do('contact.confirmed', '2025-01-09T09:25:00', { attributes: { kind: 'email' } });
    c.do('application.submitted', '2025-01-09T09:30:00'); // not a step: counts nothing
    const before = c.view('2025-01-09T10:00:00');
    assert.equal(before.points, 0);
    assert.deepEqual(before.achievements.find((a) => a.id === 'contacts-confirmed')!.progress, { current: 2, target: 2, remaining: 0, missing: [] });
    assert.equal(before.achievements.find((a) => a.id === 'contacts-confirmed')!.state, 'in_progress');
    const changes = c.do('profile.verified', '2025-01-10T12:00:00');
    assert.deepEqual(new Set(changes.unlocked.map((u) => `${u.achievementId} ${u.unlockedAt}`)), new Set([
      'registered 2025-01-10T09:00:00.000Z',
      'profile-complete 2025-01-10T09:00:00.000Z',
      'contacts-confirmed 2025-01-10T09:00:00.000Z',
    ]));
    assert.equal(changes.points, 10 + 15 + 10);
    assert.equal(c.achievement('first-request', '2025-01-10T13:00:00').state, 'locked');
  });

  story('first-request', () => {
    const c = new Citizen();
    c.do('application.submitted', '2025-01-09T10:00:00'); // before verification: earns nothing
    c.verified();
    assert.equal(c.view('2025-01-10T13:00:00').points, 10);
    const before = c.achievement('first-request', '2025-01-15T09:59:00');
    assert.equal(before.state, 'locked'); // the unverified application did not count
    assert.deepEqual(before.progress, { current: 0, target: 1, remaining: 1 });
    const changes = c.do('application.submitted', '2025-01-15T10:00:00', { attributes: { documentType: 'passport' } });
    assert.deepEqual(changes.unlocked, [unlock('first-request', '2025-01-15T07:00:00.000Z', 20)]);
    assert.equal(changes.points, 30); // 20 for the achievement + 10 for the application
  });

  story('regular-user', () => {
    const c = new Citizen().verified();
    c.do('application.submitted', '2025-03-10T10:00:00');
    c.do('application.submitted', '2025-03-20T10:00:00');
    // 2025-03-31T22:30Z is already April 1st in Moscow: a new window, the March pair does not carry over.
    c.do('application.submitted', '2025-03-31T22:30:00Z');
    c.do('application.submitted', '2025-04-05T10:00:00');
    const before = c.achievement('regular-user', '2025-04-30T23:58:00');
    assert.equal(before.state, 'in_progress');
    assert.deepEqual(before.progress, { current: 2, target: 3, remaining: 1, windowEndsAt: '2025-04-30T21:00:00.000Z' });
    // 23:59 on April 30th in Moscow is still April: the third application of the month.
    assert.deepEqual(c.do('application.submitted', '2025-04-30T23:59:00').unlocked, [unlock('regular-user', '2025-04-30T20:59:00.000Z', 40)]);
    assert.equal(c.achievement('regular-user', '2025-05-01T00:00:00').state, 'unlocked');
  });

  story('e-signer', () => {
    const c = new Citizen().verified();
    const sign = (procedure: string, at: string) => c.do('signature.used', at, { attributes: { procedure } });
    sign('tax-return', '2025-02-01T10:00:00');
    sign('car-registration', '2025-02-03T10:00:00');
    sign('tax-return', '2025-02-04T10:00:00'); // the same procedure again does not count
    sign('passport', '2025-02-10T10:00:00');
    sign('property', '2025-03-01T10:00:00');
    assert.deepEqual(c.achievement('e-signer', '2025-03-15T17:59:00').progress, { current: 4, target: 5, remaining: 1 });
    assert.deepEqual(sign('pension', '2025-03-15T18:00:00').unlocked, [unlock('e-signer', '2025-03-15T15:00:00.000Z', 50)]);
  });

  story('notification-master', () => {
    const c = new Citizen().verified();
    for (const kind of ['status', 'deadline', 'payment', 'appointment']) c.do('notification.enabled', '2025-02-01T10:00:00', { attributes: { kind } });
    for (const kind of ['status', 'deadline', 'payment']) c.do('notification.responded', '2025-02-05T10:00:00', { attributes: { kind } });
    const before = c.achievement('notification-master', '2025-02-07T08:59:00');
    assert.equal(before.state, 'in_progress');
    // All-of: one of the two conditions is met; the second misses one kind.
    assert.deepEqual(before.progress, {
      current: 1,
      target: 2,
      remaining: 1,
      parts: [
        { current: 4, target: 4, remaining: 0, missing: [] },
        { current: 3, target: 4, remaining: 1, missing: ['appointment'] },
      ],
    });
    assert.deepEqual(c.do('notification.responded', '2025-02-07T09:00:00', { attributes: { kind: 'appointment' } }).unlocked, [
      unlock('notification-master', '2025-02-07T06:00:00.000Z', 40),
    ]);
  });

  story('mobile-pro', () => {
    const c = new Citizen().verified();
    // June: one operation on the web spoils the month.
    c.do('fine.paid', '2025-06-02T10:00:00', { channel: 'web' });
    for (let day = 3; day <= 8; day++) c.do('application.submitted', `2025-06-0${day}T10:00:00`, { channel: 'mobile' });
    assert.equal(c.achievement('mobile-pro', '2025-06-20T00:00:00').progress.spoiled, true);
    // July: five operations, all in the app.
    for (let day = 1; day <= 5; day++) c.do('certificate.received', `2025-07-0${day}T10:00:00`, { channel: 'mobile', attributes: { service: 'income' } });
    const before = c.achievement('mobile-pro', '2025-07-31T23:59:00');
    assert.deepEqual(before.progress, { current: 5, target: 5, remaining: 0, windowEndsAt: '2025-07-31T21:00:00.000Z' });
    assert.equal(before.state, 'in_progress'); // judged when July closes
    // The first event of August closes July: unlocked at the end of July, Moscow time.
    const changes = c.do('app.login', '2025-08-02T09:00:00', { channel: 'mobile' });
    assert.deepEqual(changes.unlocked, [unlock('mobile-pro', '2025-07-31T21:00:00.000Z', 50)]);
  });

  story('express', () => {
    const c = new Citizen().verified();
    c.do('application.completed', '2025-02-01T10:00:00', { attributes: { service: 'passport', processingHours: 30 } });
    const before = c.achievement('express', '2025-02-10T15:59:00');
    assert.equal(before.state, 'locked'); // 30 hours is not express
    assert.deepEqual(before.progress, { current: 0, target: 1, remaining: 1 });
    assert.deepEqual(
      c.do('application.completed', '2025-02-10T16:00:00', { attributes: { service: 'certificate', processingHours: 6 } }).unlocked,
      [unlock('express', '2025-02-10T13:00:00.000Z', 30)],
    );
  });

  story('successful-visit', () => {
    const c = new Citizen().verified();
    c.do('office.visited', '2025-02-03T10:00:00', { channel: 'office' });
    const before = c.achievement('successful-visit', '2025-02-03T11:29:00');
    assert.equal(before.state, 'locked'); // coming to the office is not yet a completed visit
    assert.deepEqual(before.progress, { current: 0, target: 1, remaining: 1 });
    assert.deepEqual(c.do('visit.completed', '2025-02-03T11:30:00', { channel: 'office' }).unlocked, [
      unlock('successful-visit', '2025-02-03T08:30:00.000Z', 20),
    ]);
  });

  story('professional-pack', () => {
    const c = new Citizen().verified();
    const submit = (documentType: string, at: string) => c.do('application.submitted', at, { attributes: { documentType } });
    submit('passport', '2025-04-01T10:00:00'); // first-request
    submit('driving-licence', '2025-04-02T10:00:00');
    submit('birth-certificate', '2025-04-03T10:00:00'); // regular-user and three-document-types
    c.do('application.completed', '2025-04-04T10:00:00', { attributes: { processingHours: 20 } }); // express
    for (const [i, procedure] of ['a', 'b', 'c', 'd'].entries()) c.do('signature.used', `2025-04-1${i}T10:00:00`, { attributes: { procedure } });
    const before = c.achievement('professional-pack', '2025-04-21T11:59:00');
    assert.deepEqual(before.progress, { current: 4, target: 5, remaining: 1 });
    const changes = c.do('signature.used', '2025-04-21T12:00:00', { attributes: { procedure: 'e' } });
    assert.deepEqual(changes.unlocked, [
      unlock('e-signer', '2025-04-21T09:00:00.000Z', 50),
      unlock('professional-pack', '2025-04-21T09:00:00.000Z', 150),
    ]);
  });

  story('poll-participant', () => {
    const c = new Citizen();
    c.do('poll.voted', '2025-01-09T20:00:00', { attributes: { poll: 'square' } }); // before verification: earns nothing
    c.verified();
    const before = c.achievement('poll-participant', '2025-05-05T19:59:00');
    assert.equal(before.state, 'locked');
    assert.deepEqual(before.progress, { current: 0, target: 1, remaining: 1 });
    assert.deepEqual(c.do('poll.voted', '2025-05-05T20:00:00', { attributes: { poll: 'park' } }).unlocked, [
      unlock('poll-participant', '2025-05-05T17:00:00.000Z', 10),
    ]);
  });

  story('active-voter', () => {
    const c = new Citizen().verified();
    for (let i = 1; i <= 9; i++) c.do('poll.voted', `2025-05-${String(i).padStart(2, '0')}T20:00:00`, { attributes: { poll: `poll-${i}` } });
    c.do('poll.voted', '2025-05-10T20:00:00', { attributes: { poll: 'poll-9' } }); // the same poll twice
    assert.deepEqual(c.achievement('active-voter', '2025-05-12T07:59:00').progress, { current: 9, target: 10, remaining: 1 });
    assert.deepEqual(c.do('poll.voted', '2025-05-12T08:00:00', { attributes: { poll: 'poll-10' } }).unlocked, [
      unlock('active-voter', '2025-05-12T05:00:00.000Z', 50),
    ]);
  });

  story('digital-month', () => {
    const c = new Citizen().verified();
    // October: online, but an office visit on the 20th rules the month out.
    c.do('application.submitted', '2025-10-02T10:00:00', { channel: 'web' });
    c.do('fine.paid', '2025-10-05T10:00:00', { channel: 'mobile' });
    c.do('office.visited', '2025-10-20T10:00:00', { channel: 'office' });
    // November: online only.
    c.do('fine.paid', '2025-11-03T10:00:00', { channel: 'web' });
    assert.equal(c.achievement('mobile-pro', '2025-11-04T00:00:00').state, 'locked');
    c.do('certificate.received', '2025-11-15T10:00:00', { channel: 'mobile', attributes: { service: 'income' } });
    const before = c.achievement('digital-month', '2025-11-30T23:59:00');
    assert.deepEqual(before.progress, { current: 2, target: 2, remaining: 0, windowEndsAt: '2025-11-30T21:00:00.000Z' });
    const changes = c.do('app.login', '2025-12-01T08:00:00', { channel: 'web' });
    assert.deepEqual(changes.unlocked, [unlock('digital-month', '2025-11-30T21:00:00.000Z', 40)]);
  });

  it('digital-month: any contact with an office rules the month out; online is the web, the app and the API', () => {
    const visit = new Citizen().verified();
    visit.do('application.submitted', '2025-05-05T10:00:00', { channel: 'web' });
    visit.do('fine.paid', '2025-05-06T10:00:00', { channel: 'mobile' });
    visit.do('visit.completed', '2025-05-20T10:00:00', { channel: 'office' });
    assert.deepEqual(visit.do('app.login', '2025-06-01T08:00:00', { channel: 'web' }).unlocked, []);
    const signedAtOffice = new Citizen().verified();
    signedAtOffice.do('application.submitted', '2025-05-05T10:00:00', { channel: 'web' });
    signedAtOffice.do('fine.paid', '2025-05-06T10:00:00', { channel: 'mobile' });
    signedAtOffice.do('signature.used', '2025-05-07T10:00:00', { channel: 'office', attributes: { procedure: 'tax' } });
    assert.deepEqual(signedAtOffice.do('app.login', '2025-06-01T08:00:00', { channel: 'web' }).unlocked, []);
    const api = new Citizen().verified();
    api.do('application.submitted', '2025-05-05T10:00:00', { channel: 'web' });
    api.do('fine.paid', '2025-05-06T10:00:00', { channel: 'api' });
    assert.deepEqual(api.do('app.login', '2025-06-01T08:00:00', { channel: 'web' }).unlocked.map((u) => u.achievementId), ['digital-month']);
  });

  story('three-document-types', () => {
    const c = new Citizen().verified();
    const submit = (documentType: string, at: string) => c.do('application.submitted', at, { attributes: { documentType } });
    submit('passport', '2025-02-10T10:00:00');
    submit('driving-licence', '2025-03-31T23:00:00'); // still Q1 in Moscow (20:00Z)
    submit('birth-certificate', '2025-03-31T21:30:00Z'); // 00:30 April 1st in Moscow: Q2
    submit('birth-certificate', '2025-05-01T10:00:00');
    submit('passport', '2025-06-01T10:00:00');
    const before = c.achievement('three-document-types', '2025-06-30T22:59:00');
    assert.deepEqual(before.progress, { current: 2, target: 3, remaining: 1, windowEndsAt: '2025-06-30T21:00:00.000Z' });
    assert.deepEqual(submit('marriage-certificate', '2025-06-30T23:00:00').unlocked, [unlock('three-document-types', '2025-06-30T20:00:00.000Z', 50)]);
    assert.equal(c.achievement('three-document-types', '2025-07-01T00:00:00').unlockedAt, '2025-06-30T20:00:00.000Z');
  });

  story('support-feedback', () => {
    const c = new Citizen().verified();
    c.do('support.feedback', '2025-02-01T10:00:00'); // before any completed procedure: not yet
    c.do('application.completed', '2025-02-05T10:00:00', { attributes: { processingHours: 48 } });
    assert.deepEqual(c.achievement('support-feedback', '2025-02-06T14:59:00').progress, { current: 1, target: 2, remaining: 1 });
    assert.deepEqual(c.do('support.feedback', '2025-02-06T15:00:00').unlocked, [unlock('support-feedback', '2025-02-06T12:00:00.000Z', 30)]);
  });

  story('certificate-collector', () => {
    const c = new Citizen().verified('2024-01-10T12:00:00');
    const receive = (service: string, at: string) => c.do('certificate.received', at, { attributes: { service } });
    for (const service of ['income', 'criminal-record', 'pension-account', 'tax-debt']) receive(service, '2024-12-20T10:00:00');
    receive('vaccination', '2025-01-01T00:30:00'); // a new year in Moscow: the set starts over
    for (const service of ['income', 'criminal-record', 'pension-account']) receive(service, '2025-06-01T10:00:00');
    const before = c.achievement('certificate-collector', '2025-09-09T08:59:00');
    assert.deepEqual(before.progress, { current: 4, target: 5, remaining: 1, missing: ['tax-debt'], windowEndsAt: '2025-12-31T21:00:00.000Z' });
    const changes = receive('tax-debt', '2025-09-09T09:00:00');
    assert.deepEqual(changes.unlocked, [unlock('certificate-collector', '2025-09-09T06:00:00.000Z', 150)]);
    assert.equal(changes.points, 155); // 150 for the achievement + 5 for the certificate
  });

  story('permanent-user', () => {
    const c = new Citizen().verified('2024-01-10T12:00:00');
    const categories = ['transport', 'family', 'taxes'];
    let at = Date.parse('2024-02-01T07:00:00Z');
    for (let i = 0; i < 100; i++, at += 86_400_000) {
      const time = new Date(at).toISOString();
      if (i % 2) c.do('fine.paid', time);
      else c.do('application.submitted', time, { attributes: { category: categories[i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : 0]! } });
    }
    // Neither 101 operations nor 3 categories yet.
    assert.deepEqual(c.achievement('permanent-user', '2024-12-31T00:00:00').progress, {
      current: 0,
      target: 2,
      remaining: 2,
      parts: [
        { current: 100, target: 101, remaining: 1 },
        { current: 2, target: 3, remaining: 1 },
      ],
    });
    c.do('signature.used', '2025-01-05T10:00:00', { attributes: { procedure: 'tax-return' } }); // 101st operation
    const before = c.achievement('permanent-user', '2025-01-07T09:59:00');
    assert.equal(before.state, 'in_progress');
    assert.deepEqual(before.progress, {
      current: 1,
      target: 2,
      remaining: 1,
      parts: [
        { current: 101, target: 101, remaining: 0 },
        { current: 2, target: 3, remaining: 1 },
      ],
    });
    const changes = c.do('application.submitted', '2025-01-07T10:00:00', { attributes: { category: categories[2]! } });
    assert.deepEqual(changes.unlocked, [unlock('permanent-user', '2025-01-07T07:00:00.000Z', 200)]);
    assert.equal(changes.points, 210); // 200 for the achievement + 10 for the application
    assert.equal(c.achievement('permanent-user', '2025-01-08T00:00:00').unlockedAt, '2025-01-07T07:00:00.000Z');
  });

  story('daily-mobile', () => {
    const c = new Citizen().verified();
    const login = (day: number, channel: 'mobile' | 'web' = 'mobile') => c.do('app.login', `2025-03-${String(day).padStart(2, '0')}T08:00:00`, { channel });
    login(1);
    login(2);
    login(3, 'web'); // a web login does not keep the app streak
    login(4);
    for (let day = 5; day <= 9; day++) login(day);
    const before = c.achievement('daily-mobile', '2025-03-10T07:59:00');
    assert.equal(before.state, 'in_progress');
    assert.deepEqual(before.progress, { current: 6, target: 7, remaining: 1 });
    assert.deepEqual(before.nextTier, { tier: 1, target: 7, points: 30 });
    assert.deepEqual(before.streak, {
      period: 'day',
      length: 6, // March 4th to 9th; the web login on the 3rd broke the run
      activeThisPeriod: false,
      thisPeriodCount: 0,
      nextMarkAt: '2025-03-09T21:00:00.000Z', // today, Moscow
      daysToNextMark: 0,
    });
    assert.deepEqual(login(10).unlocked, [unlock('daily-mobile', '2025-03-10T05:00:00.000Z', 30, 1)]);
    const after = c.achievement('daily-mobile', '2025-03-10T20:00:00');
    assert.deepEqual([after.state, after.tier, after.nextTier], ['unlocked', 1, { tier: 2, target: 30, points: 100 }]);
  });

  story('tenure', () => {
    const c = new Citizen().verified('2024-10-01T12:00:00');
    c.do('application.submitted', '2024-11-15T10:00:00');
    c.do('fine.paid', '2024-12-03T10:00:00');
    c.do('fine.paid', '2024-12-20T10:00:00');
    const before = c.achievement('tenure', '2024-12-25T12:00:00');
    assert.equal(before.state, 'in_progress');
    assert.deepEqual(before.progress, { current: 2, target: 3, remaining: 1 });
    assert.deepEqual(before.nextTier, { tier: 1, target: 3, points: 30 });
    assert.deepEqual(before.streak, {
      period: 'month',
      length: 2,
      activeThisPeriod: true,
      thisPeriodCount: 2,
      nextMarkAt: '2024-12-31T21:00:00.000Z', // January 1st, Moscow
      daysToNextMark: 7,
    });
    // Across the year boundary: the third consecutive month.
    assert.deepEqual(c.do('certificate.received', '2025-01-09T10:00:00', { attributes: { service: 'income' } }).unlocked, [
      unlock('tenure', '2025-01-09T07:00:00.000Z', 30, 1),
    ]);
    c.do('application.submitted', '2025-02-02T10:00:00');
    c.do('account.blocked', '2025-02-10T10:00:00'); // a block breaks the run
    c.do('account.unblocked', '2025-02-20T10:00:00');
    c.do('application.submitted', '2025-03-02T10:00:00');
    const after = c.achievement('tenure', '2025-03-05T00:00:00');
    assert.equal(after.tier, 1); // earned is forever
    assert.equal(after.streak?.length, 1);
    assert.deepEqual(after.nextTier, { tier: 2, target: 6, points: 60 });
    assert.equal(after.streak?.nextMarkAt, '2025-07-31T21:00:00.000Z'); // six months from March: August 1st
  });

  story('digital-transformation', () => {
    const c = new Citizen().verified();
    const stage = (name: string, at: string) => c.do('transformation.stage', at, { attributes: { stage: name } });
    stage('e-documents', '2025-01-20T10:00:00'); // out of order: ignored
    stage('assessment', '2025-01-21T10:00:00');
    stage('e-documents', '2025-02-01T10:00:00');
    stage('e-signature', '2025-03-01T10:00:00');
    stage('online-services', '2025-04-01T10:00:00');
    const before = c.achievement('digital-transformation', '2025-05-01T09:59:00');
    assert.equal(before.state, 'in_progress');
    assert.deepEqual(before.progress, { current: 4, target: 5, remaining: 1 });
    assert.deepEqual(stage('cabinet-features', '2025-05-01T10:00:00').unlocked, [unlock('digital-transformation', '2025-05-01T07:00:00.000Z', 200)]);
  });

  it('covers the whole catalog', () => {
    assert.deepEqual([...covered].sort(), catalogJson.achievements.map((a) => a.id).sort());
  });
});
