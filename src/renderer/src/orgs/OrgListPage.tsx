/**
 * 两新组织 list: search (name, 信用代码, pinyin initials), filters, sorting and paging all done by the
 * core, so it stays quick at 100,000 rows. The filters live in the address so Back returns here.
 */
import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { orgsListSchema } from '../../../shared/contract';
import { COVERAGE_STATUSES, codesOf, labelOf, ORG_CATEGORIES, ORG_FLAGS, ORG_SUBTYPES } from '../../../shared/domain/codes';
import { usePageCommand } from '../commands';
import { Loading } from '../common';
import { CoverageBadge, ListFooter, ledgerTableStyles, OrgFlagBadges, options, SortHeader, useRegionOptions } from '../ledgerBits';

import { param, useListState } from '../listState';
import { useApi } from '../queries';

const PAGE = 50;

/** The list's state in the address: what the core's orgs.list accepts, a wrong value falling back to the default. */
const searchSchema = z.object({
  query: param.text(),
  regionId: param.id(),
  category: param.oneOf(codesOf(ORG_CATEGORIES)),
  coverage: param.oneOf(codesOf(COVERAGE_STATUSES)),
  flag: param.oneOf(codesOf(ORG_FLAGS)),
  sort: param.sort(orgsListSchema.shape.sort.removeDefault().options, 'id'),
  dir: param.dir(),
  page: param.page(),
});
type SearchParams = z.output<typeof searchSchema>;

export function OrgListPage() {
  const navigate = useNavigate();
  const list = useListState(searchSchema);
  const { query, debounced, sort, dir, page, setPage, onSort } = list;
  const { regionId, category, coverage, flag } = list.filters;
  const searchRef = useRef<HTMLInputElement>(null);
  const regions = useRegionOptions();

  const { data, error } = useApi(
    'orgs.list',
    {
      query: debounced || undefined,
      regionId: regionId ? Number(regionId) : undefined,
      category,
      coverage,
      flag,
      sort,
      dir,
      offset: (page - 1) * PAGE,
      limit: PAGE,
    },
    { keepPrevious: true },
  );

  usePageCommand('new', () => navigate('/orgs/new'));
  usePageCommand('search', () => searchRef.current?.focus());

  const filter = (key: 'regionId' | 'category' | 'coverage' | 'flag') => (v: string | null) =>
    list.setFilter(key, v as SearchParams[typeof key]);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>两新组织</Title>
        <Button onClick={() => navigate('/orgs/new')} title="Ctrl+N">
          新增组织
        </Button>
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          ref={searchRef}
          label="查找"
          placeholder="名称、信用代码或拼音首字母（Ctrl+F）"
          value={query}
          onChange={(e) => list.setQuery(e.currentTarget.value)}
          w={300}
        />
        <Select label="属地" placeholder="全部属地" data={regions} value={regionId} onChange={filter('regionId')} clearable w={150} />
        <Select
          label="组织类别"
          placeholder="全部类别"
          data={options(ORG_CATEGORIES)}
          value={category}
          onChange={filter('category')}
          clearable
          w={150}
        />
        <Select
          label="覆盖情况"
          placeholder="全部"
          data={options(COVERAGE_STATUSES)}
          value={coverage}
          onChange={filter('coverage')}
          clearable
          w={170}
        />
        <Select label="标记" placeholder="全部" data={options(ORG_FLAGS)} value={flag} onChange={filter('flag')} clearable w={150} />
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <>
          <Text size="sm" data-testid="org-total">
            共 {data.total} 个两新组织
          </Text>
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
              {data.rows.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td miw={200}>
                    <Anchor component={Link} to={`/orgs/${o.id}`}>
                      {o.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {o.uscc ?? '—'}
                  </Table.Td>
                  <Table.Td fz="sm">{labelOf(ORG_SUBTYPES, o.subtype)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{o.regionName}</Table.Td>
                  <Table.Td ta="right">{o.employees}</Table.Td>
                  <Table.Td ta="right">{o.formalMembers}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <CoverageBadge value={o.coverage} />
                  </Table.Td>
                  <Table.Td fz="sm">
                    {o.partyOrg ? (
                      <Anchor component={Link} to={`/party-orgs/${o.partyOrg.id}`}>
                        {o.partyOrg.name}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td miw={110}>
                    <OrgFlagBadges flags={o.flags} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.total === 0 && <Text c="dimmed">没有符合条件的两新组织</Text>}
          <ListFooter page={page} pages={pages} pageSize={PAGE} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}
