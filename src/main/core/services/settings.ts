import { DEFAULT_SITUATIONS } from '../../../shared/domain/codes';
import type { Settings } from '../../../shared/types';
import type { Ctx } from '../context';
import { type Writer, write } from '../write';
import { ACCOUNT_DEFAULTS } from './accounts';

export const DEFAULT_SETTINGS: Settings = {
  countyName: '未命名县',
  countyCode: '000000',
  reportingUnit: '中共某县委组织部',
  venueStandard: 'liuyou',
  situations: [...DEFAULT_SITUATIONS],
  venueThreshold: 4,
  backupKeepDaily: 7,
  backupKeepMonthly: 12,
  passLine: 70,
  ...ACCOUNT_DEFAULTS,
};

export async function getSettings(ctx: Ctx): Promise<Settings> {
  const rows = await ctx.ledger.db.selectFrom('settings').selectAll().execute();
  const s: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) if (r.key in s) s[r.key] = JSON.parse(r.value);
  return s as unknown as Settings;
}

/** Saves the keys given and keeps the others, so each settings form can send only its own part. */
export async function updateSettings(ctx: Ctx, input: Partial<Settings>): Promise<Settings> {
  const before = await getSettings(ctx);
  await write(ctx, async (w) => {
    for (const [key, value] of Object.entries(input)) {
      await w.trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute();
    }
    await w.audit('settings', 0, 'update', before, { ...before, ...input });
    w.touchOrgs([]);
  });
  return getSettings(ctx);
}

/** The 验收 pass line, read inside a write (the connection is the transaction's until it ends). */
export async function passLineIn(w: Writer): Promise<number> {
  const row = await w.trx.selectFrom('settings').select('value').where('key', '=', 'passLine').executeTakeFirst();
  return row ? (JSON.parse(row.value) as number) : DEFAULT_SETTINGS.passLine;
}
