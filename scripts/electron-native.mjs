// Builds better-sqlite3 for Electron's Node into build/electron-native/, apart from the copy in
// node_modules that the tests load under the system's Node. Needs Electron's headers (internet or
// an internal mirror: npm_config_disturl / ELECTRON_MIRROR); run by `npm start` and `npm run dev` only.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const target = path.join(root, 'build/electron-native/better_sqlite3.node');
const electronVersion = require('electron/package.json').version;
const stamp = path.join(path.dirname(target), 'electron-version.txt');

if (fs.existsSync(target) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === electronVersion) {
  process.exit(0);
}
const src = path.dirname(require.resolve('better-sqlite3/package.json'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bsql-electron-'));
fs.cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
const distUrl = process.env.npm_config_disturl || process.env.ELECTRON_HEADERS_MIRROR || 'https://electronjs.org/headers';
console.log(`正在为 Electron ${electronVersion} 编译 better-sqlite3（需要 Electron 头文件：${distUrl}）…`);
try {
  execFileSync(
    process.execPath,
    [
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--dist-url=${distUrl}`,
      `--arch=${process.arch}`,
    ],
    { cwd: work, stdio: 'inherit' },
  );
} catch {
  console.error('编译失败：无法获取 Electron 头文件。请在可访问互联网或内部镜像的机器上运行，或设置 npm_config_disturl。');
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), target);
fs.writeFileSync(stamp, electronVersion);
console.log(`已生成 ${path.relative(root, target)}`);
