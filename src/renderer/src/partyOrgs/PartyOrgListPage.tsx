/** 党组织 list: search (name, 书记, initials), filters by region / type / 组建方式 / flag / 换届, sortable, paged by the core. */
import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { partyOrgsListSchema } from '../../../shared/contract';
import { codesOf, FORMATION_METHODS, labelOf, PARTY_ORG_FLAGS, PARTY_ORG_TYPES } from '../../../shared/domain/codes';
import { usePageCommand } from '../commands';
import { Loading, stars } from '../common';
import { ListFooter, ledgerTableStyles, options, PartyOrgFlagBadges, SortHeader, useRegionOptions } from '../ledgerBits';

import { param, useListState } from '../listState';
import { useApi } from '../queries';

const PAGE = 50;
const ELECTIONS = partyOrgsListSchema.shape.election.unwrap().options;
const ELECTION_LABELS: Record<(typeof ELECTIONS)[number], string> = { due3: '3个月内到期', due6: '6个月内到期', overdue: '已逾期' };
type Sort = SearchParams['sort'];

/** The list's state in the address: what the core's partyOrgs.list accepts, a wrong value falling back to the default. */
const searchSchema = z.object({
  query: param.text(),
  regionId: param.id(),
  type: param.oneOf(codesOf(PARTY_ORG_TYPES)),
  method: param.oneOf(codesOf(FORMATION_METHODS)),
  flag: param.oneOf(codesOf(PARTY_ORG_FLAGS)),
  election: param.oneOf(ELECTIONS),
  sort: param.sort(partyOrgsListSchema.shape.sort.removeDefault().options, 'id'),
  dir: param.dir(),
  page: param.page(),
});
type SearchParams = z.output<typeof searchSchema>;

export function PartyOrgListPage() {
  const navigate = useNavigate();
  const list = useListState(searchSchema);
  const { query, debounced, dir, page, setPage, onSort } = list;
  const { regionId, type, method, flag, election } = list.filters;
  // A clerk filtering by 换届 wants the soonest due first, unless an order was picked by a header.
  const sort: Sort = election && list.sort === 'id' ? 'electionDue' : list.sort;
  const searchRef = useRef<HTMLInputElement>(null);
  const regions = useRegionOptions();

  const { data, error } = useApi(
    'partyOrgs.list',
    {
      query: debounced || undefined,
      regionId: regionId ? Number(regionId) : undefined,
      type,
      method,
      flag,
      election,
      sort,
      dir,
      offset: (page - 1) * PAGE,
      limit: PAGE,
    },
    { keepPrevious: true },
  );
  usePageCommand('new', () => navigate('/party-orgs/new'));
  usePageCommand('search', () => searchRef.current?.focus());

  const filter = (key: 'regionId' | 'type' | 'method' | 'flag' | 'election') => (v: string | null) =>
    list.setFilter(key, v as SearchParams[typeof key]);
  const header = (label: string, field: Sort, right = false) => (
    <SortHeader label={label} field={field} sort={sort} dir={dir} onSort={onSort} right={right} />
  );
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>党组织</Title>
        <Button onClick={() => navigate('/party-orgs/new')} title="Ctrl+N">
          新增党组织
        </Button>
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          ref={searchRef}
          label="查找"
          placeholder="名称、书记或拼音首字母（Ctrl+F）"
          value={query}
          onChange={(e) => list.setQuery(e.currentTarget.value)}
          w={280}
        />
        <Select label="属地" placeholder="全部属地" data={regions} value={regionId} onChange={filter('regionId')} clearable w={150} />
        <Select
          label="党组织类型"
          placeholder="全部"
          data={options(PARTY_ORG_TYPES)}
          value={type}
          onChange={filter('type')}
          clearable
          w={150}
        />
        <Select
          label="组建方式"
          placeholder="全部"
          data={options(FORMATION_METHODS)}
          value={method}
          onChange={filter('method')}
          clearable
          w={160}
        />
        <Select label="标记" placeholder="全部" data={options(PARTY_ORG_FLAGS)} value={flag} onChange={filter('flag')} clearable w={140} />
        <Select
          label="换届"
          placeholder="全部"
          data={ELECTIONS.map((value) => ({ value, label: ELECTION_LABELS[value] }))}
          value={election ?? null}
          onChange={filter('election')}
          clearable
          w={140}
        />
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <>
          <Text size="sm" data-testid="party-org-total">
            共 {data.total} 个党组织
          </Text>
          <Table striped highlightOnHover withTableBorder fz="sm" styles={ledgerTableStyles}>
            <Table.Thead>
              <Table.Tr>
                {header('名称', 'name')}
                <Table.Th>类型</Table.Th>
                <Table.Th>组建方式</Table.Th>
                {header('属地', 'region')}
                <Table.Th>书记</Table.Th>
                {header('党员', 'members', true)}
                {header('覆盖组织', 'coveredCount', true)}
                {header('星级', 'starRating')}
                {header('应换届', 'electionDue')}
                <Table.Th>标记</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/party-orgs/${p.id}`}>
                      {p.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{labelOf(PARTY_ORG_TYPES, p.type)}</Table.Td>
                  <Table.Td>{labelOf(FORMATION_METHODS, p.method)}</Table.Td>
                  <Table.Td>{p.regionName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.secretaryName ?? '—'}</Table.Td>
                  <Table.Td ta="right">{p.members}</Table.Td>
                  <Table.Td ta="right">{p.coveredCount}</Table.Td>
                  <Table.Td fz="xs">{stars(p.starRating)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.electionDue ?? '—'}</Table.Td>
                  <Table.Td>
                    <PartyOrgFlagBadges flags={p.flags} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.total === 0 && <Text c="dimmed">没有符合条件的党组织</Text>}
          <ListFooter page={page} pages={pages} pageSize={PAGE} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}
