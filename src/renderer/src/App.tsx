/** The application frame: title bar, the navigation a clerk works through, and the page for the address. */
import { AppShell, Container, Group, NavLink, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { invoke } from './api';
import { AuditPage } from './audit/AuditPage';
import { CaseDetailPage } from './cases/CaseDetailPage';
import { CaseListPage, LeadersPage } from './cases/CaseListPage';
import { ClassesPage } from './cases/ClassesPage';
import { ScreeningPage } from './cases/ScreeningPage';
import { installPageCommands } from './commands';
import { useLoad } from './common';
import { ExchangePage } from './exchange/ExchangePage';
import { ImportPage } from './import/ImportPage';
import { InstructorPage } from './instructors/InstructorPage';
import { InstructorsPage } from './instructors/InstructorsPage';
import { OrgFormPage } from './orgs/OrgFormPage';
import { OrgListPage } from './orgs/OrgListPage';
import { OrgPage } from './orgs/OrgPage';
import { OverviewPage } from './overview/OverviewPage';
import { PartyOrgFormPage } from './partyOrgs/PartyOrgFormPage';
import { PartyOrgListPage } from './partyOrgs/PartyOrgListPage';
import { PartyOrgPage } from './partyOrgs/PartyOrgPage';
import { PrintRoute } from './reports/PrintRoute';
import { ReportsPage } from './reports/ReportsPage';
import { type Route, useRoute } from './router';
import { SettingsPage } from './settings/SettingsPage';

const NAV: { href: string; label: string; section: string }[] = [
  { href: '#/', label: '概览', section: '' },
  { href: '#/orgs', label: '两新组织', section: 'orgs' },
  { href: '#/party-orgs', label: '党组织', section: 'party-orgs' },
  { href: '#/instructors', label: '党建指导员', section: 'instructors' },
  { href: '#/screening', label: '排查认定', section: 'screening' },
  { href: '#/cases', label: '整顿台账', section: 'cases' },
  { href: '#/classes', label: '分类定级', section: 'classes' },
  { href: '#/reports', label: '报表', section: 'reports' },
  { href: '#/import', label: '导入', section: 'import' },
  { href: '#/exchange', label: '数据交换', section: 'exchange' },
  { href: '#/audit', label: '操作日志', section: 'audit' },
  { href: '#/settings', label: '设置', section: 'settings' },
];

function page({ path, query }: Route) {
  const parts = path.replace(/^#\/?/, '').split('/');
  const [section = '', second, third] = parts;
  const id = second && /^\d+$/.test(second) ? Number(second) : null;
  switch (section) {
    case '':
      return <OverviewPage />;
    case 'orgs':
      if (second === 'new') return <OrgFormPage id={null} />;
      if (id && third === 'edit') return <OrgFormPage key={`edit-${id}`} id={id} />;
      if (id) return <OrgPage id={id} />;
      return <OrgListPage />;
    case 'party-orgs':
      if (second === 'new') {
        const cover = query.get('coverOrg');
        return <PartyOrgFormPage id={null} coverOrgId={cover ? Number(cover) : null} />;
      }
      if (id && third === 'edit') return <PartyOrgFormPage key={`edit-${id}`} id={id} coverOrgId={null} />;
      if (id) return <PartyOrgPage id={id} />;
      return <PartyOrgListPage />;
    case 'instructors':
      if (id) return <InstructorPage id={id} />;
      return <InstructorsPage />;
    case 'screening':
      return <ScreeningPage />;
    case 'cases':
      if (id) return <CaseDetailPage id={id} />;
      return <CaseListPage />;
    case 'leaders':
      return <LeadersPage />;
    case 'classes':
      return <ClassesPage />;
    case 'reports':
      return <ReportsPage />;
    case 'import':
      return <ImportPage />;
    case 'exchange':
      return <ExchangePage />;
    case 'audit':
      return <AuditPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <Text>没有这个页面。</Text>;
  }
}

export function App() {
  const route = useRoute();
  if (route.path.startsWith('#/print/')) return <PrintRoute report={route.path.slice('#/print/'.length)} />;
  return <Shell route={route} />;
}

function Shell({ route }: { route: Route }) {
  const settings = useLoad(() => invoke('settings.get', {}), []);
  useEffect(() => installPageCommands(), []);
  const section = route.path.replace(/^#\/?/, '').split('/')[0] ?? '';
  const current = section === 'leaders' ? 'cases' : section;
  useEffect(() => {
    const label = NAV.find((n) => n.section === current)?.label;
    document.title = label ? `${label} - 两新党建台账` : '两新党建台账';
  }, [current]);

  return (
    <AppShell navbar={{ width: 180, breakpoint: 0 }} header={{ height: 52 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={3}>两新党建台账</Title>
          <Text size="sm" c="dimmed">
            {settings.data ? `${settings.data.countyName} · ${settings.data.reportingUnit}` : ''}
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="主菜单">
        {NAV.map((n) => (
          <NavLink key={n.href} href={n.href} label={n.label} active={current === n.section} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Container size="xl" key={route.path}>
          {page(route)}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
