import { css } from 'lit';

/** `.hidden`: read, not seen (it completes a control's or a link's name into a sentence). */
export const hiddenStyles = css`
  .hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
