/** The overview's count of overdue cases (deadline passed, not accepted), opening the filtered list. */
import { Card, Group, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useApi } from '../queries';

export function OverdueCard() {
  const navigate = useNavigate();
  const { data } = useApi('cases.stats', {});
  return (
    <Card withBorder style={{ cursor: 'pointer' }} onClick={() => navigate('/cases?overdue=1')} title="查看逾期的整顿对象">
      <Text size="sm" c="dimmed">
        软弱涣散整顿
      </Text>
      <Group gap="xs" align="baseline">
        <Text fw={700} size="xl" c={data && data.overdue > 0 ? 'red' : undefined} data-testid="overdue-count">
          {data ? data.overdue : '—'}
        </Text>
        <Text size="sm">个逾期未验收</Text>
      </Group>
      <Text size="xs" c="dimmed">
        {data
          ? `整顿中 ${data.byState.rectifying + data.byState.identified} · 已验收 ${data.byState.accepted} · 已销号 ${data.byState.delisted}`
          : ''}
      </Text>
    </Card>
  );
}
