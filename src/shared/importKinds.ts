/**
 * The kinds of record a sheet can be imported as, in the order the import page offers them. The
 * contract's enum, the preview's type and the page's picker all come from this one list; each kind
 * has its adapter in src/main/core/import/kinds/.
 */
export const IMPORT_KINDS = [
  { kind: 'orgs', label: '两新组织', path: '/orgs' },
  { kind: 'partyOrgs', label: '党组织', path: '/party-orgs' },
  { kind: 'instructors', label: '党建工作指导员', path: '/instructors' },
  { kind: 'funding', label: '党建工作经费', path: '/funding' },
  { kind: 'trainings', label: '培训班', path: '/trainings' },
  { kind: 'grids', label: '1+N网格', path: '/grids' },
  { kind: 'inspections', label: '社会组织年检', path: '/inspections' },
  { kind: 'activities', label: '组织生活', path: '/activities' },
  { kind: 'memberYears', label: '党员发展（按年度）', path: '/orgs' },
  { kind: 'modelSites', label: '示范点与党建品牌', path: '/model-sites' },
  { kind: 'massOrgs', label: '群团组织', path: '/orgs' },
] as const satisfies readonly { kind: string; label: string; path: string }[];

export type ImportKind = (typeof IMPORT_KINDS)[number]['kind'];

/** For `z.enum`. */
export const IMPORT_KIND_CODES = IMPORT_KINDS.map((k) => k.kind) as [ImportKind, ...ImportKind[]];

export function importKindLabel(kind: ImportKind): string {
  return IMPORT_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}
