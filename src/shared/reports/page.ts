/**
 * Page settings shared by every way a ledger becomes paper: Electron's `printToPDF`, Chromium's
 * `page.pdf()` in tests and browser mode, and the print stylesheet. Keep them here, in one place.
 */

export const PAGE_MARGIN_MM = { top: 14, bottom: 16, left: 12, right: 12 } as const;

/** Chromium fills `pageNumber` / `totalPages`. Inline styles only: the template has no stylesheet. */
export const FOOTER_TEMPLATE =
  "<div style=\"width:100%;text-align:center;font-size:9pt;font-family:'SimSun','Noto Serif CJK SC',serif;\">" +
  '第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>';

/** An empty header (Chromium would otherwise print the date and the title). */
export const HEADER_TEMPLATE = '<div></div>';

/** The area a page's content fills (A4 minus the margins), in mm: the paginator packs rows into it. */
export function printableAreaMm(orientation: 'portrait' | 'landscape'): { width: number; height: number } {
  const [w, h] = orientation === 'landscape' ? [297, 210] : [210, 297];
  const m = PAGE_MARGIN_MM;
  return { width: w - m.left - m.right, height: h - m.top - m.bottom };
}

/** Table font size in pt; the widest ledgers are set smaller so names, 属地 and dates fit on one line. */
const TABLE_FONT_PT: Record<string, number> = { orgs: 8, cases: 8 };
export const tableFontPt = (report: string): number => TABLE_FONT_PT[report] ?? 9;

const mm = (n: number) => `${n}mm`;

/** Options for Playwright's / Puppeteer's `page.pdf()`. */
export function chromiumPdfOptions(orientation: 'portrait' | 'landscape') {
  return {
    format: 'A4',
    landscape: orientation === 'landscape',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: HEADER_TEMPLATE,
    footerTemplate: FOOTER_TEMPLATE,
    margin: {
      top: mm(PAGE_MARGIN_MM.top),
      bottom: mm(PAGE_MARGIN_MM.bottom),
      left: mm(PAGE_MARGIN_MM.left),
      right: mm(PAGE_MARGIN_MM.right),
    },
    preferCSSPageSize: false,
  };
}

/** Options for Electron's `webContents.printToPDF()` (margins in inches). */
export function electronPdfOptions(orientation: 'portrait' | 'landscape') {
  const inch = (n: number) => n / 25.4;
  return {
    pageSize: 'A4' as const,
    landscape: orientation === 'landscape',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: HEADER_TEMPLATE,
    footerTemplate: FOOTER_TEMPLATE,
    margins: {
      top: inch(PAGE_MARGIN_MM.top),
      bottom: inch(PAGE_MARGIN_MM.bottom),
      left: inch(PAGE_MARGIN_MM.left),
      right: inch(PAGE_MARGIN_MM.right),
    },
  };
}

/** Body and title fonts: 宋体 / 仿宋 on Windows, Noto Serif CJK on Debian / 统信 / 麒麟. */
export const BODY_FONT = "'SimSun', '宋体', 'Songti SC', 'Noto Serif CJK SC', 'Source Han Serif SC', serif";
export const TITLE_FONT = "'FZXiaoBiaoSong-B05S', '方正小标宋简体', 'SimHei', 'Noto Serif CJK SC', serif";
export const EXCEL_FONT = '宋体';
