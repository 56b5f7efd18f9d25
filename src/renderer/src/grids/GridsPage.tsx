/**
 * 网格化管理: each 区域化“1+N”党支部 with its grids (新增 / 编辑 in a dialog, 删除 confirmed), filtered by
 * region and searched by grid, branch or instructor name (Ctrl+F); above them the “四个一” of every
 * branch with the unmet ones marked.
 */
import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import type { GridListRow } from '../../../shared/records/grids';
import { usePageCommand } from '../commands';
import { Loading } from '../common';
import { ListSearch } from '../ListSearch';
import { param, useListState } from '../listState';
import { useApi } from '../queries';
import { RegionSelect } from '../RegionSelect';
import { useCan } from '../session';
import { GridDialog } from './GridDialog';
import { FourChecksTable, GridTable } from './GridTables';

const searchSchema = z.object({
  query: param.text(),
  regionId: param.id(),
  sort: param.sort(['id'], 'id'),
  dir: param.dir(),
  page: param.page(),
});

export function GridsPage() {
  const list = useListState(searchSchema);
  const regionId = list.filters.regionId ? Number(list.filters.regionId) : undefined;
  const searchRef = useRef<HTMLInputElement>(null);
  const [adding, setAdding] = useState<{ partyOrgId: number | null } | null>(null);
  const grids = useApi('grids.list', { regionId, query: list.debounced || undefined }, { keepPrevious: true });
  const checks = useApi('grids.fourChecks', { regionId }, { keepPrevious: true });
  const canWrite = useCan('grids.create');
  usePageCommand('new', canWrite ? () => setAdding({ partyOrgId: null }) : null);
  usePageCommand('search', () => searchRef.current?.focus());

  // Branches in the order the core lists them (by region), each with its grids.
  const branches = new Map<number, GridListRow[]>();
  for (const g of grids.data ?? []) branches.set(g.partyOrgId, [...(branches.get(g.partyOrgId) ?? []), g]);
  const unmet = checks.data?.rows.filter((r) => !r.checks.allMet).length ?? 0;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>网格化管理（区域化“1+N”）</Title>
        <Group>
          <Button variant="default" component={Link} to="/reports?report=grids">
            网格化管理台账
          </Button>
          {canWrite && (
            <Button onClick={() => setAdding({ partyOrgId: null })} title="Ctrl+N">
              新增网格
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-end" gap="sm">
        <ListSearch
          ref={searchRef}
          initial={list.values.query}
          onSearch={list.setQuery}
          placeholder="网格、支部、指导员或拼音首字母（Ctrl+F）"
          width={320}
        />
        <RegionSelect
          label="属地"
          placeholder="全部属地"
          clearable
          value={list.filters.regionId ?? null}
          onChange={(v) => list.setFilter('regionId', v ?? undefined)}
          w={200}
        />
      </Group>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={4}>区域党支部“四个一”</Title>
          {checks.data && (
            <Text size="sm" c="dimmed">
              恳谈会按{checks.data.quarter.label}（{checks.data.quarter.from}至{checks.data.quarter.to}）查看；
              {unmet ? `${unmet}个支部未全部达标` : '全部达标'}
            </Text>
          )}
        </Group>
        {checks.data ? <FourChecksTable rows={checks.data.rows} /> : <Loading error={checks.error} />}
      </Card>
      {!grids.data ? (
        <Loading error={grids.error} />
      ) : (
        <>
          <Text size="sm">
            共 {grids.data.length} 个网格，{branches.size} 个区域党支部
          </Text>
          {[...branches].map(([partyOrgId, rows]) => (
            <Card withBorder key={partyOrgId}>
              <Group justify="space-between" mb="sm">
                <Group gap="xs">
                  <Anchor component={Link} to={`/party-orgs/${partyOrgId}`} fw={600}>
                    {rows[0]?.partyOrgName}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {rows[0]?.regionName}
                  </Text>
                </Group>
                {canWrite && (
                  <Button size="xs" variant="light" onClick={() => setAdding({ partyOrgId })}>
                    在此支部新增网格
                  </Button>
                )}
              </Group>
              <GridTable grids={rows} />
            </Card>
          ))}
        </>
      )}
      {adding && <GridDialog editing={null} partyOrgId={adding.partyOrgId} onClose={() => setAdding(null)} />}
    </Stack>
  );
}
