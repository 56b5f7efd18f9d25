import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const { load } = await import('js-yaml');
    const config = load(fs.readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();

    // The validation must be able to fail, or it proves nothing.
    await expect(validateConfiguration({ ...config, nsis: { oneClick: 'sometimes' } }, new DebugLogger(false))).rejects.toThrow();
    // Loading app-builder-lib takes seconds on a busy two-core machine.
  }, 60_000);

  it('builds what the counties install: NSIS x64 in Chinese, deb and AppImage for x64 and arm64', async () => {
    const { load } = await import('js-yaml');
    const c = load(fs.readFileSync('electron-builder.yml', 'utf8')) as {
      productName: string;
      win: { target: { target: string; arch: string[] }[] };
      nsis: { oneClick: boolean; perMachine: boolean; installerLanguages: string[]; createDesktopShortcut: string };
      linux: { target: { target: string; arch: string[] }[] };
      files: string[];
    };
    expect(c.productName).toBe('两新党建台账');
    expect(c.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(c.nsis).toMatchObject({ oneClick: false, perMachine: false, installerLanguages: ['zh_CN'], createDesktopShortcut: 'always' });
    expect(c.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(fs.existsSync('resources/icon.png')).toBe(true);
    expect(c.files).toContain('seeds/demo-county.json');
  });

  it('npm install never needs Electron’s binary or headers (no postinstall, no install-app-deps)', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    expect(pkg.scripts.postinstall).toBeUndefined();
    expect(JSON.stringify(pkg.scripts)).not.toContain('install-app-deps');
    expect(JSON.parse(fs.readFileSync('node_modules/electron/package.json', 'utf8')).scripts?.postinstall).toBeUndefined();
  });
});
