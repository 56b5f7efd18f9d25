/** The grid as the other records' pages show it: a 区域党支部's grids and “四个一”, an organization's grid, an instructor's grids. */
import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../queries';
import { useCan } from '../session';
import { GridDialog } from './GridDialog';
import { FourChecksTable, GridTable } from './GridTables';

/** On a 区域化“1+N”党支部's page: its grids, 新增网格, and its “四个一”. */
export function BranchGridsSection({ partyOrgId }: { partyOrgId: number }) {
  const grids = useApi('grids.list', { partyOrgId });
  const checks = useApi('grids.fourChecks', {});
  const [adding, setAdding] = useState(false);
  const canWrite = useCan('grids.create');
  const own = checks.data?.rows.filter((r) => r.partyOrgId === partyOrgId) ?? [];
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>网格（{grids.data?.length ?? 0} 个）</Title>
        {canWrite && (
          <Button size="xs" variant="default" onClick={() => setAdding(true)}>
            新增网格
          </Button>
        )}
      </Group>
      <Stack>
        {grids.data && <GridTable grids={grids.data} />}
        {checks.data && (
          <>
            <Text size="sm" fw={500}>
              “四个一”（恳谈会按{checks.data.quarter.label}查看）
            </Text>
            <FourChecksTable rows={own} withBranch={false} />
          </>
        )}
      </Stack>
      {adding && <GridDialog editing={null} partyOrgId={partyOrgId} onClose={() => setAdding(false)} />}
    </Card>
  );
}

/** On an organization's page: the grid it is in, if any. */
export function OrgGridLine({ orgId }: { orgId: number }) {
  const { data } = useApi('grids.list', { orgId });
  const g = data?.[0];
  if (!g) return null;
  return (
    <Text size="sm" mt="xs">
      所在网格：
      <Anchor component={Link} to={`/party-orgs/${g.partyOrgId}`}>
        {g.partyOrgName}
      </Anchor>
      “{g.name}”{g.instructorName ? `，网格指导员${g.instructorName}` : '，尚未配备网格指导员'}
    </Text>
  );
}

/** On an instructor's page: the grids they look after. */
export function InstructorGridsLine({ instructorId }: { instructorId: number }) {
  const { data } = useApi('grids.list', { instructorId });
  if (!data?.length) return null;
  return (
    <Text size="sm" mt="sm">
      负责的网格：
      {data.map((g, i) => (
        <span key={g.id}>
          {i > 0 && '、'}
          <Anchor component={Link} to={`/party-orgs/${g.partyOrgId}`}>
            {g.partyOrgName}“{g.name}”
          </Anchor>
        </span>
      ))}
    </Text>
  );
}
