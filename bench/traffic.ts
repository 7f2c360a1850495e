/**
 * Portal traffic for the benchmarks: one seeded random source (so runs are comparable) and the
 * mix of citizen actions, shared by bench/engine.bench.ts and bench/server.bench.ts.
 */
import type { AchievementEvent, Channel } from '../src/engine/index.ts';

let seed = 42;
/** A linear congruential generator: every run draws the same numbers. */
export const rand = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/** The mix of a portal's traffic: logins and status checks dominate, signatures and polls are rarer. */
const MIX: [number, string][] = [
  [30, 'app.login'],
  [14, 'application.submitted'],
  [12, 'status.tracked'],
  [8, 'notification.responded'],
  [6, 'fine.paid'],
  [6, 'certificate.received'],
  [5, 'signature.used'],
  [5, 'application.completed'],
  [4, 'poll.voted'],
  [3, 'service.rated'],
  [2, 'notification.enabled'],
  [2, 'qr.scanned'],
  [1, 'office.visited'],
  [1, 'visit.completed'],
  [1, 'support.feedback'],
];
const MIX_TOTAL = MIX.reduce((sum, [weight]) => sum + weight, 0);

/** One citizen action drawn from the mix, with the attributes the default catalog looks at. */
export function portalAction(id: string, userId: string, t: number): AchievementEvent {
  let roll = rand() * MIX_TOTAL;
  const type = MIX.find(([weight]) => (roll -= weight) < 0)?.[1] ?? 'app.login';
  const channel: Channel = type === 'office.visited' ? 'office' : rand() < 0.6 ? 'mobile' : 'web';
  const attributes: Record<string, string | number> = {};
  if (type === 'application.submitted') Object.assign(attributes, { service: pick(['passport', 'licence', 'tax', 'benefit']), category: pick(['documents', 'transport', 'family', 'taxes']), documentType: pick(['passport', 'licence', 'birth', 'property', 'vehicle']) });
  if (type === 'application.completed') attributes.processingHours = Math.floor(rand() * 96);
  if (type === 'signature.used') attributes.procedure = pick(['tax-return', 'car', 'property', 'pension', 'benefits', 'business', 'school']);
  if (type === 'certificate.received') attributes.service = pick(['income', 'criminal-record', 'pension-account', 'tax-debt', 'vaccination']);
  if (type === 'poll.voted') attributes.poll = `poll-${Math.floor(rand() * 40)}`;
  if (type === 'fine.paid') attributes.amount = 500 + Math.floor(rand() * 5000);
  if (type.startsWith('notification.')) attributes.kind = pick(['status', 'deadline', 'payment', 'appointment']);
  return { id, userId, type, occurredAt: new Date(t).toISOString(), channel, ...(Object.keys(attributes).length ? { attributes } : {}) };
}
