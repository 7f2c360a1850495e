/**
 * Buttons, disclosures, confirmations and form fields as the board and the rewards element draw
 * them: targets at least 2.75em high (WCAG 2.5.8 asks 24 px), colours from the theme, system
 * colours under forced colours (the theme's own fallback). Then what else the two draw alike:
 * paragraphs and lists without margins, the title, the status line, muted text, sections.
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
  /* Out of the grid's flow while empty, but never display: none: a live region must exist before its text. */
  .status:empty,
  .note:empty {
    position: absolute;
  }
  p,
  ul {
    margin: 0;
  }
  .title {
    font-size: 1.5em;
    font-weight: 700;
    line-height: 1.2;
  }
  .status,
  .muted {
    color: var(--_muted);
  }
  .section {
    display: grid;
    gap: 0.5rem;
  }
  @media (forced-colors: active) {
    .primary {
      border-color: ButtonText;
    }
  }
`;
