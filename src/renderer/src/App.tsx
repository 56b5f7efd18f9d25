/** The application frame: title bar, the navigation a clerk works through, and the page for the address. */
import { AppShell, Container, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { installPageCommands } from './commands';
import { Loading } from './common';
import { useSettings } from './queries';

/** The sidebar in three groups; `group` starts one (its heading is shown above the entry). */
const NAV: { href: string; label: string; section: string; group?: string }[] = [
  { href: '/', label: '概览', section: '', group: '台账' },
  { href: '/orgs', label: '两新组织', section: 'orgs' },
  { href: '/party-orgs', label: '党组织', section: 'party-orgs' },
  { href: '/instructors', label: '党建指导员', section: 'instructors' },
  { href: '/screening', label: '排查认定', section: 'screening' },
  { href: '/cases', label: '整顿台账', section: 'cases' },
  { href: '/classes', label: '分类定级', section: 'classes' },
  { href: '/grids', label: '网格管理', section: 'grids', group: '党建工作' },
  { href: '/funding', label: '党建经费', section: 'funding' },
  { href: '/trainings', label: '培训', section: 'trainings' },
  { href: '/activities', label: '组织生活', section: 'activities' },
  { href: '/model-sites', label: '示范点与品牌', section: 'model-sites' },
  { href: '/inspections', label: '社会组织年检', section: 'inspections' },
  { href: '/four-hundred', label: '四个100%', section: 'four-hundred' },
  { href: '/reports', label: '报表', section: 'reports', group: '报表与数据' },
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
        {/* Scrolls rather than cutting the last entries off on a low screen. */}
        <AppShell.Section grow component={ScrollArea} type="auto">
          {NAV.map((n) => (
            <div key={n.href}>
              {n.group && (
                <Text size="xs" c="dimmed" fw={500} px="sm" pt={n.href === '/' ? 0 : 6} pb={0}>
                  {n.group}
                </Text>
              )}
              <NavLink component={Link} to={n.href} label={n.label} active={current === n.section} py={3} />
            </div>
          ))}
        </AppShell.Section>
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
