/**
 * 两新组织 list: search (name, 信用代码, pinyin initials), filters, sorting and paging all done by the
 * core, so it stays quick at 100,000 rows. The filters live in the address so Back returns here.
 */
import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { memo, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { COVERAGE_STATUSES, codesOf, labelOf, ORG_CATEGORIES, ORG_FLAGS, ORG_LIST_SORTS, ORG_SUBTYPES } from '../../../shared/domain/codes';
import type { OrgListRow } from '../../../shared/types';
import { usePageCommand } from '../commands';
import { Loading } from '../common';
import { ListSearch } from '../ListSearch';
import { RegionSelect } from '../RegionSelect';
import { useCan } from '../session';
import '../ledgerTable.css';
import { CoverageBadge, ListFooter, ledgerTableStyles, OrgFlagBadges, options, SortHeader } from '../ledgerBits';
import { param, useListState } from '../listState';
import { useApi } from '../queries';
import { orgListInput, ORG_PAGE as PAGE } from './orgListInput';

/** The list's state in the address: what the core's orgs.list accepts, a wrong value falling back to the default. */
const searchSchema = z.object({
  query: param.text(),
  regionId: param.id(),
  category: param.oneOf(codesOf(ORG_CATEGORIES)),
  coverage: param.oneOf(codesOf(COVERAGE_STATUSES)),
  flag: param.oneOf(codesOf(ORG_FLAGS)),
  sort: param.sort(ORG_LIST_SORTS, 'id'),
  dir: param.dir(),
  page: param.page(),
});
type SearchParams = z.output<typeof searchSchema>;
type Sort = SearchParams['sort'];

export function OrgListPage() {
  const navigate = useNavigate();
  const list = useListState(searchSchema);
  const { debounced: search, sort, dir, page, setPage, onSort, setFilter } = list;
  const { regionId, category, coverage, flag } = list.filters;
  const searchRef = useRef<HTMLInputElement>(null);

  const { data, error } = useApi('orgs.list', orgListInput({ query: search, regionId, category, coverage, flag, sort, dir, page }), {
    keepPrevious: true,
  });

  const canCreate = useCan('orgs.create');
  usePageCommand('new', canCreate ? () => navigate('/orgs/new') : null);
  usePageCommand('search', () => searchRef.current?.focus());
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>两新组织</Title>
        {canCreate && (
          <Button component={Link} to="/orgs/new" title="Ctrl+N">
            新增组织
          </Button>
        )}
      </Group>
      <Group align="flex-end" gap="sm">
        <ListSearch
          ref={searchRef}
          initial={list.values.query}
          onSearch={list.setQuery}
          placeholder="名称、信用代码或拼音首字母（Ctrl+F）"
        />
        <OrgFilters regionId={regionId} category={category} coverage={coverage} flag={flag} setFilter={setFilter} />
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <>
          <Text size="sm" data-testid="org-total">
            共 {data.total} 个两新组织
          </Text>
          <OrgTable rows={data.rows} sort={sort} dir={dir} onSort={onSort} />
          {data.total === 0 && <Text c="dimmed">没有符合条件的两新组织</Text>}
          <ListFooter page={page} pages={pages} pageSize={PAGE} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}

type FilterKey = 'regionId' | 'category' | 'coverage' | 'flag';

const OrgFilters = memo(function OrgFilters(
  p: Pick<SearchParams, FilterKey> & { setFilter: (k: FilterKey, v: string | undefined) => void },
) {
  const on = (key: FilterKey) => (v: string | null) => p.setFilter(key, v ?? undefined);
  return (
    <>
      <RegionSelect label="属地" placeholder="全部属地" value={p.regionId ?? null} onChange={on('regionId')} clearable w={150} />
      <Select
        label="组织类别"
        placeholder="全部类别"
        data={CATEGORY_OPTIONS}
        value={p.category ?? null}
        onChange={on('category')}
        clearable
        w={150}
      />
      <Select
        label="覆盖情况"
        placeholder="全部"
        data={COVERAGE_OPTIONS}
        value={p.coverage ?? null}
        onChange={on('coverage')}
        clearable
        w={170}
      />
      <Select label="标记" placeholder="全部" data={FLAG_OPTIONS} value={p.flag ?? null} onChange={on('flag')} clearable w={150} />
    </>
  );
});

const CATEGORY_OPTIONS = options(ORG_CATEGORIES);
const COVERAGE_OPTIONS = options(COVERAGE_STATUSES);
const FLAG_OPTIONS = options(ORG_FLAGS);

const NAME_CELL = { minWidth: 200 };

/** About what a 768-pixel-high window shows of the table. */
const FIRST_SCREEN_ROWS = 15;

/**
 * On the table's first drawing only the rows a window shows are drawn, the rest right after: the clerk
 * sees the list about a tenth of a second sooner after start. Later pages and searches draw whole.
 */
function useFirstScreenRows(rows: OrgListRow[]): OrgListRow[] {
  const [whole, setWhole] = useState(false);
  useEffect(() => {
    // After the next paint: a frame's callback runs just before it, a timeout set there just after.
    let t: ReturnType<typeof setTimeout> | undefined;
    const f = requestAnimationFrame(() => {
      t = setTimeout(() => setWhole(true));
    });
    return () => {
      cancelAnimationFrame(f);
      clearTimeout(t);
    };
  }, []);
  return whole ? rows : rows.slice(0, FIRST_SCREEN_ROWS);
}
const FLAGS_CELL = { minWidth: 110 };

/** The page of rows; drawn again only when the rows or the order change, not per keystroke. */
const OrgTable = memo(function OrgTable({
  rows,
  sort,
  dir,
  onSort,
}: {
  rows: OrgListRow[];
  sort: Sort;
  dir: 'asc' | 'desc';
  onSort: (s: Sort) => void;
}) {
  const shown = useFirstScreenRows(rows);
  return (
    <Table striped highlightOnHover withTableBorder fz="sm" styles={ledgerTableStyles}>
      <Table.Thead>
        <Table.Tr>
          <SortHeader label="名称" field="name" sort={sort} dir={dir} onSort={onSort} />
          <Table.Th>统一社会信用代码</Table.Th>
          <Table.Th>类型</Table.Th>
          <SortHeader label="属地" field="region" sort={sort} dir={dir} onSort={onSort} />
          <SortHeader label="从业人员" field="employees" sort={sort} dir={dir} onSort={onSort} right />
          <SortHeader label="正式党员" field="formalMembers" sort={sort} dir={dir} onSort={onSort} right />
          <SortHeader label="覆盖情况" field="coverage" sort={sort} dir={dir} onSort={onSort} />
          <Table.Th>覆盖党组织</Table.Th>
          <Table.Th>标记</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {shown.map((o) => (
          <Table.Tr key={o.id}>
            <td className="ledger-td" style={NAME_CELL}>
              <Anchor component={Link} to={`/orgs/${o.id}`}>
                {o.name}
              </Anchor>
            </td>
            <td className="ledger-td" data-code>
              {o.uscc ?? '—'}
            </td>
            <td className="ledger-td">{labelOf(ORG_SUBTYPES, o.subtype)}</td>
            <td className="ledger-td" data-nowrap>
              {o.regionName}
            </td>
            <td className="ledger-td" data-num>
              {o.employees}
            </td>
            <td className="ledger-td" data-num>
              {o.formalMembers}
            </td>
            <td className="ledger-td" data-nowrap>
              <CoverageBadge value={o.coverage} />
            </td>
            <td className="ledger-td">
              {o.partyOrg ? (
                <Anchor component={Link} to={`/party-orgs/${o.partyOrg.id}`}>
                  {o.partyOrg.name}
                </Anchor>
              ) : (
                '—'
              )}
            </td>
            <td className="ledger-td" style={FLAGS_CELL}>
              <OrgFlagBadges flags={o.flags} />
            </td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
});
