/**
 * 组织生活: every recorded 三会一课, 主题党日, 恳谈会… newest first, by year, region and kind, searched by
 * party organization (name, initials, 书记) or topic on Ctrl+F; 登记 on Ctrl+N; the 提醒 above the list.
 */
import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { memo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { ACTIVITY_KINDS } from '../../../shared/domain/activityCodes';
import { codesOf, labelOf } from '../../../shared/domain/codes';
import type { Activity } from '../../../shared/records/activities';
import { usePageCommand } from '../commands';
import { Loading } from '../common';
import { ListSearch } from '../ListSearch';
import { RegionSelect } from '../RegionSelect';
import { useCan } from '../session';
import '../ledgerTable.css';
import { ListFooter, ledgerTableStyles, options } from '../ledgerBits';
import { param, useListState } from '../listState';
import { useApi } from '../queries';
import { YearFilter, yearInput, yearLink } from '../YearFilter';
import { ActivityDialog } from './ActivityDialog';
import { ActivityGapsCard } from './ActivityGapsCard';
import { attendanceText, deleteActivity } from './activityBits';

const PAGE = 50;
const KIND_OPTIONS = options(ACTIVITY_KINDS);

const searchSchema = z.object({
  query: param.text(),
  year: param.listYear(),
  regionId: param.id(),
  kind: param.oneOf(codesOf(ACTIVITY_KINDS)),
  // Arrives from a party organization's page (全部记录).
  partyOrgId: param.id(),
  sort: param.sort(['date'], 'date'),
  dir: param.dir(),
  page: param.page(),
});

export function ActivitiesPage() {
  const list = useListState(searchSchema);
  const { year, regionId, kind, partyOrgId } = list.filters;
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const canWrite = useCan('activities.create');
  usePageCommand('new', canWrite ? () => setEditing('new') : null);
  usePageCommand('search', () => searchRef.current?.focus());
  const { data, error } = useApi(
    'activities.list',
    {
      query: list.debounced || undefined,
      year: yearInput(year),
      regionId: regionId ? Number(regionId) : undefined,
      kind,
      partyOrgId: partyOrgId ? Number(partyOrgId) : undefined,
      offset: (list.page - 1) * PAGE,
      limit: PAGE,
    },
    { keepPrevious: true },
  );
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>组织生活</Title>
        <Group>
          <Button variant="default" component={Link} to={`/reports?report=activities${yearLink(year)}`}>
            组织生活记录台账
          </Button>
          {canWrite && (
            <Button onClick={() => setEditing('new')} title="Ctrl+N">
              登记组织生活
            </Button>
          )}
        </Group>
      </Group>
      <ActivityGapsCard regionId={regionId ? Number(regionId) : undefined} />
      <Group align="flex-end" gap="sm">
        <ListSearch
          ref={searchRef}
          initial={list.values.query}
          onSearch={list.setQuery}
          placeholder="党组织名称、拼音首字母或活动主题（Ctrl+F）"
          width={300}
        />
        <YearFilter value={year} onChange={(v) => list.setFilter('year', v)} />
        <RegionSelect
          label="属地"
          placeholder="全部属地"
          value={regionId ?? null}
          onChange={(v) => list.setFilter('regionId', v ?? undefined)}
          clearable
          w={170}
        />
        <Select
          label="活动类型"
          placeholder="全部类型"
          data={KIND_OPTIONS}
          value={kind ?? null}
          onChange={(v) => list.setFilter('kind', (v as typeof kind) ?? undefined)}
          clearable
          w={150}
        />
        {partyOrgId && (
          <Button variant="subtle" mb={2} onClick={() => list.setFilter('partyOrgId', undefined)}>
            显示全部党组织
          </Button>
        )}
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <>
          <Text size="sm" data-testid="activity-total">
            共 {data.total} 次组织生活
          </Text>
          <ActivityTable rows={data.rows} onEdit={canWrite ? setEditing : null} />
          {data.total === 0 && <Text c="dimmed">没有符合条件的组织生活记录</Text>}
          <ListFooter page={list.page} pages={pages} pageSize={PAGE} onChange={list.setPage} />
        </>
      )}
      {editing && <ActivityDialog editing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

const ActivityTable = memo(function ActivityTable({ rows, onEdit }: { rows: Activity[]; onEdit: ((a: Activity) => void) | null }) {
  return (
    <Table striped highlightOnHover withTableBorder fz="sm" styles={ledgerTableStyles}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>日期</Table.Th>
          <Table.Th>党组织</Table.Th>
          <Table.Th>属地</Table.Th>
          <Table.Th>类型</Table.Th>
          <Table.Th>主题</Table.Th>
          <Table.Th>应到 / 实到</Table.Th>
          <Table.Th>地点</Table.Th>
          {onEdit && <Table.Th>操作</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((a) => (
          <Table.Tr key={a.id}>
            <td className="ledger-td" data-nowrap>
              {a.date}
            </td>
            <td className="ledger-td">
              <Anchor component={Link} to={`/party-orgs/${a.partyOrgId}`}>
                {a.partyOrgName}
              </Anchor>
            </td>
            <td className="ledger-td" data-nowrap>
              {a.regionName}
            </td>
            <td className="ledger-td" data-nowrap>
              {labelOf(ACTIVITY_KINDS, a.kind)}
            </td>
            <td className="ledger-td">{a.topic ?? '—'}</td>
            <td className="ledger-td" data-nowrap>
              {attendanceText(a)}
            </td>
            <td className="ledger-td">{a.place ?? '—'}</td>
            {onEdit && (
              <td className="ledger-td" data-nowrap>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" onClick={() => onEdit(a)}>
                    编辑
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => deleteActivity(a)}>
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
