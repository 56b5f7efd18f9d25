/** One organization: its fields, the party organization covering it, its instructors, its flags with reasons. */
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import {
  ANNUAL_CHECK_RESULTS,
  FORMATION_METHODS,
  labelOf,
  ORG_CATEGORIES,
  ORG_FLAGS,
  ORG_STATUSES,
  ORG_SUBTYPES,
  PARTY_ORG_TYPES,
} from '../../../shared/domain/codes';
import { invoke } from '../api';
import { usePageCommand } from '../commands';
import { confirmDelete, Loading } from '../common';
import { OrgGridLine } from '../grids/GridSections';
import { CoverageBadge, FlagReasons, formatStamp, InfoGrid, yesNo } from '../ledgerBits';
import { MemberYearsCard } from '../members/MemberYearsCard';
import { useApi } from '../queries';
import { useCan } from '../session';
import { MassOrgsSection } from '../sites/MassOrgsSection';
import { OrgInspections } from '../sites/OrgInspections';

export function OrgPage({ id }: { id: number }) {
  const navigate = useNavigate();
  const { data: o, error } = useApi('orgs.get', { id });
  const canCreate = useCan('orgs.create');
  const canEdit = useCan('orgs.update');
  const canDelete = useCan('orgs.delete');
  const canAudit = useCan('audit.list');
  const canAssign = useCan('instructors.assign');
  usePageCommand('new', canCreate ? () => navigate('/orgs/new') : null);
  if (!o) return <Loading error={error} />;

  const remove = () =>
    confirmDelete({
      title: '删除两新组织',
      name: o.name,
      body: `确定删除“${o.name}”吗？删除后不再出现在名册和统计中，历史记录保留在操作日志里。${o.partyOrg ? `它将不再由“${o.partyOrg.name}”覆盖。` : ''}`,
      run: () => invoke('orgs.delete', { id }),
      after: () => navigate('/orgs'),
    });

  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{o.name}</Title>
          <CoverageBadge value={o.coverage} />
        </Group>
        <Group>
          {canAudit && (
            <Button variant="default" onClick={() => navigate(`/audit?entity=org&entityId=${o.id}`)}>
              修改记录
            </Button>
          )}
          {canDelete && (
            <Button variant="default" color="red" onClick={remove}>
              删除
            </Button>
          )}
          {canEdit && <Button onClick={() => navigate(`/orgs/${o.id}/edit`)}>编辑</Button>}
        </Group>
      </Group>
      <Card withBorder>
        <Title order={4} mb="sm">
          标记
        </Title>
        <FlagReasons flags={o.flags} table={ORG_FLAGS} />
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          党组织覆盖
        </Title>
        {o.partyOrg ? (
          <Group gap="xs">
            <Anchor component={Link} to={`/party-orgs/${o.partyOrg.id}`}>
              {o.partyOrg.name}
            </Anchor>
            <Badge variant="light">{labelOf(PARTY_ORG_TYPES, o.partyOrg.type)}</Badge>
            <Badge variant="light" color="teal">
              {labelOf(FORMATION_METHODS, o.partyOrg.method)}
            </Badge>
          </Group>
        ) : (
          <Text c="dimmed">尚无党组织覆盖{o.noPartyReason ? `（未建原因：${o.noPartyReason}）` : ''}</Text>
        )}
        <OrgGridLine orgId={o.id} />
      </Card>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={4}>党建工作指导员</Title>
          {canAssign && (
            <Button size="xs" variant="default" onClick={() => navigate(`/instructors?assignOrg=${o.id}`)}>
              选派指导员
            </Button>
          )}
        </Group>
        {o.assignments.length === 0 ? (
          <Text c="dimmed">未选派指导员</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>指导员</Table.Th>
                <Table.Th>起始日期</Table.Th>
                <Table.Th>截止日期</Table.Th>
                <Table.Th>状态</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.assignments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/instructors/${a.instructorId}`}>
                      {a.instructorName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{a.fromDate}</Table.Td>
                  <Table.Td>{a.toDate ?? '—'}</Table.Td>
                  <Table.Td>{a.active ? <Badge color="green">在任</Badge> : <Badge color="gray">已结束</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <MemberYearsCard orgId={o.id} orgName={o.name} />
      <MassOrgsSection orgId={o.id} orgName={o.name} />
      {o.category === 'social' && <OrgInspections orgId={o.id} orgName={o.name} />}
      <Card withBorder>
        <Title order={4} mb="sm">
          基本信息
        </Title>
        <InfoGrid
          items={[
            ['统一社会信用代码', o.uscc],
            ['组织类别', labelOf(ORG_CATEGORIES, o.category)],
            ['组织类型', labelOf(ORG_SUBTYPES, o.subtype)],
            ['所属属地', o.regionName],
            ['登记管理机关', o.registrationAuthority],
            ['业务主管单位', o.supervisorUnit],
            ['所属行业', o.industry],
            ['地址', o.address],
            ['经营状态', labelOf(ORG_STATUSES, o.status)],
            ['法定代表人（负责人）', o.legalRep],
            ['负责人电话', o.legalRepPhone],
            ['负责人是党员', yesNo(o.legalRepIsMember)],
            ['出资人是党员', yesNo(o.investorIsMember)],
            ['从业人员数', o.employees],
            ['正式党员数', o.formalMembers],
            ['预备党员数', o.probationaryMembers],
            ['入党积极分子数', o.activists],
            ['年检（年报）结果', labelOf(ANNUAL_CHECK_RESULTS, o.annualCheck)],
            ['评估等级', o.evalGrade],
            ['不纳入统计', o.outOfScope ? `是（${o.outOfScopeReason ?? ''}）` : '否'],
            ['未建原因', o.noPartyReason],
            ['拟建时间', o.plannedBuildDate],
            ['备注', o.remarks],
            ['创建时间', formatStamp(o.createdAt)],
            ['最后修改', formatStamp(o.updatedAt)],
          ]}
        />
      </Card>
    </Stack>
  );
}
