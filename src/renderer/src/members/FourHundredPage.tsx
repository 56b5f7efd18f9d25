/** What misses one of the 四个100%, by region, each with why: the list a clerk works through. */
import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { z } from 'zod';
import { codesOf } from '../../../shared/domain/codes';
import { FOUR_HUNDRED } from '../../../shared/domain/fourHundredCodes';
import { Loading } from '../common';
import { param, useSearchState } from '../listState';
import { useApi } from '../queries';
import { RegionSelect } from '../RegionSelect';

const searchSchema = z.object({
  which: z.enum(codesOf(FOUR_HUNDRED)).catch('build'),
  regionId: param.id(),
});

export function FourHundredPage() {
  const [params, update] = useSearchState(searchSchema);
  const regionId = params.regionId ? Number(params.regionId) : undefined;
  const stats = useApi('stats.fourHundred', { regionId });
  const { data, error } = useApi('stats.fourHundredMisses', { which: params.which, regionId }, { keepPrevious: true });
  const target = FOUR_HUNDRED.find((t) => t.code === params.which) ?? FOUR_HUNDRED[0];
  const r = stats.data?.[params.which];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>四个100%未达标清单</Title>
        <Button variant="default" onClick={() => window.print()}>
          打印
        </Button>
      </Group>
      <Group align="flex-end">
        <SegmentedControl
          value={params.which}
          onChange={(v) => update({ which: v as typeof params.which })}
          data={FOUR_HUNDRED.map((t) => ({ value: t.code, label: t.short }))}
        />
        <RegionSelect
          label="属地"
          placeholder="全部属地"
          clearable
          value={params.regionId ?? null}
          onChange={(v) => update({ regionId: v ?? undefined })}
        />
      </Group>
      <Text>
        {target.label}：{r ? `${r.n} / ${r.d} = ${r.rate == null ? '—' : `${r.rate.toFixed(2)}%`}` : ''}
        {data ? `，未达标 ${data.length} 个` : ''}
      </Text>
      {!data ? (
        <Loading error={error} />
      ) : data.length === 0 ? (
        <Text c="green">全部达标</Text>
      ) : (
        <Table striped withTableBorder data-testid="four-misses">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>序号</Table.Th>
              <Table.Th>{params.which === 'rated' ? '党组织名称' : '两新组织名称'}</Table.Th>
              <Table.Th>属地</Table.Th>
              <Table.Th ta="right">正式党员</Table.Th>
              <Table.Th>未达标原因</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((m, i) => (
              <Table.Tr key={`${m.kind}${m.id}`}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={m.kind === 'org' ? `/orgs/${m.id}` : `/party-orgs/${m.id}`}>
                    {m.name}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{m.regionName}</Table.Td>
                <Table.Td ta="right">{m.formalMembers}</Table.Td>
                <Table.Td>{m.why}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
