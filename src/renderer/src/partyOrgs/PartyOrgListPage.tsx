/** 党组织 list: search (name, 书记, initials), filters by region / type / 组建方式 / flag / 换届, sortable, paged by the core. */
import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { memo, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { partyOrgsListSchema } from '../../../shared/contract';
import { codesOf, FORMATION_METHODS, labelOf, PARTY_ORG_FLAGS, PARTY_ORG_TYPES } from '../../../shared/domain/codes';
import type { PartyOrgListRow } from '../../../shared/types';
import { usePageCommand } from '../commands';
import { Loading, stars } from '../common';
import { ListSearch } from '../ListSearch';
import { RegionSelect } from '../RegionSelect';
import { useCan } from '../session';
import '../ledgerTable.css';
import { ListFooter, ledgerTableStyles, options, PartyOrgFlagBadges, SortHeader } from '../ledgerBits';
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
  const list = useListState(searchSchema);
  const { debounced: search, page, setPage, onSort, setFilter } = list;
  const { regionId, type, method, flag, election } = list.filters;
  const navigate = useNavigate();
  // A clerk filtering by 换届 wants the soonest due first, unless an order was picked by a header.
  const sort: Sort = election && list.sort === 'id' ? 'electionDue' : list.sort;
  const dir = list.dir;
  const searchRef = useRef<HTMLInputElement>(null);

  const { data, error } = useApi(
    'partyOrgs.list',
    {
      query: search || undefined,
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
  const canCreate = useCan('partyOrgs.create');
  usePageCommand('new', canCreate ? () => navigate('/party-orgs/new') : null);
  usePageCommand('search', () => searchRef.current?.focus());
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>党组织</Title>
        <Group>
          <Button variant="default" component={Link} to="/reports?report=electionReminders">
            换届提醒表
          </Button>
          {canCreate && (
            <Button component={Link} to="/party-orgs/new" title="Ctrl+N">
              新增党组织
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-end" gap="sm">
        <ListSearch
          ref={searchRef}
          initial={list.values.query}
          onSearch={list.setQuery}
          placeholder="名称、书记或拼音首字母（Ctrl+F）"
          width={280}
        />
        <PartyOrgFilters regionId={regionId} type={type} method={method} flag={flag} election={election} setFilter={setFilter} />
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <>
          <Text size="sm" data-testid="party-org-total">
            共 {data.total} 个党组织
          </Text>
          <PartyOrgTable rows={data.rows} sort={sort} dir={dir} onSort={onSort} />
          {data.total === 0 && <Text c="dimmed">没有符合条件的党组织</Text>}
          <ListFooter page={page} pages={pages} pageSize={PAGE} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}

type FilterKey = 'regionId' | 'type' | 'method' | 'flag' | 'election';
const TYPE_OPTIONS = options(PARTY_ORG_TYPES);
const METHOD_OPTIONS = options(FORMATION_METHODS);
const FLAG_OPTIONS = options(PARTY_ORG_FLAGS);
const ELECTION_OPTIONS = ELECTIONS.map((value) => ({ value, label: ELECTION_LABELS[value] }));

const PartyOrgFilters = memo(function PartyOrgFilters(
  p: Pick<SearchParams, FilterKey> & { setFilter: (k: FilterKey, v: string | undefined) => void },
) {
  const on = (key: FilterKey) => (v: string | null) => p.setFilter(key, v ?? undefined);
  return (
    <>
      <RegionSelect label="属地" placeholder="全部属地" value={p.regionId ?? null} onChange={on('regionId')} clearable w={150} />
      <Select label="党组织类型" placeholder="全部" data={TYPE_OPTIONS} value={p.type ?? null} onChange={on('type')} clearable w={150} />
      <Select
        label="组建方式"
        placeholder="全部"
        data={METHOD_OPTIONS}
        value={p.method ?? null}
        onChange={on('method')}
        clearable
        w={160}
      />
      <Select label="标记" placeholder="全部" data={FLAG_OPTIONS} value={p.flag ?? null} onChange={on('flag')} clearable w={140} />
      <Select
        label="换届"
        placeholder="全部"
        data={ELECTION_OPTIONS}
        value={p.election ?? null}
        onChange={on('election')}
        clearable
        w={140}
      />
    </>
  );
});

const STARS_CELL = { fontSize: 'var(--mantine-font-size-xs)' };

/** The page of rows; drawn again only when the rows or the order change, not per keystroke. */
const PartyOrgTable = memo(function PartyOrgTable({
  rows,
  sort,
  dir,
  onSort,
}: {
  rows: PartyOrgListRow[];
  sort: Sort;
  dir: 'asc' | 'desc';
  onSort: (s: Sort) => void;
}) {
  const header = (label: string, field: Sort, right = false) => (
    <SortHeader label={label} field={field} sort={sort} dir={dir} onSort={onSort} right={right} />
  );
  return (
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
        {rows.map((p) => (
          <Table.Tr key={p.id}>
            <td className="ledger-td">
              <Anchor component={Link} to={`/party-orgs/${p.id}`}>
                {p.name}
              </Anchor>
            </td>
            <td className="ledger-td">{labelOf(PARTY_ORG_TYPES, p.type)}</td>
            <td className="ledger-td">{labelOf(FORMATION_METHODS, p.method)}</td>
            <td className="ledger-td">{p.regionName}</td>
            <td className="ledger-td" data-nowrap>
              {p.secretaryName ?? '—'}
            </td>
            <td className="ledger-td" data-num>
              {p.members}
            </td>
            <td className="ledger-td" data-num>
              {p.coveredCount}
            </td>
            <td className="ledger-td" style={STARS_CELL}>
              {stars(p.starRating)}
            </td>
            <td className="ledger-td" data-nowrap>
              {p.electionDue ?? '—'}
            </td>
            <td className="ledger-td">
              <PartyOrgFlagBadges flags={p.flags} />
            </td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
});
