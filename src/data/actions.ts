/**
 * What a citizen does to issue 7's sections: redeem a privilege, rate an achievement, join or
 * leave a campaign. Each answer is shown at once, then what it changed is reloaded; each resolves
 * to a result, never a rejection.
 */
import type { Outcome } from './client.ts';
import type { Feedback, Participation, Redeemed } from './contract.ts';
import { parseFeedback, parseNothing, parseParticipation, parseRedeemed } from './contract.ts';
import type { SectionLoader, SectionName } from './sections.ts';
import type { StoreInternals } from './store.ts';

/**
 * What an action (a redemption, a rating, a preference, joining a campaign) came to. Never a
 * rejection: `code` is the server's error code (`insufficient_points`, `sold_out`, …), or
 * `offline` / `unauthenticated`, so an element can say it in words; `reason` is technical.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string; code?: string | undefined };

export function resultOf<T>(outcome: Outcome<T>): Result<T> {
  if (outcome.kind === 'ok') return { ok: true, value: outcome.value };
  return { ok: false, reason: 'reason' in outcome ? outcome.reason : outcome.kind, code: outcome.kind === 'error' ? outcome.code : outcome.kind };
}

/** An Idempotency-Key: randomUUID where the page is a secure context, 128 random bits otherwise. */
const newKey = () => crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export class CitizenActions {
  readonly #store: StoreInternals;
  readonly #sections: SectionLoader;
  /** The Idempotency-Key of each reward's redemption intent, kept while its outcome is unknown. */
  readonly #intents = new Map<string, string>();
  readonly #redeeming = new Map<string, Promise<Result<Redeemed>>>();

  constructor(store: StoreInternals, sections: SectionLoader) {
    this.#store = store;
    this.#sections = sections;
  }

  /**
   * The client's retries, and a later call for the same reward after an outcome that left it
   * unknown (offline, 5xx, an unreadable answer), send the intent's key again, so the server
   * grants it at most once. A second call while one is in flight shares it.
   */
  redeem(rewardId: string): Promise<Result<Redeemed>> {
    let pending = this.#redeeming.get(rewardId);
    if (pending) return pending;
    let key = this.#intents.get(rewardId);
    if (!key) this.#intents.set(rewardId, (key = newKey()));
    const body = JSON.stringify({ rewardId });
    pending = this.#store.send({ path: '/me/redemptions', parse: parseRedeemed, body, headers: { 'Idempotency-Key': key } }).then((outcome) => {
      this.#redeeming.delete(rewardId);
      const decided = outcome.kind === 'ok' || outcome.kind === 'unauthenticated' || (outcome.kind === 'error' && outcome.status! >= 400 && outcome.status! < 500);
      if (decided) this.#intents.delete(rewardId);
      if (outcome.kind === 'ok') {
        const { redemption, balance } = outcome.value;
        const { achievements, sections } = this.#store.snapshot();
        const list = sections.redemptions?.value?.redemptions.filter((r) => r.id !== redemption.id) ?? [];
        const rewards = sections.rewards?.value;
        this.#store.update({
          ...(achievements && { achievements: { ...achievements, balance } }),
          sections: {
            ...sections,
            redemptions: { status: 'ready', value: { balance, redemptions: [redemption, ...list] } },
            ...(rewards && { rewards: { status: 'ready', value: { ...rewards, balance } } }),
          },
        });
        this.#afterChange(['rewards', 'redemptions']);
      } else if (decided) this.#sections.load(['rewards']); // sold out, a limit, a level: what is available changed
      return resultOf(outcome);
    });
    this.#redeeming.set(rewardId, pending);
    return pending;
  }

  async rate(achievementId: string, rating: number, comment?: string): Promise<Result<Feedback>> {
    const body = JSON.stringify({ rating, ...(comment?.trim() ? { comment: comment.trim() } : {}) });
    const outcome = await this.#store.send({ path: `/me/feedback/${encodeURIComponent(achievementId)}`, method: 'PUT', parse: parseFeedback, body });
    const list = this.#store.snapshot().sections.feedback?.value?.feedback;
    if (outcome.kind === 'ok' && list) {
      const feedback = [...list.filter((f) => f.achievementId !== achievementId), outcome.value];
      this.#store.update({ sections: { ...this.#store.snapshot().sections, feedback: { status: 'ready', value: { feedback } } } });
    }
    return resultOf(outcome);
  }

  async participate(campaignId: string, join: boolean): Promise<Result<Participation | undefined>> {
    const path = `/me/campaigns/${encodeURIComponent(campaignId)}/participation`;
    const outcome = await this.#store.send<Participation | undefined>(join ? { path, parse: parseParticipation, body: '{}' } : { path, method: 'DELETE', parse: parseNothing });
    const held = this.#store.snapshot().sections.campaigns?.value;
    if (outcome.kind === 'ok' && held) {
      // Shown at once; the place and score come with the reload.
      const campaigns = held.campaigns.map((c) => (c.id === campaignId ? { ...c, me: { eligible: true, joined: join } } : c));
      this.#store.update({ sections: { ...this.#store.snapshot().sections, campaigns: { status: 'ready', value: { campaigns } } } });
    }
    if (outcome.kind === 'ok') this.#afterChange(['campaigns'], campaignId);
    return resultOf(outcome);
  }

  /** After the citizen changed something: those sections, that leaderboard, and the state (points, balance). */
  #afterChange(sections: SectionName[], campaignId?: string): void {
    this.#sections.load(sections);
    if (campaignId && this.#store.snapshot().leaderboards[campaignId]) this.#sections.leaderboard(campaignId);
    void this.#store.refresh();
  }
}
