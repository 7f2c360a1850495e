/**
 * A page served with the portal's strict CSP and Trusted Types enforced (the test runner adds
 * the header). The built SDK defines the elements, which render a citizen from the real server
 * inside one <achievement-provider>: the board, a ring for one achievement, a ring for the level,
 * the privileges (<achievement-rewards>), and a toast that shows a page author's message (with an icon) and then an unlock that the live
 * stream delivers. It reports every CSP violation and what the elements rendered to the test that
 * framed it, in two messages: `ready` (everything rendered, the stream open: the test may now
 * ingest the events of an unlock) and `done` (the unlock's toast shown, or the wait given up).
 *
 * `#probe` loads nothing: the test probes the enforcement of the policy itself.
 */
interface ToastContent {
  title: string;
  achievementId?: string;
}
interface StoreLike {
  snapshot: { status: string; updates?: string };
}
interface Sdk {
  achievementStore(options: { endpoint: string; token: string; language: 'ru' | 'en' }): StoreLike;
}

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));

const token = decodeURIComponent(location.hash.slice(1));
if (token && token !== 'probe') await run(token);

async function run(token: string): Promise<void> {
  const sdk = (await import('/dist/civic-achievements.js' as string)) as Sdk;
  const waitedFor: string[] = [];
  /** Polls until `check` holds; a wait that gives up is named in the report, so the test fails saying what. */
  const until = async (check: () => unknown, what: string, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!check()) waitedFor.push(what);
  };
  const make = (tag: string, attributes: Record<string, string> = {}) => {
    const made = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
    return made;
  };

  const provider = make('achievement-provider', { endpoint: '/api/v1' });
  (provider as HTMLElement & { token: string }).token = token;
  const board = make('achievement-board');
  const ring = make('progress-ring', { achievement: 'e-signer', label: 'Электронный подписант' });
  const levelRing = make('progress-ring', { level: '', label: 'До следующего уровня' });
  const toast = make('badge-toast') as HTMLElement & { show(message: { title: string; description?: string; icon?: string }): boolean };
  const shown: ToastContent[] = [];
  const closed: string[] = [];
  toast.addEventListener('achievement-toast-show', (event) => shown.push((event as CustomEvent<{ toast: ToastContent }>).detail.toast));
  toast.addEventListener('achievement-toast-close', (event) => closed.push((event as CustomEvent<{ reason: string }>).detail.reason));
  const rewards = make('achievement-rewards');
  provider.append(board, ring, levelRing, rewards, toast);
  document.querySelector('main')!.append(provider);

  const inToast = (part: string) => toast.shadowRoot?.querySelector(`[part="${part}"]`);
  const valueText = (host: Element | null | undefined) => host?.shadowRoot?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext') ?? null;
  const cards = () => board.shadowRoot?.querySelectorAll('[part="card"]').length ?? 0;
  const store = sdk.achievementStore({ endpoint: '/api/v1', token, language: 'ru' });

  await until(() => cards() > 0, 'the board’s cards');
  await until(() => valueText(ring)?.includes(' из ') && valueText(levelRing)?.includes(' из '), 'both rings’ values');
  const privileges = () => rewards.shadowRoot?.querySelectorAll('[part="reward"]').length ?? 0;
  await until(() => privileges() > 0, 'the privileges');

  // A page author's own message, with a relative icon URL that the policy's img-src 'self' allows.
  const accepted = toast.show({ title: 'Сообщение портала', description: 'Ваше заявление принято.', icon: '/api/v1/icons/first-request.svg' });
  await until(() => shown.length === 1 && inToast('title'), 'the page’s message');
  const icon = inToast('icon') as HTMLImageElement | null;
  await until(() => icon?.complete && icon.naturalWidth > 0, 'the message’s icon to load');
  const message = { accepted, title: inToast('title')?.textContent ?? null, iconLoaded: !!icon && icon.naturalWidth > 0 };
  (inToast('close-button') as HTMLButtonElement | null)?.click();
  await until(() => closed.length === 1 && !inToast('title'), 'the message to close');

  await until(() => store.snapshot.updates === 'stream', 'the live stream');
  const rendered = { status: store.snapshot.status, cards: cards(), ring: valueText(ring), levelRing: valueText(levelRing), boardRing: valueText(board.shadowRoot?.querySelector('[part="ring"]')), rewards: privileges(), message };
  parent.postMessage({ type: 'csp-page', phase: 'ready', ...rendered, waitedFor: [...waitedFor] }, location.origin);

  // The test now ingests an application: the stream's unlock reaches the toast.
  await until(() => shown.some((toast) => toast.achievementId), 'the unlock’s toast', 15_000);
  const unlock = { achievementId: shown.find((toast) => toast.achievementId)?.achievementId ?? null, title: inToast('title')?.textContent ?? null, points: inToast('points')?.textContent ?? null };
  // Points and level move live too.
  await until(() => valueText(levelRing) !== rendered.levelRing, 'the level ring to move');
  const levelRingAfter = valueText(levelRing);
  await new Promise((resolve) => setTimeout(resolve, 200)); // late violations, if any
  parent.postMessage({ type: 'csp-page', phase: 'done', ...rendered, unlock, levelRingAfter, violations, waitedFor }, location.origin);
}

export {};
