/** Share display names and feedback comments are plain text: nothing invisible, nothing that only looks empty. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiError } from '../../../server/errors.ts';
import { parseFeedback } from '../../../server/feedback.ts';
import { parseShareRequest } from '../../../server/share/request.ts';

/** Each hides, reorders or draws nothing, and none is a control character or a bidi override. */
const INVISIBLE: Array<[string, string]> = [
  ['an Arabic letter mark', 'Ann\u061Ca'],
  ['a soft hyphen', 'An\u00ADna'],
  ['an invisible plus', 'Ann\u2064a'],
  ['tag characters', 'Anna\u{E0041}\u{E0042}'],
  ['a Mongolian vowel separator', 'An\u180Ena'],
  ['an interlinear annotation anchor', 'An\uFFF9na'],
  ['a Hangul filler alone', '\u3164'],
  ['a Hangul choseong filler alone', '\u115F'],
  ['a zero-width joiner alone', '\u200D'],
];

const refusal = (parse: () => unknown): string => {
  try {
    parse();
  } catch (error) {
    return `${(error as ApiError).status} ${(error as ApiError).message}`;
  }
  return 'accepted';
};

describe('plain text from citizens', () => {
  it('refuses a share name with an invisible character, or of nothing visible', () => {
    for (const [label, displayName] of INVISIBLE) {
      assert.equal(refusal(() => parseShareRequest({ achievementId: 'registered', displayName })), '400 displayName: plain text only: no control or invisible characters', label);
    }
    assert.equal(refusal(() => parseShareRequest({ achievementId: 'registered', displayName: ' \u3000\t ' })), '400 displayName: expected 1 to 60 characters', 'blank once trimmed');
    assert.deepEqual(parseShareRequest({ achievementId: 'registered', displayName: '  Анна   Ли ' }), { achievementId: 'registered', displayName: 'Анна Ли' });
  });

  it('refuses a feedback comment with an invisible character', () => {
    for (const [label, comment] of INVISIBLE) {
      assert.equal(refusal(() => parseFeedback({ rating: 4, comment })), '400 comment: plain text only: no control or invisible characters', label);
    }
    assert.deepEqual(parseFeedback({ rating: 4, comment: ' Полезно, спасибо! ' }), { rating: 4, comment: 'Полезно, спасибо!' });
  });
});
