/**
 * An element's language: its own `lang`, else the nearest ancestor's (across shadow roots), else
 * `<html lang>`. Russian unless that says English.
 */
import type { Language } from './plural.ts';

export function languageOf(element: Element): Language {
  for (let node: Element | null = element; node; ) {
    const lang = node.getAttribute('lang');
    if (lang) return normalize(lang);
    const parent: Element | null = node.parentElement;
    node = parent ?? ((node.getRootNode() as ShadowRoot).host ?? null);
  }
  return normalize(document.documentElement.lang);
}

function normalize(lang: string): Language {
  return lang.trim().toLowerCase().split('-')[0] === 'en' ? 'en' : 'ru';
}
