/**
 * What a login costs: time and memory of one scrypt hash at the cost new passwords get, and of the
 * cheaper settings for comparison. `npx tsx scripts/password-hash-cost.ts`
 */
import os from 'node:os';
import { DEFAULT_COST, hashPassword, verifyPassword } from '../src/main/core/passwordHash';

const RUNS = 5;
const MB = 1024 * 1024;

async function measure(label: string, cost: { N: number; r: number; p: number }): Promise<void> {
  const hash = await hashPassword('Qing#2026ok', cost);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await verifyPassword('Qing#2026ok', hash);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const memory = (128 * cost.N * cost.r) / MB;
  console.log(
    `${label.padEnd(22)} N=2^${Math.log2(cost.N)} r=${cost.r} p=${cost.p}  ${memory.toFixed(0).padStart(3)} MiB  ` +
      `中位 ${times[Math.floor(RUNS / 2)]?.toFixed(0)} ms  最快 ${times[0]?.toFixed(0)} ms`,
  );
}

console.log(`CPU: ${os.cpus()[0]?.model ?? '?'} ×${os.cpus().length}，负载 ${os.loadavg()[0]?.toFixed(1)}`);
await measure('默认（新密码）', DEFAULT_COST);
await measure('对照 N=2^15 p=1', { N: 2 ** 15, r: 8, p: 1 });
await measure('对照 N=2^17 p=1', { N: 2 ** 17, r: 8, p: 1 });
