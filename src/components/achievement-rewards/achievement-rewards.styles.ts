import { css } from 'lit';

// Sizes in rem/em and no fixed heights, so 200 % zoom and the portal's large-text mode reflow.
export const achievementRewardsStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_gap: var(--achievement-rewards-gap, 1rem);
  }
  .rewards {
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
    background: var(--_surface);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .subtitle {
    font-size: 1.2em;
    font-weight: 700;
  }
  .balance,
  .cost,
  .card-title {
    font-weight: 700;
  }
  .balance {
    font-size: 1.125em;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--achievement-rewards-card-min-width, 16rem)), 1fr));
    gap: var(--_gap);
    padding: 0;
    list-style: none;
  }
  .card {
    display: grid;
    gap: 0.5rem;
    align-content: start;
    padding: 1rem;
    border: 0.0625rem solid var(--_border);
    border-radius: var(--_radius);
    min-inline-size: 0;
  }
  .terms {
    display: grid;
    gap: 0.25rem;
    padding: 0;
    list-style: none;
  }
  .problem {
    font-weight: 600;
  }
  .redemption {
    display: grid;
  }
  .skeleton {
    display: grid;
    gap: 0.5rem;
  }
  .skeleton span {
    display: block;
    block-size: 1em;
    border-radius: 0.25em;
    background: var(--_track);
    /* Three pulses, 4.8 s, then still: nothing moves for longer than 5 s on its own (WCAG 2.2.2). */
    animation: pulse 1.6s ease-in-out 3;
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
    .skeleton span {
      animation: none;
    }
  }
  @container (max-width: 24rem) {
    .rewards,
    .card {
      padding: 0.75rem;
    }
  }
`;
