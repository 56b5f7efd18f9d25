/** The application frame: title bar, the navigation a clerk works through, and the page for the address. */
import { AppShell, Container, Group, NavLink, Text, Title } from '@mantine/core';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { installPageCommands } from './commands';
import { Loading } from './common';
import { useSettings } from './queries';

const NAV: { href: string; label: string; section: string }[] = [
  { href: '/', label: '概览', section: '' },
  { href: '/orgs', label: '两新组织', section: 'orgs' },
  { href: '/party-orgs', label: '党组织', section: 'party-orgs' },
  { href: '/instructors', label: '党建指导员', section: 'instructors' },
  { href: '/screening', label: '排查认定', section: 'screening' },
  { href: '/cases', label: '整顿台账', section: 'cases' },
  { href: '/classes', label: '分类定级', section: 'classes' },
  { href: '/grids', label: '网格管理', section: 'grids' },
  { href: '/funding', label: '党建经费', section: 'funding' },
  { href: '/trainings', label: '培训', section: 'trainings' },
  { href: '/activities', label: '组织生活', section: 'activities' },
  { href: '/four-hundred', label: '四个100%', section: 'four-hundred' },
  { href: '/reports', label: '报表', section: 'reports' },
  { href: '/import', label: '导入', section: 'import' },
  { href: '/exchange', label: '数据交换', section: 'exchange' },
  { href: '/audit', label: '操作日志', section: 'audit' },
  { href: '/settings', label: '设置', section: 'settings' },
];

export function Shell() {
  const settings = useSettings();
  const { pathname } = useLocation();
  useEffect(() => installPageCommands(), []);
  const section = pathname.replace(/^\//, '').split('/')[0] ?? '';
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
          <NavLink key={n.href} component={Link} to={n.href} label={n.label} active={current === n.section} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {/* A new address draws its page afresh (a form for another record starts from that record). */}
        <Container fluid key={pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
