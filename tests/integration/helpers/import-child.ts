/** Child process of the crash test: imports a sheet into a ledger (SQLite file or PostgreSQL URL), then says DONE. */
import fs from 'node:fs';
import { createContext } from '../../../src/main/core/context';
import { openLedger } from '../../../src/main/core/db';
import { commitImport, previewImport } from '../../../src/main/core/import/preview';

const [target, sheet] = process.argv.slice(2) as [string, string];
const ledger = await openLedger(target);
const ctx = createContext(ledger);
const preview = await previewImport(ctx, { kind: 'orgs', fileName: 'big.xlsx', bytes: fs.readFileSync(sheet) });
process.stdout.write('PREVIEWED\n');
await commitImport(ctx, preview.id, false);
process.stdout.write('DONE\n');
await ledger.close();
