/**
 * The sidebar's pages and who may open each: a page is offered to a role that may call its main read
 * (issue #14), so nobody is sent to a page that would only answer “无权”.
 */
import type { Channel } from '../../shared/contract';
import { mayCall, type RoleCode } from '../../shared/domain/roles';

export interface NavEntry {
  href: string;
  label: string;
  section: string;
  /** Starts a group (its heading is shown above the entry). */
  group?: string;
  /** The page opens for a role that may call any of these. */
  reads: Channel[];
}

export const NAV: NavEntry[] = [
  { href: '/', label: '概览', section: '', group: '台账', reads: ['stats.coverage'] },
  { href: '/orgs', label: '两新组织', section: 'orgs', reads: ['orgs.list'] },
  { href: '/party-orgs', label: '党组织', section: 'party-orgs', reads: ['partyOrgs.list'] },
  { href: '/instructors', label: '党建指导员', section: 'instructors', reads: ['instructors.list'] },
  { href: '/screening', label: '排查认定', section: 'screening', reads: ['cases.suggest'] },
  { href: '/cases', label: '整顿台账', section: 'cases', reads: ['cases.list'] },
  { href: '/classes', label: '分类定级', section: 'classes', reads: ['classes.list'] },
  { href: '/grids', label: '网格管理', section: 'grids', group: '党建工作', reads: ['grids.list'] },
  { href: '/funding', label: '党建经费', section: 'funding', reads: ['funding.list'] },
  { href: '/trainings', label: '培训', section: 'trainings', reads: ['trainings.list'] },
  { href: '/activities', label: '组织生活', section: 'activities', reads: ['activities.list'] },
  { href: '/model-sites', label: '示范点与品牌', section: 'model-sites', reads: ['modelSites.list'] },
  { href: '/inspections', label: '社会组织年检', section: 'inspections', reads: ['inspections.list'] },
  { href: '/four-hundred', label: '四个100%', section: 'four-hundred', reads: ['stats.fourHundred'] },
  { href: '/reports', label: '报表', section: 'reports', group: '报表与数据', reads: ['reports.list'] },
  { href: '/import', label: '导入', section: 'import', reads: ['import.preview'] },
  { href: '/exchange', label: '数据交换', section: 'exchange', reads: ['exchange.export'] },
  { href: '/audit', label: '操作日志', section: 'audit', group: '系统', reads: ['audit.list'] },
  { href: '/login-log', label: '登录日志', section: 'login-log', reads: ['loginLog.list'] },
  { href: '/users', label: '账号管理', section: 'users', reads: ['users.list'] },
  { href: '/settings', label: '设置', section: 'settings', reads: ['settings.update', 'regions.create', 'leaders.create'] },
];

/** Pages reached from another page's section (整顿台账's 包联领导 list). */
const SECTION_OF: Record<string, string> = { leaders: 'cases' };

export const sectionOf = (pathname: string): string => {
  const first = pathname.replace(/^\//, '').split('/')[0] ?? '';
  return SECTION_OF[first] ?? first;
};

export const mayOpen = (role: RoleCode, entry: NavEntry): boolean => entry.reads.some((c) => mayCall(role, c));

/** Where a role starts: the auditor on the logs, the administrator on the accounts, the others on 概览. */
const LANDING: Partial<Record<RoleCode, string>> = { auditor: '/audit', admin: '/users' };

export function landingOf(role: RoleCode): string {
  const own = LANDING[role];
  if (own) return own;
  return NAV.find((n) => mayOpen(role, n))?.href ?? '/';
}
