import { css } from 'lit';

export const progressRingStyles = css`
  :host {
    display: inline-grid;
    vertical-align: middle;
    inline-size: var(--progress-ring-size, 4.5em);
    block-size: var(--progress-ring-size, 4.5em);
  }
  [part='base'] {
    display: grid;
    place-items: center;
    position: relative;
  }
  svg {
    grid-area: 1 / 1;
    inline-size: 100%;
    block-size: 100%;
    transform: rotate(-90deg);
    overflow: visible;
  }
  circle {
    fill: none;
    stroke-width: var(--progress-ring-stroke-width, 10);
  }
  [part='track'] {
    stroke: var(--progress-ring-track-color, var(--_track));
  }
  [part='indicator'] {
    stroke: var(--progress-ring-indicator-color, var(--_accent));
    stroke-linecap: round;
    transition: stroke-dasharray var(--progress-ring-transition-duration, 0.4s) ease-out;
  }
  /* Four turns, 4.8 s, then it stands still: nothing moves for longer than 5 s on its own (WCAG 2.2.2). */
  :host([indeterminate]) [part='indicator'] {
    transform-origin: center;
    animation: spin 1.2s linear 4;
  }
  [part='label'] {
    grid-area: 1 / 1;
    font-size: var(--progress-ring-font-size, 1em);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    line-height: 1.1;
    text-align: center;
    max-inline-size: 80%;
    overflow-wrap: anywhere;
  }
  /* Without a number (a problem in words, «Нет связи»): smaller, so two short lines fit. */
  :not([aria-valuenow]) > [part='label'] {
    font-size: calc(var(--progress-ring-font-size, 1em) * 0.62);
    font-weight: 400;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part='indicator'] {
      transition: none;
    }
    :host([indeterminate]) [part='indicator'] {
      animation: none;
    }
  }
`;
