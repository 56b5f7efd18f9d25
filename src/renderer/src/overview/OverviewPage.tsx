/** 概览: the four rates for the county and per region, each as `numerator / denominator = rate`. */
// The charts' styles come with the only page that draws charts, not in the first screen's stylesheet.
import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { Card, ColorSwatch, Grid, Group, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router';
import { CASE_STATES } from '../../../shared/domain/codes';
import { type CoverageFigures, formatRatio, type Ratio } from '../../../shared/rules/coverage';
import { caseStateCounts, OverdueCard, overviewYear } from '../cases/OverdueCard';
import { Loading } from '../common';
import { FourHundredCard } from '../members/FourHundredCard';
import { useApi, useSettings } from '../queries';

const RATES: { key: 'orgCoverage' | 'workCoverage' | 'singleRate' | 'buildRate'; label: string; hint: string }[] = [
  { key: 'orgCoverage', label: '组织覆盖率', hint: '单独组建与联合·挂靠·区域覆盖 ÷ 纳入统计' },
  { key: 'workCoverage', label: '工作覆盖率', hint: '组织覆盖与仅有指导员 ÷ 纳入统计' },
  { key: 'singleRate', label: '单独组建率', hint: '单独组建 ÷ 纳入统计' },
  { key: 'buildRate', label: '应建尽建率', hint: '3名以上正式党员中已单独组建 ÷ 应建' },
];

function RateCard({ label, hint, ratio, testId }: { label: string; hint: string; ratio: Ratio; testId: string }) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
        {formatRatio(ratio)}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Card>
  );
}

const pct = (r: Ratio) => r.rate ?? 0;

/** The pie's colour for each case state, in CASE_STATES order. */
const STATE_COLORS = ['orange.6', 'red.6', 'blue.6', 'green.6'];

export function OverviewPage() {
  const navigate = useNavigate();
  const settings = useSettings();
  const { data, error } = useApi('stats.coverage', {});
  const cases = useApi('cases.stats', { year: overviewYear() });
  if (!data) return <Loading error={error} />;
  const county: CoverageFigures = data.county;
  return (
    <Stack>
      <Group justify="space-between" align="baseline">
        <Title order={2}>{settings.data?.countyName ?? ''}两新组织党建概览</Title>
        <Text size="sm" c="dimmed">
          统计截至 {data.asOf} · 两新组织 {county.total} 个，纳入统计 {county.inScope} 个
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, lg: 5 }}>
        {RATES.map((r) => (
          <RateCard key={r.key} label={r.label} hint={r.hint} ratio={county[r.key]} testId={`rate-${r.key}`} />
        ))}
        <OverdueCard />
      </SimpleGrid>
      <FourHundredCard />
      <Card withBorder>
        <Title order={4} mb="sm">
          各属地覆盖情况
        </Title>
        <Table striped highlightOnHover withTableBorder styles={{ th: { whiteSpace: 'nowrap' } }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>属地</Table.Th>
              <Table.Th ta="right">纳入统计</Table.Th>
              <Table.Th ta="right">单独组建</Table.Th>
              <Table.Th ta="right">联合等覆盖</Table.Th>
              <Table.Th ta="right">仅工作覆盖</Table.Th>
              <Table.Th ta="right">未覆盖</Table.Th>
              {RATES.map((r) => (
                <Table.Th key={r.key} ta="right">
                  {r.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.regions.map((r) => (
              <Table.Tr
                key={r.regionId}
                style={{ cursor: 'pointer' }}
                onClick={() => navigate(`/orgs?regionId=${r.regionId}`)}
                title={`查看${r.regionName}的两新组织`}
              >
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.regionName}</Table.Td>
                <Table.Td ta="right">{r.inScope}</Table.Td>
                <Table.Td ta="right">{r.single}</Table.Td>
                <Table.Td ta="right">{r.shared}</Table.Td>
                <Table.Td ta="right">{r.workOnly}</Table.Td>
                <Table.Td ta="right" c={r.none > 0 ? 'red' : undefined}>
                  {r.none}
                </Table.Td>
                {RATES.map((k) => (
                  <Table.Td key={k.key} ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatRatio(r[k.key])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Td>合计</Table.Td>
              <Table.Td ta="right">{county.inScope}</Table.Td>
              <Table.Td ta="right">{county.single}</Table.Td>
              <Table.Td ta="right">{county.shared}</Table.Td>
              <Table.Td ta="right">{county.workOnly}</Table.Td>
              <Table.Td ta="right">{county.none}</Table.Td>
              {RATES.map((k) => (
                <Table.Td key={k.key} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRatio(county[k.key])}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Card>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={4}>各属地覆盖率（%）</Title>
              <Text size="xs" c="dimmed">
                点击柱形打开该属地的两新组织党建工作台账
              </Text>
            </Group>
            <BarChart
              h={340}
              data={data.regions.map((r) => ({
                属地: r.regionName,
                组织覆盖率: pct(r.orgCoverage),
                工作覆盖率: pct(r.workCoverage),
                单独组建率: pct(r.singleRate),
              }))}
              dataKey="属地"
              yAxisProps={{ domain: [0, 100] }}
              // Every region named under its bars, slanted so that a dozen names fit side by side.
              xAxisProps={{ interval: 0, angle: -30, height: 80, tick: { fontSize: 12, fill: 'currentColor', textAnchor: 'end' } }}
              withLegend
              series={[
                { name: '组织覆盖率', color: 'red.6' },
                { name: '工作覆盖率', color: 'orange.5' },
                { name: '单独组建率', color: 'blue.6' },
              ]}
              barChartProps={{
                onClick: (state: { activeLabel?: string | number }) => {
                  const region = data.regions.find((r) => r.regionName === state?.activeLabel);
                  if (region) navigate(`/reports?report=orgs&regionId=${region.regionId}`);
                },
              }}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Card withBorder h="100%">
            <Title order={4} mb="sm">
              软弱涣散整顿对象（{overviewYear()}年度，按状态）
            </Title>
            {cases.data && cases.data.total > 0 ? (
              <DonutChart
                mx="auto"
                size={200}
                thickness={34}
                withLabels
                withLabelsLine
                chartLabel={`共 ${cases.data.total} 个`}
                data={caseStateCounts(cases.data.byState)
                  .map((st, i) => ({ name: st.label, value: st.count, color: STATE_COLORS[i] as string }))
                  .filter((d) => d.value > 0)}
                pieProps={{
                  onClick: (d: { name?: string }) => {
                    const st = CASE_STATES.find((x) => x.label === d?.name);
                    if (st) navigate(`/cases?state=${st.code}`);
                  },
                }}
              />
            ) : (
              <Text c="dimmed">暂无整顿对象</Text>
            )}
            <Group justify="center" gap="md" mt="sm" data-testid="case-states">
              {caseStateCounts(cases.data?.byState).map((st, i) => (
                <UnstyledButton key={st.code} onClick={() => navigate(`/cases?state=${st.code}`)}>
                  <Group gap={6} wrap="nowrap">
                    <ColorSwatch size={12} color={`var(--mantine-color-${STATE_COLORS[i]?.replace('.', '-')})`} />
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {st.label} {st.count}
                    </Text>
                  </Group>
                </UnstyledButton>
              ))}
            </Group>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
