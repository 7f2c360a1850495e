/** The catalog the server evaluates with: the built-in one, or an operator's file (ACH_CATALOG). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Catalog } from '../src/engine/index.ts';
import { compileCatalog } from '../src/engine/index.ts';
import { ROOT } from './config.ts';

export interface LoadedCatalog {
  catalog: Catalog;
  /** Icons are resolved against the catalog file's folder. */
  directory: string;
}

export function loadCatalog(path: string | undefined): LoadedCatalog {
  const file = path ? resolve(path) : resolve(ROOT, 'src/engine/catalog/default.json');
  const catalog = compileCatalog(JSON.parse(readFileSync(file, 'utf8')));
  return { catalog, directory: dirname(file) };
}
