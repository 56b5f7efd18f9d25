/**
 * Temporary entry while the full ledger screens are being built: the case and classification screens
 * under a minimal shell. The ledger-core renderer replaces this file.
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { AppShell, Container, Group, MantineProvider, NavLink, Title } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CaseDetailPage } from './cases/CaseDetailPage';
import { CaseListPage, LeadersPage } from './cases/CaseListPage';
import { ClassesPage } from './cases/ClassesPage';
import { OverdueCard } from './cases/OverdueCard';
import { ScreeningPage } from './cases/ScreeningPage';
import { WorkSettings } from './cases/WorkSettings';

function useHash() {
  const [hash, setHash] = useState(window.location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(window.location.hash || '#/');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash.split('?')[0] ?? '#/';
}

function Page({ path }: { path: string }) {
  const m = /^#\/cases\/(\d+)$/.exec(path);
  if (m) return <CaseDetailPage id={Number(m[1])} />;
  if (path === '#/cases') return <CaseListPage />;
  if (path === '#/screening') return <ScreeningPage />;
  if (path === '#/leaders') return <LeadersPage />;
  if (path === '#/classes') return <ClassesPage />;
  if (path === '#/settings') return <WorkSettings />;
  return <OverdueCard />;
}

function App() {
  const path = useHash();
  const links = [
    ['#/', '概览'],
    ['#/screening', '排查认定'],
    ['#/cases', '整顿台账'],
    ['#/classes', '分类定级'],
    ['#/settings', '设置'],
  ];
  return (
    <AppShell navbar={{ width: 200, breakpoint: 0 }} header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md">
          <Title order={3}>两新党建台账</Title>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {links.map(([href, label]) => (
          <NavLink key={href} href={href} label={label} active={path === href} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Container size="xl">
          <Page path={path} />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <MantineProvider theme={{ fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif" }}>
      <Notifications />
      <App />
    </MantineProvider>,
  );
}
