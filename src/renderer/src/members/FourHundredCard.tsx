/** 四个100% on the overview: each target's n / d against 100 %, opening the list of what misses it. */
import { Card, Group, Progress, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router';
import { FOUR_HUNDRED } from '../../../shared/domain/fourHundredCodes';
import { Loading } from '../common';
import { useApi } from '../queries';

export function FourHundredCard() {
  const navigate = useNavigate();
  const { data, error } = useApi('stats.fourHundred', {});
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>四个100%（{data?.year ?? ''}年度）</Title>
        <Text size="xs" c="dimmed">
          点击一项查看未达标的组织
        </Text>
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <SimpleGrid cols={{ base: 2, lg: 4 }}>
          {FOUR_HUNDRED.map((t) => {
            const r = data[t.code];
            const full = r.d === 0 || r.n === r.d;
            return (
              <UnstyledButton
                key={t.code}
                onClick={() => navigate(`/four-hundred?which=${t.code}`)}
                data-testid={`four-${t.code}`}
                // A button centres its content: the four figures stay level though one has a note below.
                style={{ alignSelf: 'start' }}
              >
                <Stack gap={4}>
                  <Text size="sm" c="dimmed">
                    {t.label}
                  </Text>
                  <Text fw={700} size="lg" style={{ whiteSpace: 'nowrap' }}>
                    {r.n} / {r.d} = {r.rate == null ? '—' : `${r.rate.toFixed(2)}%`}
                  </Text>
                  <Progress value={r.rate ?? 100} color={full ? 'green' : 'orange'} aria-label={`${t.short}，目标100%`} />
                  <Text size="xs" c={full ? 'green' : 'orange'}>
                    {full ? '已达到100%' : `距100%差${r.d - r.n}个`}
                  </Text>
                  {t.code === 'rated' && (
                    // The rating is made at the year's end: until then last year's stands (the 年度统计表 counts this year's only).
                    <Text size="xs" c="dimmed">
                      按最近一次星级评定：{data.year}年度未评定的，看{data.year - 1}年度
                    </Text>
                  )}
                </Stack>
              </UnstyledButton>
            );
          })}
        </SimpleGrid>
      )}
    </Card>
  );
}
