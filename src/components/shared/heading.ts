/** A `heading-level` as given by the page: a whole number from 1 to 6, 2 when it is not one. */
export const headingLevel = (n: number) => Math.min(Math.max(Math.trunc(n) || 2, 1), 6);
