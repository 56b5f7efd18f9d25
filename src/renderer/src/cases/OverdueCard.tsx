/** The overview's count of overdue cases (deadline passed, not accepted), opening the filtered list. */
import { Card, Group, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { CASE_STATES, type CaseState } from '../../../shared/domain/codes';
import { todayText } from '../DateField';
import { useApi } from '../queries';

/**
 * The year the overview counts: this year's cases and the earlier ones still open (the 整顿台账's
 * rule), so a case delisted last year no longer swells 已销号.
 */
export const overviewYear = () => Number(todayText().slice(0, 4));

/** The four states with their counts, as both this card and the overview's pie name them. */
export function caseStateCounts(byState: Record<CaseState, number> | undefined) {
  return CASE_STATES.map((st) => ({ code: st.code, label: st.label, count: byState?.[st.code] ?? 0 }));
}

export function OverdueCard() {
  const navigate = useNavigate();
  const year = overviewYear();
  const { data } = useApi('cases.stats', { year });
  return (
    <Card withBorder style={{ cursor: 'pointer' }} onClick={() => navigate('/cases?overdue=1')} title="查看逾期的整顿对象">
      <Text size="sm" c="dimmed">
        软弱涣散整顿（{year}年度）
      </Text>
      <Group gap="xs" align="baseline" wrap="nowrap">
        <Text fw={700} size="xl" c={data && data.overdue > 0 ? 'red' : undefined} data-testid="overdue-count">
          {data ? data.overdue : '—'}
        </Text>
        <Text size="sm">个逾期未验收</Text>
      </Group>
      <Text size="xs" c="dimmed">
        {data
          ? caseStateCounts(data.byState)
              .map((s) => `${s.label} ${s.count}`)
              .join(' · ')
          : ''}
      </Text>
    </Card>
  );
}
