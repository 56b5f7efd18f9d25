/** Table `exchange_history`: per source and record key, the hash both sides agreed on at the last exchange. */
import type { Writer } from '../write';

export function chunks<T>(list: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export async function upsertHistory(
  w: Writer,
  source: string,
  records: { key: string; hash: string }[],
  direction: 'import' | 'export',
  fileName: string,
) {
  for (const part of chunks(records)) {
    await w.trx
      .insertInto('exchange_history')
      .values(part.map((r) => ({ source, record_key: r.key, hash: r.hash, direction, file_name: fileName, at: w.now })))
      .onConflict((oc) =>
        oc.columns(['source', 'record_key']).doUpdateSet((eb) => ({
          hash: eb.ref('excluded.hash'),
          direction: eb.ref('excluded.direction'),
          file_name: eb.ref('excluded.file_name'),
          at: eb.ref('excluded.at'),
        })),
      )
      .execute();
  }
}
