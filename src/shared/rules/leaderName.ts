/** Characters that make a 2–4 character text a post or a body (“第一书记”, “属地党委”) rather than a name. */
const POST_WORDS = /书记|委|党|部|局|镇|旗|县|乡|组|处|科|办|员|领导|干部/u;

/**
 * A leader typed as free text, as ledgers have them: “李红梅” or “李红梅（旗委常委、组织部部长）”. Only a
 * person's name (2–4 Han characters, or with a middle dot) counts, so a post such as “属地党（工）委副书记”
 * or “第一书记 赵敏” stays free text rather than becoming a leader called “属地党”.
 *
 * @example splitLeaderText('李红梅（旗委常委、组织部部长）') // { name: '李红梅', title: '旗委常委、组织部部长' }
 */
export function splitLeaderText(text: string | null | undefined): { name: string; title: string | null } | null {
  const m = /^([\p{Script=Han}·]{2,8})(?:[（(]([^（）()]{1,50})[）)])?$/u.exec((text ?? '').trim());
  if (!m?.[1]) return null;
  const name = m[1];
  if (!/^\p{Script=Han}{2,4}$|^\p{Script=Han}+·\p{Script=Han}+$/u.test(name) || POST_WORDS.test(name)) return null;
  return { name, title: m[2]?.trim() || null };
}
