/**
 * Child process of the exchange-bounds test: previews one exchange file against an empty ledger and
 * prints one JSON line with the answer, the seconds taken and the process's peak memory (maxRSS).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContext } from '../../../src/main/core/context';
import { openLedger } from '../../../src/main/core/db';
import { previewExchange } from '../../../src/main/core/exchange';

const [file, password] = process.argv.slice(2) as [string, string | undefined];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-child-'));
const ledger = await openLedger(path.join(dir, 'ledger.sqlite'));
const bytes = fs.readFileSync(file);
const started = performance.now();
let message = 'accepted';
try {
  await previewExchange(createContext(ledger), bytes, { password, fileName: path.basename(file) });
} catch (e) {
  message = e instanceof Error ? e.message : String(e);
}
const seconds = (performance.now() - started) / 1000;
await ledger.close();
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ message, seconds, peakMB: Math.round(process.resourceUsage().maxRSS / 1024), fileKB: Math.ceil(bytes.length / 1024) })}\n`,
);
