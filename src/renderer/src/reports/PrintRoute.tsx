/** `#/print/<ledger>?…`: the ledger alone, for Electron's print and printToPDF and for PDFs in tests. */

import { useSearchParams } from 'react-router';
import { Loading } from '../common';
import { useApi } from '../queries';
import { hiddenFromQuery } from './columnChoice';
import { filtersFromQuery } from './filters';
import { LedgerPaper } from './PrintView';

export function PrintRoute({ report }: { report: string }) {
  const [query] = useSearchParams();
  const input = { report: report as 'orgs', filters: filtersFromQuery(query), hidden: hiddenFromQuery(query) };
  const { data, error } = useApi('reports.rows', input);
  if (!data) return <Loading error={error} />;
  // PDFs number their pages with the shared footer template; the browser's print uses @page boxes.
  return <LedgerPaper data={data} pageNumbers={query.get('pdf') !== '1'} />;
}
