/**
 * Lines of a township's sheet that are not records: the 合计 row, the signature lines under the
 * table, and notes. They are shown to the clerk with the reason and never block an import.
 */

const TOTAL = /^(合计|小计|总计|共计|总数)([:：\s（(]|$)/;
// A separator after the word: a company may be called 审核…, a footer says 审核人：….
const FOOTER =
  /^(填表人|填报人|制表人|制表单位|制表|审核人|审核|审批人|负责人|单位负责人|分管领导|填报日期|填表日期|制表日期|报送日期|填报时间|填表时间|报送时间|联系电话|联系人|填报单位|单位盖章|单位（盖章）|（盖章）|\(盖章\))(签字|签名|签章)?([:：\s（(]|$)/;
const NOTE = /^(注[:：\d一二三四五六七八九十、.．]|说明[:：\d一二三四五六七八九十、.．]|说明$|备注[:：]|填表说明|附注)/;

const quote = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

/** Why a row is not a record, or null when it is one. `cells` are the row's texts, trimmed. */
export function whyNotRecord(cells: readonly string[]): string | null {
  const filled = cells.map((c) => c.replace(/\s/g, '')).filter(Boolean);
  const first = filled[0];
  if (!first) return '空行';
  // 合计 may sit in the 序号 column or under the name, after a blank or a number.
  const total = filled.slice(0, 3).find((c) => TOTAL.test(c));
  if (total) return `合计行（“${quote(total)}”）`;
  const raw = cells.find((c) => c.trim())?.trim() ?? '';
  // Quoted as written (runs of spaces kept as one), so 填表人：王小明  审核人：李主任 stays legible.
  if (FOOTER.test(raw)) return `表尾的填表、审核信息（“${quote(raw.replace(/\s+/g, ' '))}”）`;
  if (NOTE.test(first)) return `表下的注释说明（“${quote(first)}”）`;
  return null;
}
