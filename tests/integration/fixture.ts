/** A fresh ledger in a temp folder with a fixed clock, and a caller that goes through the real dispatch. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Ctx, createContext } from '../../src/main/core/context';
import { openLedger } from '../../src/main/core/db';
import { dispatch } from '../../src/main/handlers';
import type { ApiResult, Channel, Input, Output } from '../../src/shared/contract';

export const TODAY = '2026-06-30';

export interface TestLedger {
  ctx: Ctx;
  dir: string;
  /** Calls a channel exactly as the IPC binding and HTTP bridge do; throws on an error result. */
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** Calls a channel and returns the raw result, errors included. */
  raw(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  count(table: string): number;
  close(): Promise<void>;
}

export async function makeLedger(): Promise<TestLedger> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'));
  const ledger = await openLedger(path.join(dir, 'ledger.sqlite'));
  let tick = 0;
  const ctx = createContext(ledger, {
    today: () => TODAY,
    now: () => `${TODAY}T08:00:${String(tick++ % 60).padStart(2, '0')}.000Z`,
  });
  const unexpected: unknown[] = [];
  return {
    ctx,
    dir,
    async call(channel, input) {
      const r = await dispatch(ctx, channel, input, (_c, e) => unexpected.push(e));
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message} ${unexpected.map(String).join(' ')}`);
      return r.data as never;
    },
    raw: (channel, input) => dispatch(ctx, channel, input, (_c, e) => unexpected.push(e)),
    count: (table) => (ledger.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    async close() {
      await ledger.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A stand-in renderer build beside the ledger for the web-server tests: index.html and one asset,
 * and a secret.txt outside the folder that no URL may reach. Returns the folder to serve.
 */
export function fakeRendererDir(t: TestLedger): string {
  const staticDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>两新党建台账</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'secret');
  return staticDir;
}
