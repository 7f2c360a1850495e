/**
 * Buttons, disclosures, confirmations and form fields as the board and the rewards element draw
 * them: targets at least 2.75em high (WCAG 2.5.8 asks 24 px), colours from the theme, system
 * colours under forced colours (the theme's own fallback).
 */
import { css } from 'lit';

export const controlStyles = css`
  button {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 0.0625rem solid var(--_border);
    border-radius: 999em;
    padding: 0.375em 0.875em;
    min-block-size: 2.75em;
    cursor: pointer;
  }
  .primary {
    color: var(--_surface);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  [aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
    min-block-size: 1.5rem;
    padding-block: 0.25em;
    inline-size: fit-content;
  }
  details > :not(summary) {
    margin-block-start: 0.5rem;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: none;
  }
  legend {
    padding: 0;
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    min-block-size: 2.75em;
  }
  input[type='radio'] {
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0;
    accent-color: var(--_accent);
  }
  input[type='text'] {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 0.0625rem solid var(--_border);
    border-radius: 0.375em;
    padding: 0.375em 0.5em;
    inline-size: 100%;
    box-sizing: border-box;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .note:empty {
    position: absolute;
  }
  /* Read, not seen. */
  .hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (forced-colors: active) {
    .primary {
      border-color: ButtonText;
    }
  }
`;
