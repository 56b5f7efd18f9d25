/** `#/print/<ledger>?…`: the ledger alone, for Electron's print and printToPDF and for PDFs in tests. */
import { invoke } from '../api';
import { Loading, useLoad } from '../common';
import { useRoute } from '../router';
import { hiddenFromQuery } from './columnChoice';
import { filtersFromQuery } from './filters';
import { LedgerPaper } from './PrintView';

export function PrintRoute({ report }: { report: string }) {
  const { query } = useRoute();
  const input = { report: report as 'orgs', filters: filtersFromQuery(query), hidden: hiddenFromQuery(query) };
  const { data, error } = useLoad(() => invoke('reports.rows', input), [input]);
  if (!data) return <Loading error={error} />;
  // PDFs number their pages with the shared footer template; the browser's print uses @page boxes.
  return <LedgerPaper data={data} pageNumbers={query.get('pdf') !== '1'} />;
}
