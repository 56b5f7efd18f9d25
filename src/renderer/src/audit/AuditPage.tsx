/**
 * 操作日志: every write named in Chinese — who, which record, what — with its before / after side by
 * side, changed fields highlighted. A record's page links here with `?entity=…&entityId=…`.
 */
import { Badge, Button, Card, Checkbox, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../../shared/audit/labels';
import { isValidDate } from '../../../shared/rules/dates';
import type { AuditEntry } from '../../../shared/types';
import { invoke } from '../api';
import { Loading, notifyError } from '../common';
import { allPages, saveCsv, toCsv } from '../csvExport';
import { DateField } from '../DateField';
import { formatStamp } from '../ledgerBits';
import { param, useSearchState } from '../listState';
import { useApi } from '../queries';

/** A day in the address; anything else is dropped. */
const isoDay = z.string().refine(isValidDate).optional().catch(undefined);

const PAGE = 30;

/** Minutes east of UTC on the clerk's clock on that day (the core turns the clerk's days into instants). */
function utcOffsetOn(day: string | undefined): number {
  const d = day ? new Date(`${day}T00:00:00`) : new Date();
  return -d.getTimezoneOffset();
}

function Diff({ entry }: { entry: AuditEntry }) {
  const [all, setAll] = useState(false);
  const both = entry.before != null && entry.after != null;
  const changed = entry.fields.filter((f) => f.changed);
  // An update shows what changed; 新增 and 删除 show the whole record.
  const shown = all || !both ? entry.fields : changed;
  return (
    <>
      {both && (
        <Checkbox
          size="xs"
          mb="xs"
          label={`显示全部项目（共 ${entry.fields.length} 项，改动 ${changed.length} 项）`}
          checked={all}
          onChange={(e) => setAll(e.currentTarget.checked)}
        />
      )}
      <Table withTableBorder fz="xs" data-testid="audit-diff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={160}>项目</Table.Th>
            <Table.Th w="40%">修改前</Table.Th>
            <Table.Th w="40%">修改后</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((f) => (
            <Table.Tr key={f.key} bg={f.changed ? 'yellow.1' : undefined} data-changed={f.changed || undefined}>
              <Table.Td fw={f.changed ? 700 : undefined}>{f.label}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{f.before ?? ''}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{f.after ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

const searchSchema = z.object({
  entity: param.oneOf(Object.keys(AUDIT_ENTITIES)),
  entityId: param.id(),
  action: param.oneOf(Object.keys(AUDIT_ACTIONS)),
  actor: param.id(),
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
    actor: params.actor ?? null,
    from: params.from ?? null,
    to: params.to ?? null,
  };
  const page = params.page;
  const setPage = (p: number) => update({ page: p });
  const [open, setOpen] = useState<number | null>(null);
  const query = {
    entity: filters.entity ?? undefined,
    entityId: filters.entityId ? Number(filters.entityId) : undefined,
    action: filters.action ?? undefined,
    actorUserId: filters.actor ? Number(filters.actor) : undefined,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
    utcOffset: utcOffsetOn(filters.from ?? filters.to ?? undefined),
  };
  const { data, error } = useApi('audit.list', { ...query, offset: (page - 1) * PAGE, limit: PAGE }, { keepPrevious: true });
  const [exporting, setExporting] = useState(false);
  const exportRows = async () => {
    setExporting(true);
    try {
      const rows = await allPages((offset, limit) => invoke('audit.list', { ...query, offset, limit }));
      await saveCsv(
        '操作日志.csv',
        toCsv(
          ['时间', '操作人', '对象', '名称', '操作', '改动项目'],
          rows.map((r) => [
            formatStamp(r.at),
            r.actorLabel,
            r.entityLabel,
            r.name,
            r.actionLabel,
            r.fields
              .filter((f) => f.changed)
              .map((f) => f.label)
              .join('、'),
          ]),
        ),
      );
    } catch (e) {
      notifyError(e, '导出未完成');
    } finally {
      setExporting(false);
    }
  };
  const set = (k: keyof typeof filters, v: string | null) => {
    // Another kind of record: a record number from the old kind means nothing.
    update({ [k]: v ?? undefined, page: 1, ...(k === 'entity' ? { entityId: undefined } : {}) });
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>操作日志</Title>
        <Button variant="default" onClick={exportRows} loading={exporting} disabled={!data?.total}>
          导出
        </Button>
      </Group>
      <Group align="flex-end">
        <Select
          label="操作人"
          placeholder="全部"
          data={(data?.actors ?? []).map((a) => ({ value: String(a.userId), label: a.label }))}
          value={filters.actor}
          onChange={(v) => set('actor', v)}
          clearable
          searchable
          nothingFoundMessage="没有这个操作人"
          w={180}
        />
        <Select
          label="对象"
          placeholder="全部"
          data={Object.entries(AUDIT_ENTITIES).map(([value, label]) => ({ value, label }))}
          value={filters.entity}
          onChange={(v) => set('entity', v)}
          clearable
          w={160}
        />
        <Select
          label="操作"
          placeholder="全部"
          data={Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))}
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
            仅看“{data?.rows[0]?.name || `编号${filters.entityId}`}”的记录
          </Badge>
        )}
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <Card withBorder p={0}>
          <Table highlightOnHover data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>时间</Table.Th>
                <Table.Th>操作人</Table.Th>
                <Table.Th w={100}>对象</Table.Th>
                <Table.Th>名称</Table.Th>
                <Table.Th>操作</Table.Th>
                <Table.Th w={100} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r) => {
                return [
                  <Table.Tr key={r.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatStamp(r.at)}</Table.Td>
                    <Table.Td>{r.actorLabel}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.entityLabel}</Table.Td>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.actionLabel}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Button size="xs" variant="subtle" onClick={() => setOpen(open === r.id ? null : r.id)}>
                        {open === r.id ? '收起' : '修改前后'}
                      </Button>
                    </Table.Td>
                  </Table.Tr>,
                  open === r.id && (
                    <Table.Tr key={`${r.id}-diff`}>
                      <Table.Td colSpan={6}>
                        <Diff entry={r} />
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
