/** A party organization's page: its 组织生活 提醒, its latest activities and 登记. */
import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ACTIVITY_GAPS, ACTIVITY_KINDS } from '../../../shared/domain/activityCodes';
import { labelOf } from '../../../shared/domain/codes';
import type { Activity } from '../../../shared/records/activities';
import { FlagReasons } from '../ledgerBits';
import { useApi } from '../queries';
import { useCan } from '../session';
import { ActivityDialog } from './ActivityDialog';
import { attendanceText, deleteActivity } from './activityBits';

const SHOWN = 8;

export function PartyOrgActivities({ partyOrg }: { partyOrg: { id: number; name: string } }) {
  const list = useApi('activities.list', { partyOrgId: partyOrg.id, limit: SHOWN });
  const gaps = useApi('activities.gaps', { partyOrgId: partyOrg.id });
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  const canWrite = useCan('activities.create');
  return (
    <Card withBorder data-testid="party-org-activities">
      <Group justify="space-between" mb="sm">
        <Title order={4}>组织生活{list.data ? `（共 ${list.data.total} 次）` : ''}</Title>
        <Group>
          {list.data && list.data.total > SHOWN && (
            <Anchor component={Link} to={`/activities?partyOrgId=${partyOrg.id}`} size="sm">
              全部记录
            </Anchor>
          )}
          {canWrite && (
            <Button variant="default" onClick={() => setEditing('new')}>
              登记组织生活
            </Button>
          )}
        </Group>
      </Group>
      <Stack gap="sm">
        {gaps.data && gaps.data.length > 0 && <FlagReasons flags={gaps.data} table={ACTIVITY_GAPS} />}
        {list.data?.rows.length === 0 && <Text c="dimmed">还没有登记组织生活。</Text>}
        {list.data && list.data.rows.length > 0 && (
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>日期</Table.Th>
                <Table.Th>类型</Table.Th>
                <Table.Th>主题</Table.Th>
                <Table.Th>应到 / 实到</Table.Th>
                {canWrite && <Table.Th>操作</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.rows.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{a.date}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{labelOf(ACTIVITY_KINDS, a.kind)}</Table.Td>
                  <Table.Td>{a.topic ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{attendanceText(a)}</Table.Td>
                  {canWrite && (
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(a)}>
                        编辑
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => deleteActivity(a)}>
                        删除
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {editing && <ActivityDialog editing={editing === 'new' ? null : editing} partyOrg={partyOrg} onClose={() => setEditing(null)} />}
    </Card>
  );
}
