/** The share URL table: every scheme, every parameter encoded once, hard titles intact. */
import { expect } from '@open-wc/testing';
import type { ShareTarget } from '../../i18n/achievement-share.ts';
import { DEFAULT_TARGETS, SHARE_SCHEMES, shareActions } from './share-targets.ts';

const LINK = { url: 'https://achievements.example/s/AbC-123_x?v=1&w=2#top', text: 'Достижение «Ночь & день #1» — 100% 🎉 a+b=c' };

/** The expected URL's origin and path, and which query parameter carries what. */
const EXPECTED: Record<ShareTarget, { base: string; params: Record<string, string> }> = {
  max: { base: 'https://max.ru/:share', params: { text: `${LINK.text}\n${LINK.url}` } },
  vk: { base: 'https://vk.com/share.php', params: { url: LINK.url } },
  ok: { base: 'https://connect.ok.ru/offer', params: { url: LINK.url, title: LINK.text } },
  telegram: { base: 'https://t.me/share/url', params: { url: LINK.url, text: LINK.text } },
  whatsapp: { base: 'https://wa.me/', params: { text: `${LINK.text}\n${LINK.url}` } },
  viber: { base: 'viber://forward', params: { text: `${LINK.text}\n${LINK.url}` } },
};

describe('share targets', () => {
  for (const [target, expected] of Object.entries(EXPECTED) as Array<[ShareTarget, (typeof EXPECTED)[ShareTarget]]>) {
    it(`${target}: parses, and carries the link and text encoded exactly once`, () => {
      const built = SHARE_SCHEMES[target].build(LINK);
      const url = new URL(built);
      expect(built.startsWith(`${expected.base}?`)).to.equal(true);
      expect(url.hash).to.equal(''); // the link's own # stays inside its parameter
      expect(Object.fromEntries(url.searchParams)).to.deep.equal(expected.params);
      // Encoded once: decoding each raw value once gives the original, and it has no % of a second pass.
      for (const pair of built.split('?')[1]!.split('&')) {
        const [name, raw] = pair.split('=') as [string, string];
        expect(decodeURIComponent(raw)).to.equal(expected.params[name]);
        expect(raw).not.to.match(/%25[0-9A-F]{2}/);
        expect(raw).not.to.match(/[\s&#+]/);
      }
    });
  }

  it('lists the default targets in order: MAX, VK, OK, Telegram, copy; WhatsApp and Viber only when asked', () => {
    expect(shareActions(DEFAULT_TARGETS, true)).to.deep.equal(['max', 'vk', 'ok', 'telegram', 'copy']);
    expect(shareActions('telegram, whatsapp viber,copy', true)).to.deep.equal(['telegram', 'whatsapp', 'viber', 'copy']);
  });

  it('keeps the page author’s order, drops unknown names and repeats, and hides app-only targets on desktop', () => {
    expect(shareActions('copy telegram TELEGRAM facebook vk', false)).to.deep.equal(['copy', 'telegram', 'vk']);
    expect(shareActions('viber whatsapp', false)).to.deep.equal(['whatsapp']);
    expect(shareActions('', false)).to.deep.equal([]);
  });
});
