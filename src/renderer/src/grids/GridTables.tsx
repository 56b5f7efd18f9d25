/**
 * The tables the 网格 page and a 区域党支部's page share: a branch's grids (编辑 / 删除) and the “四个一”
 * with each unmet item marked and its reason.
 */
import { Anchor, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { FourCheckRow, GridDetail, GridListRow } from '../../../shared/records/grids';
import type { CheckResult } from '../../../shared/rules/fourChecks';
import { invoke } from '../api';
import { confirmDelete, notifyError } from '../common';
import { useCan } from '../session';
import { GridDialog } from './GridDialog';

/** A branch's grids, with 编辑 (the dialog) and 删除 (confirmed). */
export function GridTable({ grids }: { grids: GridListRow[] }) {
  const [editing, setEditing] = useState<GridDetail | null>(null);
  const canWrite = useCan('grids.update');
  const edit = async (id: number) => {
    try {
      setEditing(await invoke('grids.get', { id }));
    } catch (e) {
      notifyError(e, '未能打开网格');
    }
  };
  const remove = (g: GridListRow) =>
    confirmDelete({
      title: '删除网格',
      name: g.name,
      body: `确定删除“${g.partyOrgName}”的“${g.name}”吗？网格内的 ${g.orgCount} 个组织可重新划入其他网格，历史记录保留在操作日志里。`,
      run: () => invoke('grids.delete', { id: g.id }),
      after: () => undefined,
    });
  if (grids.length === 0) return <Text c="dimmed">尚未划分网格</Text>;
  return (
    <>
      <Table striped withTableBorder styles={{ th: { whiteSpace: 'nowrap' } }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>网格</Table.Th>
            <Table.Th>指导员</Table.Th>
            <Table.Th>服务联系卡</Table.Th>
            <Table.Th ta="right">组织数</Table.Th>
            <Table.Th ta="right">从业人员</Table.Th>
            <Table.Th ta="right">正式党员</Table.Th>
            {canWrite && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grids.map((g) => (
            <Table.Tr key={g.id}>
              <Table.Td>{g.name}</Table.Td>
              <Table.Td>
                {g.instructorId ? (
                  <Anchor component={Link} to={`/instructors/${g.instructorId}`}>
                    {g.instructorName}
                  </Anchor>
                ) : (
                  <Badge color="red" variant="light">
                    未配备
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {g.contactCards ? (
                  `已发放${g.contactCardsDate ? `（${g.contactCardsDate}）` : ''}`
                ) : (
                  <Badge color="red" variant="light">
                    未发放
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">{g.orgCount}</Table.Td>
              <Table.Td ta="right">{g.employees}</Table.Td>
              <Table.Td ta="right">{g.formalMembers}</Table.Td>
              {canWrite && (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => edit(g.id)} aria-label={`编辑${g.name}`}>
                      编辑
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => remove(g)} aria-label={`删除${g.name}`}>
                      删除
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && <GridDialog editing={editing} partyOrgId={null} onClose={() => setEditing(null)} />}
    </>
  );
}

function Check({ c }: { c: CheckResult }) {
  return (
    <Tooltip label={c.reason} multiline w={280} withArrow>
      <Badge color={c.met ? 'green' : 'red'} variant={c.met ? 'light' : 'filled'}>
        {c.met ? '是' : '否'}
      </Badge>
    </Tooltip>
  );
}

/** One row per branch: the four items 是 / 否 (the reason on hover), 达标, and what is missing spelt out. */
export function FourChecksTable({ rows, withBranch = true }: { rows: FourCheckRow[]; withBranch?: boolean }) {
  if (rows.length === 0) return <Text c="dimmed">没有区域化“1+N”党支部</Text>;
  return (
    <Table withTableBorder data-testid="four-checks" styles={{ th: { whiteSpace: 'nowrap' } }}>
      <Table.Thead>
        <Table.Tr>
          {withBranch && <Table.Th>区域党支部</Table.Th>}
          <Table.Th ta="right">网格数</Table.Th>
          <Table.Th ta="center">有阵地</Table.Th>
          <Table.Th ta="center">季度恳谈会</Table.Th>
          <Table.Th ta="center">每格一名指导员</Table.Th>
          <Table.Th ta="center">服务联系卡</Table.Th>
          <Table.Th ta="center">达标</Table.Th>
          <Table.Th>未达标情况</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => {
          const { venue, forum, instructors, contactCards, allMet } = r.checks;
          const gaps = [...new Set([venue, forum, instructors, contactCards].filter((c) => !c.met).map((c) => c.reason))];
          return (
            <Table.Tr key={r.partyOrgId}>
              {withBranch && (
                <Table.Td miw={180}>
                  <Anchor component={Link} to={`/party-orgs/${r.partyOrgId}`}>
                    {r.partyOrgName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {r.regionName}
                  </Text>
                </Table.Td>
              )}
              <Table.Td ta="right">{r.grids}</Table.Td>
              <Table.Td ta="center">
                <Check c={venue} />
              </Table.Td>
              <Table.Td ta="center">
                <Check c={forum} />
              </Table.Td>
              <Table.Td ta="center">
                <Check c={instructors} />
              </Table.Td>
              <Table.Td ta="center">
                <Check c={contactCards} />
              </Table.Td>
              <Table.Td ta="center">
                <Badge color={allMet ? 'green' : 'red'} variant="light">
                  {allMet ? '达标' : '未达标'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={gaps.length ? 'red' : 'dimmed'}>
                  {gaps.length ? gaps.join('；') : '四项均已做到'}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
