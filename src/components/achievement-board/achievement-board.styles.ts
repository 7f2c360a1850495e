import { css } from 'lit';

// Sizes in rem/em and no fixed heights, so 200 % zoom and the portal's large-text mode reflow.
export const achievementBoardStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_gap: var(--achievement-board-gap, 1rem);
  }
  .board {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
    background: var(--achievement-board-background, var(--_surface));
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .header {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
    gap: var(--_gap);
  }
  .level {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .level progress-ring {
    flex: none;
    --progress-ring-size: var(--achievement-board-ring-size, 5em);
    --progress-ring-font-size: 0.875em;
  }
  .level-title,
  .subheading,
  .group-title {
    font-weight: 700;
  }
  .group-title {
    font-size: 1.2em;
    margin-block-end: 0.5rem;
  }
  .privileges ul {
    padding-inline-start: 1.25em;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [aria-pressed='true'] {
    color: var(--_surface);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  .count {
    font-variant-numeric: tabular-nums;
  }
  .list {
    display: grid;
    gap: calc(var(--_gap) * 1.5);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--achievement-board-card-min-width, 16rem)), 1fr));
    gap: var(--_gap);
    padding: 0;
    list-style: none;
  }
  .card {
    display: flex;
    gap: 0.75rem;
    padding: 1rem;
    background: var(--achievement-board-card-background, var(--_surface));
    border: 0.0625rem solid var(--_border);
    border-radius: var(--_radius);
    min-inline-size: 0;
  }
  .card[data-state='unlocked'] {
    border-inline-start: 0.375rem solid var(--_success);
  }
  .icon {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: var(--achievement-board-icon-size, 3rem);
    block-size: var(--achievement-board-icon-size, 3rem);
    border-radius: 50%;
    background: var(--_track);
    font-weight: 700;
    font-size: 1.5em;
  }
  .icon img {
    inline-size: 100%;
    block-size: 100%;
  }
  .body {
    display: grid;
    gap: 0.375rem;
    align-content: start;
    min-inline-size: 0;
    flex: 1;
  }
  .card-title {
    font-weight: 700;
  }
  .state {
    display: flex;
    align-items: center;
    gap: 0.375em;
    font-weight: 600;
  }
  .mark {
    inline-size: 0.75em;
    block-size: 0.75em;
    border-radius: 50%;
    border: 0.125rem solid var(--_border);
  }
  [data-state='unlocked'] .state {
    color: var(--_success);
  }
  [data-state='unlocked'] .mark {
    background: var(--_success);
    border-color: var(--_success);
  }
  [data-state='in_progress'] .mark {
    background: linear-gradient(90deg, var(--_accent) 50%, transparent 50%);
    border-color: var(--_accent);
  }
  .progress {
    display: grid;
    gap: 0.25rem;
  }
  progress {
    appearance: none;
    inline-size: 100%;
    block-size: 0.5em;
    border: none;
    border-radius: 999em;
    background: var(--_track);
    overflow: hidden;
  }
  progress::-webkit-progress-bar {
    background: var(--_track);
  }
  progress::-webkit-progress-value {
    background: var(--_accent);
    border-radius: 999em;
  }
  progress::-moz-progress-bar {
    background: var(--_accent);
  }
  .points {
    font-weight: 600;
  }
  achievement-share {
    justify-self: start;
  }
  .steps {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
    gap: var(--_gap);
    padding: 0;
    list-style: none;
  }
  .step {
    display: grid;
    gap: 0.375rem;
    align-content: start;
    padding: 1rem;
    border: 0.0625rem solid var(--_border);
    border-radius: var(--_radius);
  }
  .step a {
    color: var(--_accent);
    justify-self: start;
    padding-block: 0.25em;
  }
  .leaders {
    display: grid;
    gap: 0.25rem;
    padding: 0;
    list-style: none;
  }
  .me {
    font-weight: 700;
  }
  .problem {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .skeleton .icon,
  .skeleton span {
    background: var(--_track);
    /* Three pulses, 4.8 s, then still: nothing moves for longer than 5 s on its own (WCAG 2.2.2). */
    animation: pulse 1.6s ease-in-out 3;
  }
  .skeleton span {
    display: block;
    block-size: 1em;
    border-radius: 0.25em;
  }
  .skeleton span:last-child {
    inline-size: 60%;
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton .icon,
    .skeleton span {
      animation: none;
    }
  }
  @container (max-width: 24rem) {
    .board {
      padding: 0.75rem;
    }
    .card {
      padding: 0.75rem;
    }
  }
  @media (forced-colors: active) {
    [aria-pressed='true'] {
      forced-color-adjust: none;
      color: HighlightText;
      background: Highlight;
    }
    progress::-webkit-progress-value {
      background: Highlight;
    }
  }
`;
