/**
 * Every address of the app (`#/orgs/12/edit`, `#/print/orgs?…`): a hash router, so the same URLs work
 * from a file:// page in Electron and from the browser-mode server. Pages are drawn in the shell,
 * except the print route (the ledger alone, for printing and PDFs). Each page has its own error
 * element, so a fault shows a Chinese message and a way back instead of a blank window.
 */
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { createHashRouter, Link, type RouteObject, useParams, useSearchParams } from 'react-router';
import { Shell } from './App';
// The list clerks open most is in the first chunk: it shows without a second round trip.
import { OrgListPage } from './orgs/OrgListPage';

// Every page is its own chunk, loaded when first opened: the first screen waits only for the
// shell and its page, not for the code of all twenty.
const ActivitiesPage = lazy(() => import('./activities/ActivitiesPage').then((m) => ({ default: m.ActivitiesPage })));
const AuditPage = lazy(() => import('./audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const CaseDetailPage = lazy(() => import('./cases/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })));
const CaseListPage = lazy(() => import('./cases/CaseListPage').then((m) => ({ default: m.CaseListPage })));
const LeadersPage = lazy(() => import('./cases/CaseListPage').then((m) => ({ default: m.LeadersPage })));
const ClassesPage = lazy(() => import('./cases/ClassesPage').then((m) => ({ default: m.ClassesPage })));
const ScreeningPage = lazy(() => import('./cases/ScreeningPage').then((m) => ({ default: m.ScreeningPage })));
const ExchangePage = lazy(() => import('./exchange/ExchangePage').then((m) => ({ default: m.ExchangePage })));
const GridsPage = lazy(() => import('./grids/GridsPage').then((m) => ({ default: m.GridsPage })));
const FundingPage = lazy(() => import('./funding/FundingPage').then((m) => ({ default: m.FundingPage })));
const FourHundredPage = lazy(() => import('./members/FourHundredPage').then((m) => ({ default: m.FourHundredPage })));
const ImportPage = lazy(() => import('./import/ImportPage').then((m) => ({ default: m.ImportPage })));
const InspectionsPage = lazy(() => import('./sites/InspectionsPage').then((m) => ({ default: m.InspectionsPage })));
const InstructorPage = lazy(() => import('./instructors/InstructorPage').then((m) => ({ default: m.InstructorPage })));
const InstructorsPage = lazy(() => import('./instructors/InstructorsPage').then((m) => ({ default: m.InstructorsPage })));
const ModelSitesPage = lazy(() => import('./sites/ModelSitesPage').then((m) => ({ default: m.ModelSitesPage })));
const OrgFormPage = lazy(() => import('./orgs/OrgFormPage').then((m) => ({ default: m.OrgFormPage })));
const OrgPage = lazy(() => import('./orgs/OrgPage').then((m) => ({ default: m.OrgPage })));
const PartyOrgFormPage = lazy(() => import('./partyOrgs/PartyOrgFormPage').then((m) => ({ default: m.PartyOrgFormPage })));
const PartyOrgListPage = lazy(() => import('./partyOrgs/PartyOrgListPage').then((m) => ({ default: m.PartyOrgListPage })));
const PartyOrgPage = lazy(() => import('./partyOrgs/PartyOrgPage').then((m) => ({ default: m.PartyOrgPage })));
const PrintRoute = lazy(() => import('./reports/PrintRoute').then((m) => ({ default: m.PrintRoute })));
const ReportsPage = lazy(() => import('./reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const TrainingFormPage = lazy(() => import('./trainings/TrainingFormPage').then((m) => ({ default: m.TrainingFormPage })));
const TrainingListPage = lazy(() => import('./trainings/TrainingListPage').then((m) => ({ default: m.TrainingListPage })));
const LoginLogPage = lazy(() => import('./audit/LoginLogPage').then((m) => ({ default: m.LoginLogPage })));
const UsersPage = lazy(() => import('./users/UsersPage').then((m) => ({ default: m.UsersPage })));
const SettingsPage = lazy(() => import('./settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));

export function PageError() {
  return (
    <Stack role="alert" gap="sm" p="md">
      <Title order={3}>页面出错了</Title>
      <Text>这个页面遇到了问题，填写中的内容可能没有保存。请重新加载；如果仍然出错，请返回概览后再试。</Text>
      <Group>
        <Button onClick={() => window.location.reload()}>重新加载</Button>
        <Anchor component={Link} to="/">
          返回概览
        </Anchor>
      </Group>
    </Stack>
  );
}

export function NotFound() {
  return (
    <Stack gap="sm">
      <Title order={3}>没有这个页面</Title>
      <Text>地址可能有误，或者该页面已经不存在。</Text>
      <Anchor component={Link} to="/">
        返回概览
      </Anchor>
    </Stack>
  );
}

/** The numeric id in the address, or null (then the page is not found). */
function useId(): number | null {
  const { id } = useParams();
  return id && /^\d{1,10}$/.test(id) ? Number(id) : null;
}

function WithId({ render }: { render: (id: number) => React.ReactNode }) {
  const id = useId();
  return id ? render(id) : <NotFound />;
}

function NewPartyOrg() {
  const [params] = useSearchParams();
  const cover = params.get('coverOrg');
  return <PartyOrgFormPage id={null} coverOrgId={cover && /^\d{1,10}$/.test(cover) ? Number(cover) : null} />;
}

function Print() {
  const { report = '' } = useParams();
  return (
    <Suspense fallback={null}>
      <PrintRoute report={report} />
    </Suspense>
  );
}

const page = (path: string, element: React.ReactNode): RouteObject => ({ path, element, errorElement: <PageError /> });

export const routes: RouteObject[] = [
  { path: '/print/:report', element: <Print />, errorElement: <PageError /> },
  {
    path: '/',
    element: <Shell />,
    errorElement: <PageError />,
    children: [
      // The overview's charts are the largest part of the code: loaded when it is opened, so a list
      // opened first (or a print route) starts sooner.
      {
        index: true,
        lazy: async () => ({ Component: (await import('./overview/OverviewPage')).OverviewPage }),
        errorElement: <PageError />,
      },
      page('orgs', <OrgListPage />),
      page('orgs/new', <OrgFormPage id={null} />),
      page('orgs/:id', <WithId render={(id) => <OrgPage id={id} />} />),
      page('orgs/:id/edit', <WithId render={(id) => <OrgFormPage id={id} />} />),
      page('party-orgs', <PartyOrgListPage />),
      page('party-orgs/new', <NewPartyOrg />),
      page('party-orgs/:id', <WithId render={(id) => <PartyOrgPage id={id} />} />),
      page('party-orgs/:id/edit', <WithId render={(id) => <PartyOrgFormPage id={id} coverOrgId={null} />} />),
      page('instructors', <InstructorsPage />),
      page('instructors/:id', <WithId render={(id) => <InstructorPage id={id} />} />),
      page('screening', <ScreeningPage />),
      page('cases', <CaseListPage />),
      page('cases/:id', <WithId render={(id) => <CaseDetailPage id={id} />} />),
      page('leaders', <LeadersPage />),
      page('classes', <ClassesPage />),
      page('grids', <GridsPage />),
      page('funding', <FundingPage />),
      page('trainings', <TrainingListPage />),
      page('trainings/new', <TrainingFormPage id={null} />),
      page('trainings/:id', <WithId render={(id) => <TrainingFormPage id={id} />} />),
      page('activities', <ActivitiesPage />),
      page('four-hundred', <FourHundredPage />),
      page('model-sites', <ModelSitesPage />),
      page('inspections', <InspectionsPage />),
      page('reports', <ReportsPage />),
      page('import', <ImportPage />),
      page('exchange', <ExchangePage />),
      page('audit', <AuditPage />),
      page('login-log', <LoginLogPage />),
      page('users', <UsersPage />),
      page('settings', <SettingsPage />),
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const router = createHashRouter(routes);
