/**
 * A ledger as it is printed: centred title, 填报单位 and 统计截至日期, the filters, the table with its
 * header repeated on every page and no row cut across pages, and the signature line. The 报表 page
 * shows it as the preview; `#/print/<ledger>` shows it alone for Electron's printing and for PDFs.
 * Both show the same A4 sheets, cut by the paginator, so the preview has the pages the paper has.
 */
import './paper.css';
import { useLayoutEffect, useRef, useState } from 'react';
import { PAGE_MARGIN_MM, tableFontPt } from '../../../shared/reports/page';
import { SIGNATURE_LINE, titleLines } from '../../../shared/reports/titleBlock';
import { formatCell, type ReportData, type ReportRow } from '../../../shared/reports/types';
import { type Measured, type PageSlice, paginate, printableHeightPx } from './paginate';

/** The heights the paginator needs, read from the ledger laid out as one long sheet. */
function measureSheet(sheet: HTMLElement): Measured {
  const box = sheet.getBoundingClientRect();
  const style = getComputedStyle(sheet);
  const top = box.top + Number.parseFloat(style.paddingTop);
  const bottom = box.bottom - Number.parseFloat(style.paddingBottom);
  const table = sheet.querySelector('table') as HTMLTableElement;
  const t = table.getBoundingClientRect();
  const head = table.tHead?.getBoundingClientRect().height ?? 0;
  const rows = Array.from(table.tBodies[0]?.rows ?? [], (tr) => tr.getBoundingClientRect().height);
  const frame = Math.max(0, t.height - head - rows.reduce((s, h) => s + h, 0));
  return { title: t.top - top, head, rows, frame, signature: bottom - t.bottom };
}

/** Page size and margins for the browser's own printing; PDFs get the same from the shared options. */
function pageRule(orientation: 'portrait' | 'landscape', pageNumbers: boolean): string {
  const m = PAGE_MARGIN_MM;
  const numbers = pageNumbers
    ? `@bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; font-family: 'SimSun', 'Noto Serif CJK SC', serif; }`
    : '';
  return `@page { size: A4 ${orientation}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; ${numbers} }`;
}

interface SheetProps {
  data: ReportData;
  body: ReportRow[];
  slice: PageSlice;
  first: boolean;
  last: boolean;
  /** 第 X 页 共 Y 页 under the preview's sheet (paper gets it from the print footer). */
  pageNo: [number, number];
}

const ALIGN = { left: undefined, center: 'al-c', right: 'al-r' } as const;

/** One A4 sheet: the title block on the first, the header row on each, the signature on the last. */
function Sheet({ data, body, slice, first, last, pageNo }: SheetProps) {
  const total = data.columns.reduce((s, c) => s + c.width, 0);
  const totalsAt = data.totals ? body.length - 1 : -1;
  const rows = [];
  for (let r = slice.from; r < slice.to; r++) {
    const row = body[r] as ReportRow;
    rows.push(
      <tr key={r} className={r === totalsAt ? 'totals' : undefined}>
        {data.columns.map((c) => (
          // A class, not an inline style: thousands of cells then share one computed style.
          <td key={c.key} className={ALIGN[c.align ?? 'left']}>
            {formatCell(c.format, row[c.key] ?? null)}
          </td>
        ))}
      </tr>,
    );
  }
  return (
    <section className={`ledger-sheet ${data.orientation}`}>
      {first && (
        <div className="title-block">
          <h1>{data.title}</h1>
          {titleLines(data).map((line) => (
            <p className="title-line" key={line}>
              {line}
            </p>
          ))}
        </div>
      )}
      <table style={{ fontSize: `${tableFontPt(data.report)}pt` }}>
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
          {rows}
          {body.length === 0 && (
            <tr>
              <td className="empty" colSpan={data.columns.length}>
                （无）
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {last && <p className="signature">{SIGNATURE_LINE}</p>}
      <div className="page-number">{`第 ${pageNo[0]} 页 共 ${pageNo[1]} 页`}</div>
    </section>
  );
}

export function LedgerPaper({ data, pageNumbers = true }: { data: ReportData; pageNumbers?: boolean }) {
  const body = data.totals ? [...data.rows, data.totals] : data.rows;
  const [layout, setLayout] = useState<{ data: ReportData; pages: PageSlice[] } | null>(null);
  const pages = layout?.data === data ? layout.pages : null;
  const measure = useRef<HTMLDivElement>(null);

  // First the whole ledger as one long sheet, off screen, to measure; then its pages.
  useLayoutEffect(() => {
    if (pages) return;
    let live = true;
    void document.fonts.ready.then(() => {
      const sheet = measure.current?.firstElementChild;
      if (live && sheet) setLayout({ data, pages: paginate(measureSheet(sheet as HTMLElement), printableHeightPx(data.orientation)) });
    });
    return () => {
      live = false;
    };
  }, [data, pages]);

  if (!pages) {
    return (
      <div className="ledger-paper ledger-measure" ref={measure}>
        <Sheet data={data} body={body} slice={{ from: 0, to: body.length }} first last pageNo={[1, 1]} />
      </div>
    );
  }
  return (
    <div className={`ledger-paper ${data.orientation}`} data-ready="1" data-report={data.report} data-pages={pages.length}>
      <style>{pageRule(data.orientation, pageNumbers)}</style>
      {pages.map((slice, i) => (
        <Sheet
          key={slice.from}
          data={data}
          body={body}
          slice={slice}
          first={i === 0}
          last={i === pages.length - 1}
          pageNo={[i + 1, pages.length]}
        />
      ))}
    </div>
  );
}
