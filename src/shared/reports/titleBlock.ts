/** The lines above and below a ledger's table, worded once for paper (print route) and Excel. */
import type { ReportData } from './types';

/** 填报单位 and 统计截至日期, then the filters that were applied. */
export function titleLines(d: Pick<ReportData, 'reportingUnit' | 'asOf' | 'filterText'>): string[] {
  const lines = [`填报单位：${d.reportingUnit}　　统计截至日期：${d.asOf}`];
  if (d.filterText.length) lines.push(d.filterText.join('　'));
  return lines;
}

export const SIGNATURE_LINE = '填报人：＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿＿＿　　（盖章）';
