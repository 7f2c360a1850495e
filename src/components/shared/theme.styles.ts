/**
 * The look every element shares. Page authors theme through the public `--ach-*` properties;
 * each has a default, so no theme file is needed. Colours follow the page's `color-scheme`
 * (light-dark()), or the element's `theme` attribute: `light`, `dark`, or `auto` (the system's
 * preference). Fonts and sizes are inherited, so a portal's zoom and visually-impaired mode reach
 * inside. Under forced colours, system colours replace all of them.
 */
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --_accent: var(--ach-color-accent, light-dark(#0d4cd3, #8ab4ff));
    --_text: var(--ach-color-text, light-dark(#1a1f29, #eceff4));
    --_muted: var(--ach-color-muted, light-dark(#4a5466, #b4bccb));
    --_surface: var(--ach-color-surface, light-dark(#ffffff, #1b2029));
    --_border: var(--ach-color-border, light-dark(#767f8f, #8a93a3));
    --_track: var(--ach-color-track, light-dark(#d5dae3, #3a4150));
    --_success: var(--ach-color-success, light-dark(#0b6e35, #7ddba2));
    --_focus: var(--ach-color-focus, light-dark(#0d4cd3, #ffd24d));
    --_radius: var(--ach-radius, 0.75rem);
    font: inherit;
    color: var(--_text);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  :host([hidden]) {
    display: none !important;
  }
  :focus-visible {
    outline: 0.1875rem solid var(--_focus);
    outline-offset: 0.125rem;
  }
  @media (forced-colors: active) {
    :host {
      --_accent: Highlight;
      --_text: CanvasText;
      --_muted: CanvasText;
      --_surface: Canvas;
      --_border: CanvasText;
      --_track: GrayText;
      --_success: Highlight;
      --_focus: Highlight;
    }
  }
`;
