/**
 * A ledger as it is printed: centred title, 填报单位 and 统计截至日期, the filters, the table with its
 * header repeated on every page and no row cut across pages, and the signature line. The 报表 page
 * shows it as the preview; `#/print/<ledger>` shows it alone for Electron's printing and for PDFs.
 */
import './paper.css';
import { PAGE_MARGIN_MM } from '../../../shared/reports/page';
import { SIGNATURE_LINE, titleLines } from '../../../shared/reports/titleBlock';
import { formatCell, type ReportData } from '../../../shared/reports/types';

/** Page size and margins for the browser's own printing; PDFs get the same from the shared options. */
function pageRule(orientation: 'portrait' | 'landscape', pageNumbers: boolean): string {
  const m = PAGE_MARGIN_MM;
  const numbers = pageNumbers
    ? `@bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; font-family: 'SimSun', 'Noto Serif CJK SC', serif; }`
    : '';
  return `@page { size: A4 ${orientation}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; ${numbers} }`;
}

export function LedgerPaper({ data, pageNumbers = true }: { data: ReportData; pageNumbers?: boolean }) {
  const total = data.columns.reduce((s, c) => s + c.width, 0);
  const body = data.totals ? [...data.rows, data.totals] : data.rows;
  return (
    <div className={`ledger-paper ledger-sheet ${data.orientation}`} data-ready="1" data-report={data.report}>
      <style>{pageRule(data.orientation, pageNumbers)}</style>
      <h1>{data.title}</h1>
      {titleLines(data).map((line) => (
        <p className="title-line" key={line}>
          {line}
        </p>
      ))}
      <table>
        <colgroup>
          {data.columns.map((c) => (
            <col key={c.key} style={{ width: `${((c.width / total) * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {data.columns.map((c) => (
              <th key={c.key}>{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place in the ledger
            <tr key={r} className={data.totals && r === body.length - 1 ? 'totals' : undefined}>
              {data.columns.map((c) => (
                <td key={c.key} style={{ textAlign: c.align ?? 'left' }}>
                  {formatCell(c.format, row[c.key] ?? null)}
                </td>
              ))}
            </tr>
          ))}
          {body.length === 0 && (
            <tr>
              <td className="empty" colSpan={data.columns.length}>
                （无）
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="signature">{SIGNATURE_LINE}</p>
    </div>
  );
}
