import { css } from 'lit';

export const badgeToastStyles = css`
  :host {
    display: contents;
  }
  /* Between toasts the card is empty and takes no room, but stays rendered: its live region must exist before text arrives. */
  [part='toast'] {
    position: fixed;
    inset-block: var(--badge-toast-inset-block-start, auto) var(--badge-toast-inset-block-end, 1rem);
    inset-inline: var(--badge-toast-inset-inline-start, auto) var(--badge-toast-inset-inline-end, 1rem);
    z-index: var(--badge-toast-z-index, 1000);
    pointer-events: none;
  }
  .open {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: start;
    gap: 0.5rem 0.75rem;
    box-sizing: border-box;
    inline-size: var(--badge-toast-width, 24rem);
    max-inline-size: calc(100vw - 2rem);
    /* At 200 % zoom on a short screen it scrolls inside rather than growing off the top. */
    max-block-size: calc(100dvh - 2rem);
    overflow-y: auto;
    padding: 0.75rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.2);
    pointer-events: auto;
    animation: badge-toast-in var(--badge-toast-animation-duration, 0.2s) ease-out;
  }
  [part='message'] {
    display: flex;
    gap: 0.75rem;
    align-items: start;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  [part='icon'] {
    flex: none;
    inline-size: var(--badge-toast-icon-size, 3rem);
    block-size: var(--badge-toast-icon-size, 3rem);
    object-fit: contain;
  }
  p {
    margin: 0;
  }
  [part='title'] {
    font-weight: 600;
  }
  [part='description'] {
    margin-block-start: 0.25rem;
    color: var(--_muted);
  }
  [part='points'] {
    margin-block-start: 0.25rem;
    color: var(--_success);
    font-weight: 600;
  }
  button {
    font: inherit;
    min-block-size: 2.75rem;
    border-radius: calc(var(--_radius) / 2);
    cursor: pointer;
  }
  [part='share'] {
    grid-column: 1;
    justify-self: start;
  }
  [part='close-button'] {
    grid-area: 1 / 2;
    display: grid;
    place-items: center;
    min-inline-size: 2.75rem;
    padding: 0;
    color: var(--_text);
    background: transparent;
    /* Transparent, and drawn under forced colours. */
    border: 1px solid transparent;
  }
  [part='close-button'] svg {
    inline-size: 1rem;
    block-size: 1rem;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
  }
  @keyframes badge-toast-in {
    from {
      opacity: 0;
      transform: translateY(0.5rem);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .open {
      animation: none;
    }
  }
`;
