/**
 * 整顿台账: cases by year, state, region, 包联领导 and overdue, with search (name, pinyin initials,
 * 书记) on Ctrl+F. A year's list also holds earlier years' cases not yet 销号, marked with their year
 * of 认定. Filters live in the URL so Back works.
 */
import { Badge, Button, Checkbox, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { CASE_STATES, type CaseState, codesOf } from '../../../shared/domain/codes';
import type { CaseLeaderRow } from '../../../shared/types';
import { usePageCommand } from '../commands';
import { CaseStateBadge, Loading, yearOptions } from '../common';
import { param, useListState } from '../listState';
import { useApi } from '../queries';
import { RegionSelect } from '../RegionSelect';
import { useCan } from '../session';

const PAGE = 50;

/** The list's filters in the address; an unknown value falls back to “all”. */
const searchSchema = z.object({
  query: param.text(),
  year: param.year(),
  state: param.oneOf(codesOf(CASE_STATES)),
  regionId: param.id(),
  /** 包联领导: the id of one from 设置 (digits), or a name typed under 其他. */
  leader: z.string().max(50).optional().catch(undefined),
  overdue: z.enum(['1']).optional().catch(undefined),
  // Arrives from a party organization's page (整顿记录): kept for the visit, not shown as a filter.
  partyOrgId: param.id(),
  sort: param.sort(['year'], 'year'),
  dir: param.dir(),
  page: param.page(),
});

/** A 督办 row's link to its cases: by the leader's id, or by the name typed under 其他. */
const leaderValue = (l: CaseLeaderRow) => (l.leaderId != null ? String(l.leaderId) : l.leader);
export const leaderLink = (l: CaseLeaderRow) => `/cases?leader=${encodeURIComponent(leaderValue(l))}`;

export function CaseListPage() {
  const navigate = useNavigate();
  const list = useListState(searchSchema);
  const { year = null, state = null, regionId = null, leader = null } = list.filters;
  const leaderId = leader && /^\d+$/.test(leader) ? Number(leader) : undefined;
  const overdue = list.filters.overdue === '1';
  const partyOrgId = list.filters.partyOrgId ? Number(list.filters.partyOrgId) : undefined;
  const searchRef = useRef<HTMLInputElement>(null);
  usePageCommand('search', () => searchRef.current?.focus());

  const leaders = useApi('cases.leaders', {});
  const {
    data,
    error,
    isLoading: loading,
  } = useApi(
    'cases.list',
    {
      query: list.debounced || undefined,
      year: year ? Number(year) : undefined,
      state: state ?? undefined,
      regionId: regionId ? Number(regionId) : undefined,
      leaderId,
      leader: leaderId == null ? (leader ?? undefined) : undefined,
      overdue: overdue ? true : undefined,
      partyOrgId,
      offset: (list.page - 1) * PAGE,
      limit: PAGE,
    },
    { keepPrevious: true },
  );
  const shownYear = year ? Number(year) : null;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>软弱涣散基层党组织整顿台账</Title>
        <Group>
          <Button variant="default" onClick={() => navigate('/leaders')}>
            包联领导督办
          </Button>
          <Button onClick={() => navigate('/screening')}>排查认定</Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput
          ref={searchRef}
          label="查找"
          placeholder="党组织名称、拼音首字母或书记姓名（Ctrl+F）"
          value={list.query}
          onChange={(e) => list.setQuery(e.currentTarget.value)}
          w={320}
        />
        <Select
          label="年度"
          placeholder="全部年度"
          data={yearOptions()}
          value={year}
          onChange={(v) => list.setFilter('year', v ?? undefined)}
          clearable
          w={130}
        />
        <Select
          label="状态"
          placeholder="全部状态"
          data={CASE_STATES.map((s) => ({ value: s.code, label: s.label }))}
          value={state}
          onChange={(v) => list.setFilter('state', (v as CaseState | null) ?? undefined)}
          clearable
          w={130}
        />
        <RegionSelect
          label="属地"
          placeholder="全部属地"
          value={regionId}
          onChange={(v) => list.setFilter('regionId', v ?? undefined)}
          clearable
          w={180}
        />
        <Select
          label="包联领导"
          placeholder="全部领导"
          data={(leaders.data ?? []).map((l) => ({ value: leaderValue(l), label: l.leader }))}
          value={leader}
          onChange={(v) => list.setFilter('leader', v ?? undefined)}
          clearable
          searchable
          w={200}
        />
        <Checkbox
          label="只看逾期"
          checked={overdue}
          onChange={(e) => list.setFilter('overdue', e.currentTarget.checked ? '1' : undefined)}
          mb={8}
        />
      </Group>
      {loading || !data ? (
        <Loading error={error} />
      ) : (
        <>
          <Text size="sm" c="dimmed" data-testid="case-total">
            共 {data.total} 个整顿对象
            {shownYear != null && data.rows.some((c) => c.year < shownYear) ? `（含往年认定、${shownYear}年仍在整顿或本年销号的）` : ''}
          </Text>
          <Table striped highlightOnHover withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>认定年度</Table.Th>
                <Table.Th w={120}>属地</Table.Th>
                <Table.Th>党组织名称</Table.Th>
                <Table.Th w={90}>书记</Table.Th>
                <Table.Th>认定情形</Table.Th>
                <Table.Th w={130}>包联领导</Table.Th>
                <Table.Th w={150}>整顿时限</Table.Th>
                <Table.Th w={100}>状态</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((c) => (
                <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/cases/${c.id}`)}>
                  <Table.Td>
                    {shownYear != null && c.year < shownYear ? (
                      <Badge color="orange" variant="light" size="sm" data-testid="carried-over">
                        {c.year}年认定
                      </Badge>
                    ) : (
                      c.year
                    )}
                  </Table.Td>
                  <Table.Td>{c.regionName}</Table.Td>
                  <Table.Td>
                    {c.partyOrgName}{' '}
                    {c.isRepeat && (
                      <Badge color="grape" size="sm" variant="light">
                        重复认定
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{c.secretaryName ?? '（空缺）'}</Table.Td>
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
          {data.total > PAGE && <Pagination total={Math.ceil(data.total / PAGE)} value={list.page} onChange={list.setPage} />}
        </>
      )}
    </Stack>
  );
}

/** 包联领导督办: cases per 包联县级领导 (one row per leader), each opening the list filtered to that leader. */
export function LeadersPage() {
  const navigate = useNavigate();
  const { data, error, isLoading: loading } = useApi('cases.leaders', {});
  const canKeepLeaders = useCan('leaders.create');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>包联领导督办</Title>
        {canKeepLeaders && (
          <Button variant="default" onClick={() => navigate('/settings')}>
            管理包联领导名单
          </Button>
        )}
      </Group>
      {loading || !data ? (
        <Loading error={error} />
      ) : (
        <Table withTableBorder striped highlightOnHover data-testid="leaders-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>包联县级领导</Table.Th>
              <Table.Th>职务</Table.Th>
              <Table.Th w={120}>整顿对象</Table.Th>
              <Table.Th w={120}>未销号</Table.Th>
              <Table.Th w={120}>逾期</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((l) => (
              <Table.Tr key={leaderValue(l)} style={{ cursor: 'pointer' }} onClick={() => navigate(leaderLink(l))}>
                <Table.Td>
                  {l.leader}{' '}
                  {l.leaderId == null && (
                    <Badge size="sm" color="gray" variant="light" title="方案中“其他”填写的姓名，不在包联领导名单中">
                      名单外
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{l.title ?? '—'}</Table.Td>
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
