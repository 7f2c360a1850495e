/**
 * Two copies of the built SDK (each with its own Lit) on a page with Trusted Types enforced: the
 * test runner serves it with the portal's strict policy, or with `'allow-duplicates'` added
 * (`?policy=duplicates`). It reports to the test that framed it what each copy threw, whether the
 * elements are defined, a ring's reading from a value, and the CSP violations.
 */
export {};

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));

async function load(url: string): Promise<string> {
  try {
    await import(url);
    return '';
  } catch (error) {
    return String((error as Error).message ?? error);
  }
}

const first = await load('/dist/civic-achievements.js');
const second = await load('/dist/civic-achievements.js?copy=2');
const ring = Object.assign(document.createElement('progress-ring'), { value: 3, max: 5, label: 'Проверка' }) as HTMLElement & { updateComplete?: Promise<boolean> };
document.querySelector('main')!.append(ring);
await ring.updateComplete;
parent.postMessage(
  {
    type: 'two-copies',
    first,
    second,
    defined: ['achievement-board', 'progress-ring', 'badge-toast'].every((tag) => customElements.get(tag) !== undefined),
    ring: ring.shadowRoot?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext') ?? null,
    violations,
  },
  location.origin,
);
