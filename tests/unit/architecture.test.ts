import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|tsx|mts|mjs)$/.test(e.name) ? [p] : [];
  });
}

const imports = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] as string);

describe('layers (ARCHITECTURE.md)', () => {
  it('only the shell (src/main/electron) and the preload import electron', () => {
    const offenders = files('src')
      .filter((f) => !f.startsWith(path.join('src', 'main', 'electron')) && !f.startsWith(path.join('src', 'preload')))
      .filter((f) => imports(f).some((m) => m === 'electron' || m.startsWith('electron/') || m.startsWith('electron-log')));
    expect(offenders).toEqual([]);
  });

  it('src/shared imports no node, electron, react or main code', () => {
    const offenders = files('src/shared').flatMap((f) =>
      imports(f)
        .filter(
          (m) =>
            m.startsWith('node:') ||
            ['fs', 'path', 'electron', 'react', 'better-sqlite3', 'kysely'].includes(m) ||
            m.includes('/main/') ||
            m.includes('/renderer/'),
        )
        .map((m) => `${f} → ${m}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the core imports neither electron nor the handlers', () => {
    const offenders = files('src/main/core').flatMap((f) =>
      imports(f)
        .filter((m) => m === 'electron' || m.endsWith('/handlers') || m.includes('/electron/') || m.includes('/web/'))
        .map((m) => `${f} → ${m}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches the main process only through its api client', () => {
    if (!fs.existsSync('src/renderer/src')) return;
    const offenders = files('src/renderer/src').flatMap((f) =>
      imports(f)
        .filter((m) => m.includes('/main/') || m.startsWith('node:') || m === 'electron' || m === 'better-sqlite3')
        .map((m) => `${f} → ${m}`),
    );
    expect(offenders).toEqual([]);
  });
});
