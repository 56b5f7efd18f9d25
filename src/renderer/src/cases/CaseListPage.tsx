/** 整顿台账: cases by year, state, region, 包联领导 and overdue. Filters live in the URL so Back works. */
import { Badge, Button, Checkbox, Group, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { CASE_STATES, type CaseState } from '../../../shared/domain/codes';
import { invoke } from '../api';
import { CaseStateBadge, go, Loading, useLoad, yearOptions } from '../common';

const PAGE = 50;

function readQuery(): URLSearchParams {
  const q = window.location.hash.split('?')[1] ?? '';
  return new URLSearchParams(q);
}

export function CaseListPage() {
  const initial = readQuery();
  const [year, setYear] = useState<string | null>(initial.get('year'));
  const [state, setState] = useState<string | null>(initial.get('state'));
  const [regionId, setRegionId] = useState<string | null>(initial.get('regionId'));
  const [leader, setLeader] = useState<string | null>(initial.get('leader'));
  const [overdue, setOverdue] = useState(initial.get('overdue') === '1');
  const [page, setPage] = useState(1);
  // Arrives from a party organization's page (整顿记录): kept for the visit, not shown as a filter.
  const partyOrgId = initial.get('partyOrgId') ? Number(initial.get('partyOrgId')) : undefined;

  useEffect(() => {
    const q = new URLSearchParams();
    if (year) q.set('year', year);
    if (state) q.set('state', state);
    if (regionId) q.set('regionId', regionId);
    if (leader) q.set('leader', leader);
    if (overdue) q.set('overdue', '1');
    const hash = `#/cases${q.size ? `?${q}` : ''}`;
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  }, [year, state, regionId, leader, overdue]);

  const regions = useLoad(() => invoke('regions.list', {}), []);
  const leaders = useLoad(() => invoke('cases.leaders', {}), []);
  const { data, error, loading } = useLoad(
    () =>
      invoke('cases.list', {
        year: year ? Number(year) : undefined,
        state: (state as CaseState | null) ?? undefined,
        regionId: regionId ? Number(regionId) : undefined,
        leader: leader ?? undefined,
        overdue: overdue ? true : undefined,
        partyOrgId,
        offset: (page - 1) * PAGE,
        limit: PAGE,
      }),
    [year, state, regionId, leader, overdue, page, partyOrgId],
  );
  const reset = () => setPage(1);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>软弱涣散基层党组织整顿台账</Title>
        <Group>
          <Button variant="default" onClick={() => go('#/leaders')}>
            包联领导
          </Button>
          <Button onClick={() => go('#/screening')}>排查认定</Button>
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
            reset();
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
            reset();
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
            reset();
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
            reset();
          }}
          clearable
          w={240}
        />
        <Checkbox
          label="只看逾期"
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.currentTarget.checked);
            reset();
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
                <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => go(`#/cases/${c.id}`)}>
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
  const { data, error, loading } = useLoad(() => invoke('cases.leaders', {}), []);
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
              <Table.Tr key={l.leader} style={{ cursor: 'pointer' }} onClick={() => go(`#/cases?leader=${encodeURIComponent(l.leader)}`)}>
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
