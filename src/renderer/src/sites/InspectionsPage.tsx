/**
 * 社会组织年检: a year's social organizations with their 年检 and 党建工作情况审查, 未年检 among them; each
 * recorded or changed in a dialog, a mistaken one deleted. The organization's 年检结果 follows the latest year.
 */
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { memo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { ANNUAL_CHECK_RESULTS, type AnnualCheck, codesOf, labelOf, ORG_SUBTYPES } from '../../../shared/domain/codes';
import { PARTY_REVIEW_RESULTS } from '../../../shared/domain/siteCodes';
import type { InspectionRow } from '../../../shared/records/inspections';
import { invoke } from '../api';
import { usePageCommand } from '../commands';
import { confirmDelete, Loading } from '../common';
import { ListSearch } from '../ListSearch';
import { RegionSelect } from '../RegionSelect';
import { useCan } from '../session';
import '../ledgerTable.css';
import { ListFooter, ledgerTableStyles, options } from '../ledgerBits';
import { param, useListState } from '../listState';
import { useApi } from '../queries';
import { YearFilter, yearInput } from '../YearFilter';
import { InspectionDialog, type InspectionTarget } from './InspectionDialog';

const PAGE = 50;
const RESULT_FILTERS = [...codesOf(ANNUAL_CHECK_RESULTS), 'none'] as const;

const searchSchema = z.object({
  query: param.text(),
  year: param.listYear(),
  regionId: param.id(),
  result: param.oneOf(RESULT_FILTERS),
  sort: param.sort(['region'], 'region'),
  dir: param.dir(),
  page: param.page(),
});

const RESULT_COLORS: Record<AnnualCheck, string> = { pass: 'green', basic: 'yellow', fail: 'red', absent: 'gray' };

export function ResultBadge({ result }: { result: AnnualCheck | null }) {
  if (!result)
    return (
      <Badge color="orange" variant="outline" style={{ overflow: 'visible' }}>
        未年检
      </Badge>
    );
  return (
    <Badge color={RESULT_COLORS[result]} variant="light" style={{ overflow: 'visible' }}>
      {labelOf(ANNUAL_CHECK_RESULTS, result)}
    </Badge>
  );
}

/** The inspection years offered: this year and five before, newest first. */
function inspectionYears(): { value: string; label: string }[] {
  const y = new Date().getFullYear();
  return [0, 1, 2, 3, 4, 5].map((d) => ({ value: String(y - d), label: `${y - d}年度` }));
}

export function InspectionsPage() {
  const list = useListState(searchSchema);
  const { regionId, result, page } = { ...list.filters, page: list.page };
  // 年检 is always one year's list: an address saying 全部年度 opens this year.
  const year = yearInput(list.filters.year) ?? new Date().getFullYear();
  const searchRef = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<InspectionTarget | null>(null);
  const canWrite = useCan('inspections.set');
  const { data, error } = useApi(
    'inspections.list',
    {
      year,
      query: list.debounced || undefined,
      regionId: regionId ? Number(regionId) : undefined,
      result,
      offset: (page - 1) * PAGE,
      limit: PAGE,
    },
    { keepPrevious: true },
  );
  usePageCommand('search', () => searchRef.current?.focus());
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  const open = (r: InspectionRow) =>
    setTarget({ orgId: r.orgId, orgName: r.orgName, year: r.year, result: r.result, partyReview: r.partyReview, remarks: r.remarks });
  const remove = (r: InspectionRow) =>
    confirmDelete({
      title: '删除年检记录',
      name: `${r.orgName} ${r.year}年度年检`,
      body: `确定删除“${r.orgName}”${r.year}年度的年检记录吗？该组织的年检结果将改为此前最近年度的结论。`,
      run: () => invoke('inspections.delete', { id: r.id as number }),
      after: () => {},
    });

  return (
    <Stack>
      <Title order={2}>社会组织年检</Title>
      <Group align="flex-end" gap="sm">
        <ListSearch
          ref={searchRef}
          initial={list.values.query}
          onSearch={list.setQuery}
          placeholder="单位名称、信用代码或拼音首字母（Ctrl+F）"
          width={320}
        />
        <InspectionFilters year={String(year)} regionId={regionId} result={result} setFilter={list.setFilter} />
        {data && (
          <Text size="sm" c="dimmed" mb={8}>
            共 {data.total} 个社会组织
          </Text>
        )}
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : data.rows.length === 0 ? (
        <Text c="dimmed">没有符合条件的社会组织</Text>
      ) : (
        <>
          <Table
            striped
            withTableBorder
            highlightOnHover
            styles={ledgerTableStyles}
            className="ledger-table"
            data-testid="inspections-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>属地</Table.Th>
                <Table.Th>单位名称</Table.Th>
                <Table.Th>组织类型</Table.Th>
                <Table.Th>上年结论</Table.Th>
                <Table.Th>{year}年度年检</Table.Th>
                <Table.Th>党建工作审查</Table.Th>
                <Table.Th>备注</Table.Th>
                {canWrite && <Table.Th>操作</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r) => (
                <Table.Tr key={r.orgId}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.regionName}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/orgs/${r.orgId}`}>
                      {r.orgName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{labelOf(ORG_SUBTYPES, r.subtype)}</Table.Td>
                  <Table.Td>{r.previousResult ? labelOf(ANNUAL_CHECK_RESULTS, r.previousResult) : '—'}</Table.Td>
                  <Table.Td>
                    <ResultBadge result={r.result} />
                  </Table.Td>
                  <Table.Td>{r.partyReview ? labelOf(PARTY_REVIEW_RESULTS, r.partyReview) : '—'}</Table.Td>
                  <Table.Td>{r.remarks ?? ''}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-sm" variant={r.id == null ? 'light' : 'subtle'} onClick={() => open(r)}>
                          {r.id == null ? '登记' : '修改'}
                        </Button>
                        {r.id != null && (
                          <Button size="compact-sm" variant="subtle" color="red" onClick={() => remove(r)}>
                            删除
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <ListFooter page={page} pages={pages} pageSize={PAGE} onChange={list.setPage} />
        </>
      )}
      {target && <InspectionDialog target={target} onClose={() => setTarget(null)} />}
    </Stack>
  );
}

type SetFilter = ReturnType<typeof useListState<z.output<typeof searchSchema>>>['setFilter'];

const InspectionFilters = memo(function InspectionFilters(p: {
  year: string;
  regionId: string | undefined;
  result: (typeof RESULT_FILTERS)[number] | undefined;
  setFilter: SetFilter;
}) {
  return (
    <>
      <YearFilter label="年检年度" value={p.year} onChange={(v) => p.setFilter('year', v)} years={inspectionYears()} allLabel={null} />
      <RegionSelect
        label="属地"
        placeholder="全部属地"
        value={p.regionId ?? null}
        onChange={(v) => p.setFilter('regionId', v ?? undefined)}
        clearable
        w={170}
      />
      <Select
        label="年检结论"
        placeholder="全部"
        data={[...options(ANNUAL_CHECK_RESULTS), { value: 'none', label: '未年检' }]}
        value={p.result ?? null}
        onChange={(v) => p.setFilter('result', (v as (typeof RESULT_FILTERS)[number] | null) ?? undefined)}
        clearable
        w={130}
      />
    </>
  );
});
