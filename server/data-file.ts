/**
 * What the operator's data files beside the catalog (campaigns, rewards) share: the valibot pieces
 * of their fields, and how a file is read, with errors that name it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { ValidationError } from '../src/engine/index.ts';

export const slug = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/, 'expected lower-case letters, digits and . _ -'), v.maxLength(64, 'expected at most 64 characters'));
const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, 'expected non-empty text'), v.maxLength(max, `expected at most ${max} characters`));
export const localized = (max: number) => v.strictObject({ ru: text(max), en: text(max) });
export const positive = (max: number) => v.pipe(v.number(), v.integer('expected an integer'), v.minValue(1, 'expected at least 1'), v.maxValue(max, `expected at most ${max}`));

/** Reads the `kind` file at `path` (`fallback` when undefined) and compiles it; every error names the file. */
export function loadDataFile<T>(kind: string, path: string | undefined, fallback: string, compile: (input: unknown) => T): T {
  const file = path ? resolve(path) : fallback;
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${kind} file ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return compile(input);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.issues.map((issue) => ({ ...issue, path: `${file}: ${issue.path}` })));
    throw error;
  }
}
