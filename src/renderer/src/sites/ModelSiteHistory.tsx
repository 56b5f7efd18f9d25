/** A party organization's 示范点 designations, revoked ones included, on its page; 登记 from here too. */
import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ModelSiteRow } from '../../../shared/records/modelSites';
import { useApi } from '../queries';
import { useCan } from '../session';
import { ModelSiteDialog } from './ModelSiteDialog';
import { LevelBadge, removeSite, SiteStatus } from './ModelSitesPage';

export function ModelSiteHistory({ partyOrg }: { partyOrg: { id: number; name: string } }) {
  const { data } = useApi('modelSites.list', { partyOrgId: partyOrg.id });
  const [dialog, setDialog] = useState<{ editing: ModelSiteRow | null } | null>(null);
  const canWrite = useCan('modelSites.create');
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>示范点与品牌</Title>
        {canWrite && (
          <Button size="xs" variant="default" onClick={() => setDialog({ editing: null })}>
            登记命名
          </Button>
        )}
      </Group>
      {!data?.length ? (
        <Text c="dimmed">尚未命名为示范点</Text>
      ) : (
        <Table data-testid="model-site-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>命名年度</Table.Th>
              <Table.Th>命名级别</Table.Th>
              <Table.Th>党建品牌</Table.Th>
              <Table.Th>五星创建</Table.Th>
              <Table.Th>命名文号</Table.Th>
              <Table.Th>状态</Table.Th>
              {canWrite && <Table.Th>操作</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.year}年</Table.Td>
                <Table.Td>
                  <LevelBadge level={r.level} />
                </Table.Td>
                <Table.Td>{r.brandName ?? '—'}</Table.Td>
                <Table.Td>{r.fiveStar ? '是' : '—'}</Table.Td>
                <Table.Td>{r.documentNo ?? '—'}</Table.Td>
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
      {dialog && <ModelSiteDialog editing={dialog.editing} partyOrg={partyOrg} onClose={() => setDialog(null)} />}
    </Card>
  );
}
