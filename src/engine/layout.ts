/**
 * A citizen's state is one Float64Array laid out by the catalog: a header, per-action point
 * windows, and per achievement its unlock times and its criterion's slots. One contiguous buffer
 * keeps evaluation cache-friendly and allocation-free, and stores as a blob.
 */
export type Slots = Float64Array;

/** Header slots: the watermark time, when the account was verified (NaN: not yet), action points. */
export const WATERMARK = 0;
export const VERIFIED = 1;
export const ACTION_POINTS = 2;
const HEADER = 3;

/** Hands out consecutive slots while a catalog compiles. */
export class Layout {
  size = HEADER;

  take(slots: number): number {
    const at = this.size;
    this.size += slots;
    return at;
  }
}

/**
 * A 53-bit hash of an attribute value, so distinct-value sets fit the numeric buffer. Two values
 * colliding would undercount one; for the sets a criterion keeps (at most 100 values) the chance
 * is below 1e-12.
 */
export function hashValue(value: string | number | boolean): number {
  const text = typeof value === 'string' ? value : String(value);
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return (a >>> 0) * 2_097_152 + ((b >>> 0) >>> 11);
}
