/**
 * The server edition keeps its data in PostgreSQL, backed up by the database's own tools: the in-app
 * 备份 channels answer so, in Chinese, and write no file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINE, makeLedger, type TestLedger } from './fixture';

describe.runIf(ENGINE === 'postgres')('备份 in the server edition', () => {
  let t: TestLedger;
  beforeEach(async () => {
    t = await makeLedger();
  });
  afterEach(() => t.close());

  it('refuses to back up, list or restore through the app, naming pg_dump', async () => {
    for (const [channel, input] of [
      ['backup.create', {}],
      ['backup.list', {}],
      ['backup.inspect', { name: 'ledger-20260630-080000-manual.sqlite' }],
      ['backup.restore', { name: 'ledger-20260630-080000-manual.sqlite' }],
    ] as const) {
      const r = await t.as('admin').raw(channel, input);
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!r.ok) expect(r.error.message).toContain('pg_dump');
    }
  });
});
