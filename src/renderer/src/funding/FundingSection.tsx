/** 经费 on a party organization's page: its payments year by year with each year's sum, and 登记经费. */
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { FundingRecord } from '../../../shared/records/funding';
import { yuanText } from '../../../shared/rules/money';
import type { PickedPartyOrg } from '../PartyOrgPicker';
import { useApi } from '../queries';
import { useCan } from '../session';
import { FundingDialog } from './FundingDialog';
import { FundingTable } from './FundingPage';

export function FundingSection({ partyOrg }: { partyOrg: PickedPartyOrg }) {
  const { data } = useApi('funding.list', { partyOrgId: partyOrg.id, limit: 1000 });
  const [editing, setEditing] = useState<FundingRecord | 'new' | null>(null);
  const canWrite = useCan('funding.create');
  const years = [...new Set((data?.rows ?? []).map((r) => r.year))];
  return (
    <Card withBorder data-testid="funding-section">
      <Group justify="space-between" mb="sm">
        <Title order={4}>党建工作经费</Title>
        {canWrite && (
          <Button size="xs" variant="light" onClick={() => setEditing('new')}>
            登记经费
          </Button>
        )}
      </Group>
      {data && data.total === 0 && <Text c="dimmed">尚未登记经费</Text>}
      <Stack>
        {years.map((y) => {
          const rows = (data?.rows ?? []).filter((r) => r.year === y);
          return (
            <Stack key={y} gap={4}>
              <Text size="sm" fw={500}>
                {y}年度：{rows.length} 笔，合计 {yuanText(rows.reduce((s, r) => s + r.amountFen, 0))} 元
              </Text>
              <FundingTable rows={rows} onEdit={canWrite ? setEditing : null} showPartyOrg={false} />
            </Stack>
          );
        })}
      </Stack>
      {editing && <FundingDialog editing={editing === 'new' ? null : editing} partyOrg={partyOrg} onClose={() => setEditing(null)} />}
    </Card>
  );
}
