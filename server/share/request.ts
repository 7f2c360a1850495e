/** The body of POST /me/shares, checked: which achievement, and the name the citizen chose to show, if any. */
import { invalidRequest } from '../errors.ts';
import { bodyFields } from '../http.ts';

export interface ShareRequest {
  achievementId: string;
  /** Trimmed, spaces collapsed, NFC; undefined when the citizen shows no name. */
  displayName: string | undefined;
}

const DISPLAY_NAME_MAX = 60;

// Control and format characters (bidi controls, zero-width ones, soft hyphen, tags…) and the rest
// that Unicode says draw nothing (Hangul fillers, variation selectors…): a name that hides, or
// reorders, or seems empty. Emoji joined by U+200D or with U+FE0F are refused with them.
export const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

export function parseShareRequest(body: unknown): ShareRequest {
  const { achievementId, displayName } = bodyFields(body, ['achievementId', 'displayName']);
  if (typeof achievementId !== 'string' || !achievementId) throw invalidRequest('achievementId', 'expected an achievement id');
  if (displayName === undefined) return { achievementId, displayName: undefined };
  if (typeof displayName !== 'string') throw invalidRequest('displayName', 'expected a string');
  const name = displayName.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (UNPRINTABLE.test(name)) throw invalidRequest('displayName', 'plain text only: no control or invisible characters');
  const length = [...name].length;
  if (length < 1 || length > DISPLAY_NAME_MAX) throw invalidRequest('displayName', `expected 1 to ${DISPLAY_NAME_MAX} characters`);
  return { achievementId, displayName: name };
}
