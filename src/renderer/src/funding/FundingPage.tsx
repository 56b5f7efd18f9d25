/**
 * 经费: the payments of a year (or all years) by region and source, searched by party organization
 * (name, 书记 or pinyin initials), with the sum of everything the filters select; 登记经费 (Ctrl+N),
 * 修改 and 删除 (asked first) on each row.
 */
import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { memo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { labelOf } from '../../../shared/domain/codes';
import { FUNDING_KINDS, FUNDING_SOURCES } from '../../../shared/domain/fundingCodes';
import type { FundingRecord } from '../../../shared/records/funding';
import { yuanText } from '../../../shared/rules/money';
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
import { FundingDialog } from './FundingDialog';

const PAGE = 50;

const searchSchema = z.object({
  query: param.text(),
  year: param.listYear(),
  regionId: param.id(),
  source: param.oneOf(FUNDING_SOURCES.map((s) => s.code)),
  sort: z.literal('date').catch('date'),
  dir: param.dir(),
  page: param.page(),
});

const SOURCE_OPTIONS = options(FUNDING_SOURCES);

export function FundingPage() {
  const list = useListState(searchSchema);
  const { debounced: search, page, setPage, setFilter } = list;
  const { year, regionId, source } = list.filters;
  const searchRef = useRef<HTMLInputElement>(null);
  const [editing, setEditing] = useState<FundingRecord | 'new' | null>(null);

  const { data, error } = useApi(
    'funding.list',
    {
      query: search || undefined,
      year: yearInput(year),
      regionId: regionId ? Number(regionId) : undefined,
      source,
      offset: (page - 1) * PAGE,
      limit: PAGE,
    },
    { keepPrevious: true },
  );
  const canWrite = useCan('funding.create');
  usePageCommand('new', canWrite ? () => setEditing('new') : null);
  usePageCommand('search', () => searchRef.current?.focus());
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>党建工作经费</Title>
        {canWrite && (
          <Button onClick={() => setEditing('new')} title="Ctrl+N">
            登记经费
          </Button>
        )}
      </Group>
      <Group align="flex-end" gap="sm">
        <ListSearch
          ref={searchRef}
          initial={list.values.query}
          onSearch={list.setQuery}
          placeholder="党组织名称、书记或拼音首字母（Ctrl+F）"
        />
        <YearFilter value={year} onChange={(v) => setFilter('year', v)} />
        <RegionSelect
          label="属地"
          placeholder="全部属地"
          value={regionId ?? null}
          onChange={(v) => setFilter('regionId', v ?? undefined)}
          clearable
          w={150}
        />
        <Select
          label="经费来源"
          placeholder="全部来源"
          data={SOURCE_OPTIONS}
          value={source ?? null}
          onChange={(v) => setFilter('source', (v as typeof source) ?? undefined)}
          clearable
          w={140}
        />
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <>
          <Text size="sm" data-testid="funding-total">
            共 {data.total} 笔，合计 {yuanText(data.totalFen)} 元
          </Text>
          <FundingTable rows={data.rows} onEdit={canWrite ? setEditing : null} showPartyOrg />
          {data.total === 0 && <Text c="dimmed">没有符合条件的经费记录</Text>}
          <ListFooter page={page} pages={pages} pageSize={PAGE} onChange={setPage} />
        </>
      )}
      {editing && <FundingDialog editing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

export function removeFunding(r: FundingRecord) {
  const what = `${r.partyOrgName} ${r.date} ${yuanText(r.amountFen)}元`;
  confirmDelete({
    title: '删除经费记录',
    name: what,
    body: `确定删除“${what}”这笔经费吗？删除前的内容保留在操作日志里。`,
    run: () => invoke('funding.delete', { id: r.id }),
    after: () => {},
  });
}

export const FundingTable = memo(function FundingTable({
  rows,
  onEdit,
  showPartyOrg,
}: {
  rows: FundingRecord[];
  /** null: the reader may not change 经费 (no 操作 column). */
  onEdit: ((r: FundingRecord) => void) | null;
  showPartyOrg: boolean;
}) {
  return (
    <Table striped highlightOnHover withTableBorder fz="sm" styles={ledgerTableStyles}>
      <Table.Thead>
        <Table.Tr>
          {showPartyOrg && <Table.Th>党组织</Table.Th>}
          {showPartyOrg && <Table.Th>属地</Table.Th>}
          <Table.Th>拨付日期</Table.Th>
          <Table.Th>经费来源</Table.Th>
          <Table.Th>经费类别</Table.Th>
          <Table.Th>所属期间</Table.Th>
          <Table.Th ta="right">金额（元）</Table.Th>
          <Table.Th>文号</Table.Th>
          <Table.Th>备注</Table.Th>
          {onEdit && <Table.Th>操作</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id}>
            {showPartyOrg && (
              <td className="ledger-td" style={NAME_CELL}>
                <Anchor component={Link} to={`/party-orgs/${r.partyOrgId}`}>
                  {r.partyOrgName}
                </Anchor>
              </td>
            )}
            {showPartyOrg && (
              <td className="ledger-td" data-nowrap>
                {r.regionName}
              </td>
            )}
            <td className="ledger-td" data-nowrap>
              {r.date}
            </td>
            <td className="ledger-td" data-nowrap>
              {labelOf(FUNDING_SOURCES, r.source)}
            </td>
            <td className="ledger-td" data-nowrap>
              {labelOf(FUNDING_KINDS, r.fundKind)}
            </td>
            <td className="ledger-td">{r.period ?? ''}</td>
            <td className="ledger-td" data-num>
              {yuanText(r.amountFen)}
            </td>
            <td className="ledger-td" style={DOC_CELL}>
              {r.documentNo ?? ''}
            </td>
            <td className="ledger-td" style={REMARKS_CELL}>
              {r.remarks ?? ''}
            </td>
            {onEdit && (
              <td className="ledger-td" data-nowrap>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" onClick={() => onEdit(r)}>
                    修改
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => removeFunding(r)}>
                    删除
                  </Button>
                </Group>
              </td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
});

// At 1366 wide every column, 操作 last, fits beside the menu: the name, 文号 and 备注 wrap instead.
const NAME_CELL = { minWidth: 180 };
const DOC_CELL = { minWidth: 110 };
const REMARKS_CELL = { minWidth: 120 };
