/**
 * Demo citizens: about a year of realistic, dated events ending at `now`, deterministic for a
 * given `now`, chosen so every state appears (earned, in progress, not started, hidden, tiers,
 * tenure, a broken streak). Used by `npm start` and, later, to seed the reference server.
 */
import type { AchievementEvent, Channel } from '../src/engine/index.ts';

const DAY = 86_400_000;
const MOSCOW = 3 * 3_600_000; // UTC+3 all year

export interface DemoCitizen {
  userId: string;
  /** Who they are, for the demo's own text; never sent to the engine or shared. */
  persona: string;
  events: AchievementEvent[];
}

/** A small seeded generator (mulberry32) so that the demo is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Story {
  readonly events: AchievementEvent[] = [];
  readonly #userId: string;
  readonly #now: number;
  readonly #rand: () => number;

  constructor(userId: string, now: number, seed: number) {
    this.#userId = userId;
    this.#now = now;
    this.#rand = random(seed);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#rand() * items.length)]!;
  }

  /** An event `daysAgo` Moscow calendar days before today, in the daytime; never in the future. */
  on(daysAgo: number, type: string, channel: Channel = 'web', attributes?: Record<string, string | number>): this {
    const hour = 8 + Math.floor(this.#rand() * 12);
    const moscowMidnight = Math.floor((this.#now + MOSCOW) / DAY) * DAY - MOSCOW;
    const at = Math.min(this.#now - 60_000, moscowMidnight - daysAgo * DAY + hour * 3_600_000);
    this.events.push({
      id: `${this.#userId}-${String(this.events.length + 1).padStart(4, '0')}`,
      userId: this.#userId,
      type,
      occurredAt: new Date(at).toISOString(),
      channel,
      ...(attributes ? { attributes } : {}),
    });
    return this;
  }

  onboard(daysAgo: number): this {
    return this.on(daysAgo, 'profile.registered').on(daysAgo, 'profile.verified').on(daysAgo - 1, 'contact.confirmed', 'web', { kind: 'phone' });
  }
}

const documents = ['passport', 'driving-licence', 'birth-certificate', 'property', 'vehicle'];
const categories = ['documents', 'transport', 'family', 'taxes', 'health'];
const procedures = ['tax-return', 'car-registration', 'property-deal', 'pension', 'benefits', 'business'];
const certificates = ['income', 'criminal-record', 'pension-account', 'tax-debt', 'vaccination'];

function application(story: Story, daysAgo: number, channel: Channel): void {
  story.on(daysAgo, 'application.submitted', channel, {
    service: story.pick(documents),
    category: story.pick(categories),
    documentType: story.pick(documents),
  });
}

/** Anna: a year of steady use, mostly in the app: tiers, tenure, hidden ones earned. */
function anna(now: number): DemoCitizen {
  const s = new Story('demo-anna', now, 1);
  s.onboard(370).on(368, 'contact.confirmed', 'web', { kind: 'email' }).on(365, 'profile.completed');
  for (let month = 12; month >= 0; month--) {
    const base = month * 30 + 5;
    for (let i = 0; i < 3; i++) application(s, base - i * 6, 'mobile');
    s.on(base - 2, 'fine.paid', 'mobile');
  }
  procedures.slice(0, 5).forEach((procedure, i) => s.on(300 - i * 40, 'signature.used', 'mobile', { procedure }));
  s.on(200, 'application.completed', 'web', { service: 'passport', processingHours: 12 }).on(199, 'support.feedback');
  for (const kind of ['status', 'deadline', 'payment', 'appointment']) s.on(180, 'notification.enabled', 'mobile', { kind });
  for (const kind of ['status', 'deadline', 'payment']) s.on(170, 'notification.responded', 'mobile', { kind });
  for (let day = 40; day >= 0; day--) s.on(day, 'app.login', 'mobile');
  for (let i = 0; i < 6; i++) s.on(150 - i * 12, 'poll.voted', 'mobile', { poll: `city-poll-${i + 1}` });
  ['assessment', 'e-documents', 'e-signature', 'online-services', 'cabinet-features'].forEach((stage, i) =>
    s.on(250 - i * 30, 'transformation.stage', 'web', { stage }),
  );
  return { userId: 'demo-anna', persona: 'Анна: год активного пользования, в основном через приложение', events: s.events };
}

/** Boris: half a year, on the web and at the office; a block broke his tenure. */
function boris(now: number): DemoCitizen {
  const s = new Story('demo-boris', now, 2);
  s.onboard(200).on(198, 'profile.completed');
  for (let month = 6; month >= 0; month--) {
    if (month === 3) continue;
    application(s, month * 30 + 10, 'web');
    if (month % 2 === 0) s.on(month * 30 + 12, 'certificate.received', 'web', { service: certificates[month % certificates.length]! });
  }
  s.on(95, 'account.blocked', 'web').on(93, 'account.unblocked', 'web');
  s.on(60, 'office.visited', 'office').on(60, 'visit.completed', 'office');
  s.on(45, 'signature.used', 'web', { procedure: 'tax-return' }).on(20, 'signature.used', 'web', { procedure: 'pension' });
  s.on(15, 'poll.voted', 'web', { poll: 'city-poll-1' });
  s.on(30, 'transformation.stage', 'web', { stage: 'assessment' });
  return { userId: 'demo-boris', persona: 'Борис: полгода, сайт и визиты в офис, стаж прерван блокировкой', events: s.events };
}

/** Vera: registered last week, one application not yet verified before it. */
function vera(now: number): DemoCitizen {
  const s = new Story('demo-vera', now, 3);
  s.on(9, 'profile.registered').on(8, 'application.submitted', 'web', { service: 'passport', category: 'documents', documentType: 'passport' });
  s.on(7, 'profile.verified').on(6, 'contact.confirmed', 'web', { kind: 'phone' });
  s.on(2, 'app.login', 'mobile').on(1, 'app.login', 'mobile');
  return { userId: 'demo-vera', persona: 'Вера: зарегистрировалась на прошлой неделе', events: s.events };
}

export function demoCitizens(now: number = Date.now()): DemoCitizen[] {
  return [anna(now), boris(now), vera(now)];
}
