/**
 * A page served with the portal's strict CSP and Trusted Types enforced (the test runner adds
 * the header): the built SDK defines the elements, which render a citizen from the real server.
 * It reports every CSP violation and what the elements rendered to the test that framed it.
 */
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));

await import('/dist/civic-achievements.js' as string);
const token = decodeURIComponent(location.hash.slice(1));

const provider = document.createElement('achievement-provider');
provider.setAttribute('endpoint', '/api/v1');
(provider as HTMLElement & { token: string }).token = token;
const ring = document.createElement('progress-ring');
ring.setAttribute('achievement', 'e-signer');
ring.setAttribute('label', 'Электронный подписант');
const levelRing = document.createElement('progress-ring');
levelRing.setAttribute('level', '');
provider.append(ring, levelRing);
document.querySelector('main')!.append(provider);

const deadline = Date.now() + 8000;
const rendered = () => ring.shadowRoot?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext');
while (!rendered()?.includes('из') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
await new Promise((resolve) => setTimeout(resolve, 200)); // late violations, if any
parent.postMessage({ type: 'csp-page', violations, ring: rendered() ?? null }, location.origin);

export {};
