/**
 * The application frame: title bar with the signed-in account, the navigation the account's role may
 * use, and the page for the address (or “无权访问此页面” for a page the role may not use).
 */
import { AppShell, Container, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { Suspense, useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { UserMenu } from './auth/UserMenu';
import { installPageCommands } from './commands';
import { Loading } from './common';
import { landingOf, mayOpen, NAV, sectionOf } from './nav';
import { useSettings } from './queries';
import { useAccount } from './session';

function NoAccess() {
  return (
    <Stack gap="sm" role="alert">
      <Title order={3}>无权访问此页面</Title>
      <Text>当前账号的角色不能使用这个页面。如需使用，请联系系统管理员调整角色。</Text>
    </Stack>
  );
}

export function Shell() {
  const settings = useSettings();
  const account = useAccount();
  const { pathname } = useLocation();
  useEffect(() => installPageCommands(), []);
  const current = sectionOf(pathname);
  const entry = NAV.find((n) => n.section === current);
  useEffect(() => {
    document.title = entry ? `${entry.label} - 两新党建台账` : '两新党建台账';
  }, [entry]);
  if (!account) return null;
  const shown = NAV.filter((n) => mayOpen(account.role, n));
  const allowed = !entry || mayOpen(account.role, entry);
  // 概览 is the default address: a role that may not see it starts on its own page instead.
  if (pathname === '/' && !allowed) return <Navigate to={landingOf(account.role)} replace />;

  return (
    <AppShell navbar={{ width: 180, breakpoint: 0 }} header={{ height: 52 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Title order={3}>两新党建台账</Title>
          <Group gap="md" wrap="nowrap">
            <Text size="sm" c="dimmed">
              {settings.data ? `${settings.data.countyName} · ${settings.data.reportingUnit}` : ''}
            </Text>
            <UserMenu account={account} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="主菜单">
        {/* Scrolls rather than cutting the last entries off on a low screen. */}
        <AppShell.Section grow component={ScrollArea} type="auto">
          {shown.map((n, i) => (
            <div key={n.href}>
              {(n.group || i === 0) && (
                <Text size="xs" c="dimmed" fw={500} px="sm" pt={i === 0 ? 0 : 6} pb={0}>
                  {n.group ?? groupBefore(n.href)}
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
          {allowed ? (
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          ) : (
            <NoAccess />
          )}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

/** The group heading an entry falls under when the group's first entry is hidden for the role. */
function groupBefore(href: string): string {
  let group = '';
  for (const n of NAV) {
    if (n.group) group = n.group;
    if (n.href === href) break;
  }
  return group;
}
