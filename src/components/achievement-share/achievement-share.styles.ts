import { css } from 'lit';

export const achievementShareStyles = css`
  :host {
    display: inline-block;
    max-inline-size: 100%;
  }
  .share {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }
  button,
  a {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    box-sizing: border-box;
    min-block-size: 2.75em;
    padding: 0.375em 0.875em;
    font: inherit;
    color: var(--_accent);
    background: var(--_surface);
    border: 0.0625rem solid var(--_accent);
    border-radius: 999em;
    text-decoration: none;
    cursor: pointer;
  }
  [part='menu'] ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='menu'] a,
  [part='menu'] button {
    color: var(--_text);
    border-color: var(--_border);
  }
  [part='icon'] {
    flex: none;
    inline-size: var(--achievement-share-icon-size, 1.5em);
    block-size: var(--achievement-share-icon-size, 1.5em);
    fill: currentColor;
    font: 700 8px sans-serif;
  }
  [part='icon'] text,
  [part='icon'] .cut {
    fill: var(--_surface);
  }
  [part='icon'] .line {
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  [part='link'] {
    inline-size: min(100%, 24rem);
    font: inherit;
    padding: 0.375em;
    color: var(--_text);
    background: var(--_surface);
    border: 0.0625rem solid var(--_border);
  }
  [hidden] {
    display: none;
  }
  .status:empty {
    position: absolute;
  }
  .status {
    margin: 0;
    color: var(--_muted);
  }
`;
