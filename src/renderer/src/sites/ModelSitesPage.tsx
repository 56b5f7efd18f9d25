/**
 * 示范点与品牌: the designations (all, or those in force in a year) by region, level and search, with
 * 登记 / 编辑 in a dialog and 删除 for a designation entered by mistake (an ended one gets its 撤销年度).
 */
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { memo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { labelOf } from '../../../shared/domain/codes';
import { MODEL_SITE_LEVELS, type ModelSiteLevel } from '../../../shared/domain/siteCodes';
import type { ModelSiteRow } from '../../../shared/records/modelSites';
import { invoke } from '../api';
import { usePageCommand } from '../commands';
import { confirmDelete, Loading } from '../common';
import { ListSearch } from '../ListSearch';
import { RegionSelect } from '../RegionSelect';
import { useCan } from '../session';
import '../ledgerTable.css';
import { ledgerTableStyles, options } from '../ledgerBits';
import { param, useListState } from '../listState';
import { useApi } from '../queries';
import { ALL_YEARS, YearFilter, yearInput } from '../YearFilter';
import { ModelSiteDialog, siteYears } from './ModelSiteDialog';

const LEVEL_CODES = MODEL_SITE_LEVELS.map((l) => l.code);

const searchSchema = z.object({
  query: param.text(),
  year: param.listYear(),
  regionId: param.id(),
  level: param.oneOf(LEVEL_CODES),
  sort: param.sort(['region'], 'region'),
  dir: param.dir(),
  page: param.page(),
});

const LEVEL_COLORS: Record<ModelSiteLevel, string> = { county: 'blue', city: 'grape', province: 'red' };

export function LevelBadge({ level }: { level: ModelSiteLevel }) {
  return (
    <Badge variant="light" color={LEVEL_COLORS[level]} style={{ flexShrink: 0, overflow: 'visible' }}>
      {labelOf(MODEL_SITE_LEVELS, level)}
    </Badge>
  );
}

/** 有效, or the year it was revoked. */
export function SiteStatus({ row }: { row: ModelSiteRow }) {
  return row.revokedYear == null ? (
    <Badge color="green" variant="light" style={{ overflow: 'visible' }}>
      有效
    </Badge>
  ) : (
    <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
      {row.revokedYear}年撤销
    </Text>
  );
}

export function removeSite(row: ModelSiteRow) {
  confirmDelete({
    title: '删除示范点命名',
    name: `${row.partyOrgName} ${row.year}年${labelOf(MODEL_SITE_LEVELS, row.level)}示范点`,
    body: `确定删除“${row.partyOrgName}”${row.year}年的${labelOf(MODEL_SITE_LEVELS, row.level)}示范点命名吗？只删除误登记的记录；已撤销（摘牌）的命名请填写撤销年度并保留。`,
    run: () => invoke('modelSites.delete', { id: row.id }),
    after: () => {},
  });
}

export function ModelSitesPage() {
  const list = useListState(searchSchema);
  const { year, regionId, level } = list.filters;
  const searchRef = useRef<HTMLInputElement>(null);
  const [dialog, setDialog] = useState<{ editing: ModelSiteRow | null } | null>(null);
  const { data, error } = useApi(
    'modelSites.list',
    {
      query: list.debounced || undefined,
      year: yearInput(year),
      regionId: regionId ? Number(regionId) : undefined,
      level,
    },
    { keepPrevious: true },
  );
  const canWrite = useCan('modelSites.create');
  usePageCommand('new', canWrite ? () => setDialog({ editing: null }) : null);
  usePageCommand('search', () => searchRef.current?.focus());
  const rows = data ?? [];
  const inForce = rows.filter((r) => r.inForce);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>示范点与品牌</Title>
        {canWrite && (
          <Button onClick={() => setDialog({ editing: null })} title="Ctrl+N">
            登记示范点命名
          </Button>
        )}
      </Group>
      <Group align="flex-end" gap="sm">
        <ListSearch
          ref={searchRef}
          initial={list.values.query}
          onSearch={list.setQuery}
          placeholder="党组织、书记、品牌或拼音首字母（Ctrl+F）"
          width={320}
        />
        <SiteFilters year={year} regionId={regionId} level={level} setFilter={list.setFilter} />
        {data && (
          <Text size="sm" c="dimmed" mb={8}>
            共 {rows.length} 条命名{year !== ALL_YEARS ? '' : `，今年有效 ${inForce.length} 条`}，其中党建品牌{' '}
            {rows.filter((r) => r.brandName).length} 个、五星创建 {rows.filter((r) => r.fiveStar).length} 个
          </Text>
        )}
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">没有符合条件的示范点命名</Text>
      ) : (
        <Table striped withTableBorder highlightOnHover styles={ledgerTableStyles} className="ledger-table" data-testid="model-sites-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>属地</Table.Th>
              <Table.Th>党组织名称</Table.Th>
              <Table.Th>命名级别</Table.Th>
              <Table.Th>命名年度</Table.Th>
              <Table.Th>党建品牌</Table.Th>
              <Table.Th>五星创建</Table.Th>
              <Table.Th>命名文号</Table.Th>
              <Table.Th>状态</Table.Th>
              {canWrite && <Table.Th>操作</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.regionName}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/party-orgs/${r.partyOrgId}`}>
                    {r.partyOrgName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <LevelBadge level={r.level} />
                </Table.Td>
                <Table.Td>{r.year}年</Table.Td>
                <Table.Td>{r.brandName ?? '—'}</Table.Td>
                <Table.Td>{r.fiveStar ? '是' : '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.documentNo ?? '—'}</Table.Td>
                <Table.Td>
                  <SiteStatus row={r} />
                </Table.Td>
                {canWrite && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="subtle" onClick={() => setDialog({ editing: r })}>
                        编辑
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => removeSite(r)}>
                        删除
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {dialog && <ModelSiteDialog editing={dialog.editing} partyOrg={null} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

type SetFilter = ReturnType<typeof useListState<z.output<typeof searchSchema>>>['setFilter'];

const SiteFilters = memo(function SiteFilters(p: {
  year: string;
  regionId: string | undefined;
  level: ModelSiteLevel | undefined;
  setFilter: SetFilter;
}) {
  return (
    <>
      <YearFilter
        value={p.year}
        onChange={(v) => p.setFilter('year', v)}
        years={siteYears()}
        allLabel="全部（含已撤销）"
        description={p.year !== ALL_YEARS ? '该年度有效的命名' : undefined}
        w={160}
      />
      <RegionSelect
        label="属地"
        placeholder="全部属地"
        value={p.regionId ?? null}
        onChange={(v) => p.setFilter('regionId', v ?? undefined)}
        clearable
        w={170}
      />
      <Select
        label="命名级别"
        placeholder="全部级别"
        data={options(MODEL_SITE_LEVELS)}
        value={p.level ?? null}
        onChange={(v) => p.setFilter('level', (v as ModelSiteLevel | null) ?? undefined)}
        clearable
        w={130}
      />
    </>
  );
});
