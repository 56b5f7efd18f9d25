import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const rendererDir = path.join(here, '../renderer');
export const rendererIndex = path.join(rendererDir, 'index.html');
export const preloadFile = path.join(here, '../preload/index.cjs');

/**
 * better-sqlite3 built for Electron's Node, kept apart from the one the tests use
 * (scripts/electron-native.mjs makes it). Packaged apps are rebuilt by electron-builder and need none.
 */
export function electronNativeBinding(isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const candidate = path.join(here, '../../build/electron-native/better_sqlite3.node');
  return fs.existsSync(candidate) ? candidate : undefined;
}
