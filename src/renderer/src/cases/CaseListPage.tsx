/** 整顿台账: cases by year, state, region, 包联领导 and overdue. Filters live in the URL so Back works. */
import { Badge, Button, Checkbox, Group, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { CASE_STATES, type CaseState, codesOf } from '../../../shared/domain/codes';
import { CaseStateBadge, Loading, yearOptions } from '../common';
import { param, useSearchState } from '../listState';
import { useApi, useRegions } from '../queries';

const PAGE = 50;

/** The list's filters in the address; an unknown value falls back to “all”. */
const searchSchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .catch(undefined),
  state: param.oneOf(codesOf(CASE_STATES)),
  regionId: param.id(),
  leader: z.string().max(50).optional().catch(undefined),
  overdue: z.enum(['1']).optional().catch(undefined),
  // Arrives from a party organization's page (整顿记录): kept for the visit, not shown as a filter.
  partyOrgId: param.id(),
  page: param.page(),
});

export function CaseListPage() {
  const navigate = useNavigate();
  const [params, update] = useSearchState(searchSchema);
  const { year = null, state = null, regionId = null, leader = null, page } = params;
  const overdue = params.overdue === '1';
  const partyOrgId = params.partyOrgId ? Number(params.partyOrgId) : undefined;
  const setPage = (p: number) => update({ page: p });
  const setYear = (v: string | null) => update({ year: v ?? undefined, page: 1 });
  const setState = (v: string | null) => update({ state: (v as CaseState | null) ?? undefined, page: 1 });
  const setRegionId = (v: string | null) => update({ regionId: v ?? undefined, page: 1 });
  const setLeader = (v: string | null) => update({ leader: v ?? undefined, page: 1 });
  const setOverdue = (v: boolean) => update({ overdue: v ? '1' : undefined, page: 1 });

  const regions = useRegions();
  const leaders = useApi('cases.leaders', {});
  const {
    data,
    error,
    isLoading: loading,
  } = useApi(
    'cases.list',
    {
      year: year ? Number(year) : undefined,
      state: state ?? undefined,
      regionId: regionId ? Number(regionId) : undefined,
      leader: leader ?? undefined,
      overdue: overdue ? true : undefined,
      partyOrgId,
      offset: (page - 1) * PAGE,
      limit: PAGE,
    },
    { keepPrevious: true },
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>软弱涣散基层党组织整顿台账</Title>
        <Group>
          <Button variant="default" onClick={() => navigate('/leaders')}>
            包联领导
          </Button>
          <Button onClick={() => navigate('/screening')}>排查认定</Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <Select
          label="年度"
          placeholder="全部年度"
          data={yearOptions()}
          value={year}
          onChange={(v) => {
            setYear(v);
          }}
          clearable
          w={130}
        />
        <Select
          label="状态"
          placeholder="全部状态"
          data={CASE_STATES.map((s) => ({ value: s.code, label: s.label }))}
          value={state}
          onChange={(v) => {
            setState(v);
          }}
          clearable
          w={130}
        />
        <Select
          label="属地"
          placeholder="全部属地"
          data={(regions.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
          value={regionId}
          onChange={(v) => {
            setRegionId(v);
          }}
          clearable
          searchable
          w={180}
        />
        <Select
          label="包联领导"
          placeholder="全部领导"
          data={(leaders.data ?? []).map((l) => ({ value: l.leader, label: l.leader }))}
          value={leader}
          onChange={(v) => {
            setLeader(v);
          }}
          clearable
          w={240}
        />
        <Checkbox
          label="只看逾期"
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.currentTarget.checked);
          }}
          mb={8}
        />
      </Group>
      {loading || !data ? (
        <Loading error={error} />
      ) : (
        <>
          <Text size="sm" c="dimmed" data-testid="case-total">
            共 {data.total} 个整顿对象
          </Text>
          <Table striped highlightOnHover withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>年度</Table.Th>
                <Table.Th w={120}>属地</Table.Th>
                <Table.Th>党组织名称</Table.Th>
                <Table.Th>认定情形</Table.Th>
                <Table.Th w={200}>包联领导</Table.Th>
                <Table.Th w={110}>整顿时限</Table.Th>
                <Table.Th w={100}>状态</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((c) => (
                <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/cases/${c.id}`)}>
                  <Table.Td>{c.year}</Table.Td>
                  <Table.Td>{c.regionName}</Table.Td>
                  <Table.Td>
                    {c.partyOrgName}{' '}
                    {c.isRepeat && (
                      <Badge color="grape" size="sm" variant="light">
                        重复认定
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {c.situations.join('、')}
                    </Text>
                  </Table.Td>
                  <Table.Td>{c.leaderCounty ?? '—'}</Table.Td>
                  <Table.Td>
                    {c.deadline ?? '—'}{' '}
                    {c.overdue && (
                      <Badge color="red" size="sm">
                        逾期
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <CaseStateBadge state={c.state} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.total > PAGE && <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />}
        </>
      )}
    </Stack>
  );
}

/** Cases per 包联县级领导, each opening the list filtered to that leader. */
export function LeadersPage() {
  const navigate = useNavigate();
  const { data, error, isLoading: loading } = useApi('cases.leaders', {});
  return (
    <Stack>
      <Title order={2}>包联领导督办</Title>
      {loading || !data ? (
        <Loading error={error} />
      ) : (
        <Table withTableBorder striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>包联县级领导</Table.Th>
              <Table.Th w={120}>整顿对象</Table.Th>
              <Table.Th w={120}>未销号</Table.Th>
              <Table.Th w={120}>逾期</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((l) => (
              <Table.Tr
                key={l.leader}
                style={{ cursor: 'pointer' }}
                onClick={() => navigate(`/cases?leader=${encodeURIComponent(l.leader)}`)}
              >
                <Table.Td>{l.leader}</Table.Td>
                <Table.Td>{l.total}</Table.Td>
                <Table.Td>{l.open}</Table.Td>
                <Table.Td>{l.overdue > 0 ? <Badge color="red">{l.overdue}</Badge> : 0}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
