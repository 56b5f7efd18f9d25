/**
 * 操作日志: every write with its before / after side by side, changed fields highlighted. A record's
 * page links here with `?entity=…&entityId=…`.
 */
import { Badge, Button, Card, Checkbox, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { z } from 'zod';
import {
  ANNUAL_CHECK_RESULTS,
  CASE_STATES,
  type CodeTable,
  FORMATION_METHODS,
  labelOf,
  MANAGEMENT_CLASSES,
  ORG_CATEGORIES,
  ORG_STATUSES,
  ORG_SUBTYPES,
  PARTY_ORG_TYPES,
  REGION_KINDS,
} from '../../../shared/domain/codes';
import { isValidDate } from '../../../shared/rules/dates';
import { FIELD_LABELS } from '../../../shared/schemas';
import type { AuditEntry } from '../../../shared/types';
import { Loading } from '../common';
import { DateField } from '../DateField';
import { formatStamp } from '../ledgerBits';
import { param, useSearchState } from '../listState';
import { useApi, useRegions } from '../queries';

/** A day in the address; anything else is dropped. */
const isoDay = z.string().refine(isValidDate).optional().catch(undefined);

const ENTITIES: Record<string, string> = {
  org: '两新组织',
  partyOrg: '党组织',
  instructor: '指导员',
  assignment: '指导员选派',
  region: '属地',
  settings: '设置',
  case: '整顿对象',
  class: '分类定级',
  rating: '星级评定',
  exchange: '数据交换',
};
const ACTIONS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  end: '结束',
  reorder: '调整顺序',
  plan: '制定方案',
  progress: '记录进展',
  accept: '验收',
  delist: '销号',
  reopen: '重新整顿',
  set: '设定',
  exchange: '交换导入',
  export: '导出',
};
const PAGE = 30;

/** Coded fields shown by their Chinese labels. */
const CODED: Record<string, CodeTable<string>> = {
  category: ORG_CATEGORIES,
  subtype: ORG_SUBTYPES,
  status: ORG_STATUSES,
  annualCheck: ANNUAL_CHECK_RESULTS,
  type: PARTY_ORG_TYPES,
  method: FORMATION_METHODS,
  kind: REGION_KINDS,
  class: MANAGEMENT_CLASSES,
  state: CASE_STATES,
};

function show(key: string, v: unknown, regions: Map<number, string>): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (key === 'regionId' && typeof v === 'number') return regions.get(v) ?? String(v);
  if (typeof v === 'string' && CODED[key]) return labelOf(CODED[key], v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function Diff({ entry, regions }: { entry: AuditEntry; regions: Map<number, string> }) {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const [all, setAll] = useState(false);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const isChanged = (k: string) => JSON.stringify(before[k]) !== JSON.stringify(after[k]);
  // An update shows what changed; 新增 and 删除 show the whole record.
  const shown = all || entry.before == null || entry.after == null ? keys : keys.filter(isChanged);
  return (
    <>
      {entry.before != null && entry.after != null && (
        <Checkbox
          size="xs"
          mb="xs"
          label={`显示全部项目（共 ${keys.length} 项，改动 ${keys.filter(isChanged).length} 项）`}
          checked={all}
          onChange={(e) => setAll(e.currentTarget.checked)}
        />
      )}
      <Table withTableBorder fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={160}>项目</Table.Th>
            <Table.Th>修改前</Table.Th>
            <Table.Th>修改后</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((k) => {
            const changed = isChanged(k);
            return (
              <Table.Tr key={k} bg={changed ? 'yellow.1' : undefined} data-changed={changed || undefined}>
                <Table.Td fw={changed ? 700 : undefined}>{FIELD_LABELS[k] ?? k}</Table.Td>
                <Table.Td>{entry.before == null ? '' : show(k, before[k], regions)}</Table.Td>
                <Table.Td>{entry.after == null ? '' : show(k, after[k], regions)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}

const searchSchema = z.object({
  entity: z.string().max(30).optional().catch(undefined),
  entityId: param.id(),
  action: z.string().max(30).optional().catch(undefined),
  from: isoDay,
  to: isoDay,
  page: param.page(),
});

export function AuditPage() {
  const [params, update] = useSearchState(searchSchema);
  const filters = {
    entity: params.entity ?? null,
    entityId: params.entityId ?? null,
    action: params.action ?? null,
    from: params.from ?? null,
    to: params.to ?? null,
  };
  const page = params.page;
  const setPage = (p: number) => update({ page: p });
  const [open, setOpen] = useState<number | null>(null);
  const regionList = useRegions();
  const regions = new Map((regionList.data ?? []).map((r) => [r.id, r.name]));
  const { data, error } = useApi(
    'audit.list',
    {
      entity: filters.entity ?? undefined,
      entityId: filters.entityId ? Number(filters.entityId) : undefined,
      action: filters.action ?? undefined,
      from: filters.from ?? undefined,
      to: filters.to ?? undefined,
      offset: (page - 1) * PAGE,
      limit: PAGE,
    },
    { keepPrevious: true },
  );
  const set = (k: keyof typeof filters, v: string | null) => {
    // Another kind of record: a record number from the old kind means nothing.
    update({ [k]: v ?? undefined, page: 1, ...(k === 'entity' ? { entityId: undefined } : {}) });
  };
  return (
    <Stack>
      <Title order={2}>操作日志</Title>
      <Group align="flex-end">
        <Select
          label="对象"
          placeholder="全部"
          data={Object.entries(ENTITIES).map(([value, label]) => ({ value, label }))}
          value={filters.entity}
          onChange={(v) => set('entity', v)}
          clearable
          w={160}
        />
        <Select
          label="操作"
          placeholder="全部"
          data={Object.entries(ACTIONS).map(([value, label]) => ({ value, label }))}
          value={filters.action}
          onChange={(v) => set('action', v)}
          clearable
          w={140}
        />
        <DateField label="起始日期" placeholder="2026-11-01" value={filters.from} onChange={(v) => set('from', v)} w={140} />
        <DateField label="截止日期" placeholder="2026-11-30" value={filters.to} onChange={(v) => set('to', v)} w={140} />
        <TextInput
          label="记录编号"
          placeholder="全部"
          value={filters.entityId ?? ''}
          onChange={(e) => set('entityId', /^\d+$/.test(e.currentTarget.value) ? e.currentTarget.value : null)}
          w={110}
        />
        {filters.entityId != null && (
          <Badge size="lg" variant="light">
            仅看编号 {filters.entityId} 的记录
          </Badge>
        )}
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <Card withBorder p={0}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>时间</Table.Th>
                <Table.Th>操作人</Table.Th>
                <Table.Th>对象</Table.Th>
                <Table.Th>编号</Table.Th>
                <Table.Th>操作</Table.Th>
                <Table.Th>名称</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r) => {
                const name = ((r.after ?? r.before) as { name?: string } | null)?.name;
                return [
                  <Table.Tr key={r.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatStamp(r.at)}</Table.Td>
                    <Table.Td>{r.actor}</Table.Td>
                    <Table.Td>{ENTITIES[r.entity] ?? r.entity}</Table.Td>
                    <Table.Td>{r.entityId}</Table.Td>
                    <Table.Td>{ACTIONS[r.action] ?? r.action}</Table.Td>
                    <Table.Td>{name ?? ''}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => setOpen(open === r.id ? null : r.id)}>
                        {open === r.id ? '收起' : '修改前后'}
                      </Button>
                    </Table.Td>
                  </Table.Tr>,
                  open === r.id && (
                    <Table.Tr key={`${r.id}-diff`}>
                      <Table.Td colSpan={7}>
                        <Diff entry={r} regions={regions} />
                      </Table.Td>
                    </Table.Tr>
                  ),
                ];
              })}
            </Table.Tbody>
          </Table>
          {data.total === 0 && (
            <Text c="dimmed" p="md">
              没有记录
            </Text>
          )}
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed">
              共 {data.total} 条
            </Text>
            <Pagination total={Math.max(1, Math.ceil(data.total / PAGE))} value={page} onChange={setPage} />
          </Group>
        </Card>
      )}
    </Stack>
  );
}
