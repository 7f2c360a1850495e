/** The demo's personal account: sign in as a demo citizen (the portal sets an HttpOnly cookie) and act. */
import { clearCitizenData } from '../../src/index.ts';

const select = document.querySelector<HTMLSelectElement>('#citizen')!;
const status = document.querySelector<HTMLElement>('#action-status')!;

// Toasts are content that updates by itself: the citizen may keep them until closed, or turn
// them off (Decree 102: pause, stop, hide). The choice is kept on this browser.
const TOAST_SETTING = 'civic-achievements-demo:toast';
const toast = document.querySelector('badge-toast')!;
const applyToast = (value: string) => {
  toast.setAttribute('duration', value === 'persistent' ? 'persistent' : 'auto');
  toast.toggleAttribute('off', value === 'off');
};
const stored = (() => {
  try {
    return localStorage.getItem(TOAST_SETTING);
  } catch {
    return null; // storage blocked: the default for this visit
  }
})();
for (const radio of document.querySelectorAll<HTMLInputElement>('#toast-setting input[name="toast"]')) {
  if (radio.value === stored) radio.checked = true;
  radio.addEventListener('change', () => {
    if (!radio.checked) return;
    applyToast(radio.value);
    try {
      localStorage.setItem(TOAST_SETTING, radio.value);
    } catch {
      // not remembered, but applied
    }
  });
}
applyToast(document.querySelector<HTMLInputElement>('#toast-setting input[name="toast"]:checked')?.value ?? 'auto');

interface Citizen {
  userId: string;
  persona: string;
}

const [citizens, session] = await Promise.all([
  fetch('/portal/citizens').then((r) => r.json() as Promise<Citizen[]>),
  fetch('/portal/session').then((r) => r.json() as Promise<{ userId: string | null }>),
]);
for (const citizen of citizens) select.append(new Option(citizen.persona, citizen.userId, false, citizen.userId === session.userId));

document.querySelector('#sign-in')!.addEventListener('submit', async (event) => {
  event.preventDefault();
  await fetch('/portal/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: select.value }) });
  // Another citizen on this browser: nothing of the last one's may be painted again.
  await clearCitizenData();
  location.reload();
});

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-kind]')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    const answer = await fetch('/portal/actions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: button.dataset.kind }) });
    const body = (await answer.json()) as { unlocked?: unknown[]; error?: string };
    status.textContent = answer.ok ? `Событие отправлено: «${button.textContent!.trim()}».` : `Не получилось: ${body.error ?? answer.status}`;
    button.disabled = false;
  });
}
