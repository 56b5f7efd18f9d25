/** One party organization: what it covers, its secretary and members, 换届, venue checklist, flags, and its 经费. */
import { Anchor, Badge, Button, Card, Group, Stack, Table, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { FORMATION_METHODS, labelOf, ORG_SUBTYPES, PARTY_ORG_FLAGS, PARTY_ORG_TYPES } from '../../../shared/domain/codes';
import { PartyOrgActivities } from '../activities/PartyOrgActivities';
import { invoke } from '../api';
import { usePageCommand } from '../commands';
import { confirmDelete, Loading, stars } from '../common';
import { FundingSection } from '../funding/FundingSection';
import { BranchGridsSection } from '../grids/GridSections';
import { FlagReasons, formatStamp, InfoGrid, yesNo } from '../ledgerBits';
import { useApi } from '../queries';
import { useCan } from '../session';
import { ModelSiteHistory } from '../sites/ModelSiteHistory';

export function PartyOrgPage({ id }: { id: number }) {
  const navigate = useNavigate();
  const { data: p, error } = useApi('partyOrgs.get', { id });
  const canCreate = useCan('partyOrgs.create');
  const canEdit = useCan('partyOrgs.update');
  const canDelete = useCan('partyOrgs.delete');
  const canAudit = useCan('audit.list');
  usePageCommand('new', canCreate ? () => navigate('/party-orgs/new') : null);
  if (!p) return <Loading error={error} />;

  const remove = () =>
    confirmDelete({
      title: '删除党组织',
      name: p.name,
      body: `确定删除“${p.name}”吗？它覆盖的 ${p.coveredOrgs.length} 个两新组织将变为未覆盖（或仅工作覆盖），历史记录保留在操作日志里。`,
      run: () => invoke('partyOrgs.delete', { id }),
      after: () => navigate('/party-orgs'),
    });

  const members = p.formalMembers + p.probationaryMembers;
  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{p.name}</Title>
          <Badge variant="light">{labelOf(PARTY_ORG_TYPES, p.type)}</Badge>
          <Badge variant="light" color="teal">
            {labelOf(FORMATION_METHODS, p.method)}
          </Badge>
        </Group>
        <Group>
          <Button variant="default" onClick={() => navigate(`/cases?partyOrgId=${p.id}`)}>
            整顿记录
          </Button>
          {canAudit && (
            <Button variant="default" onClick={() => navigate(`/audit?entity=partyOrg&entityId=${p.id}`)}>
              修改记录
            </Button>
          )}
          {canDelete && (
            <Button variant="default" color="red" onClick={remove}>
              删除
            </Button>
          )}
          {canEdit && <Button onClick={() => navigate(`/party-orgs/${p.id}/edit`)}>编辑</Button>}
        </Group>
      </Group>
      <Card withBorder>
        <Title order={4} mb="sm">
          标记
        </Title>
        <FlagReasons flags={p.flags} table={PARTY_ORG_FLAGS} />
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          覆盖的两新组织（{p.coveredOrgs.length} 个）
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>名称</Table.Th>
              <Table.Th>类型</Table.Th>
              <Table.Th>属地</Table.Th>
              <Table.Th ta="right">正式党员</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.coveredOrgs.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/orgs/${o.id}`}>
                    {o.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{labelOf(ORG_SUBTYPES, o.subtype)}</Table.Td>
                <Table.Td>{o.regionName}</Table.Td>
                <Table.Td ta="right">{o.formalMembers}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {p.method === 'regional' && <BranchGridsSection partyOrgId={p.id} />}
      <PartyOrgActivities partyOrg={{ id: p.id, name: p.name }} />
      <ModelSiteHistory partyOrg={{ id: p.id, name: p.name }} />
      <Card withBorder>
        <Title order={4} mb="sm">
          基本信息
        </Title>
        <InfoGrid
          items={[
            ['所属属地', p.regionName],
            ['上级党组织', p.parentName],
            ['批复文号', p.approvalNo],
            ['成立时间', p.foundedDate],
            ['上次换届时间', p.lastElectionDate],
            ['应换届时间', p.electionDue],
            ['书记', p.secretaryName],
            ['书记电话', p.secretaryPhone],
            ['书记由负责人担任', yesNo(p.secretaryIsHead)],
            ['副书记', p.deputySecretary],
            ['委员', p.committeeMembers],
            ['党务工作者', p.partyWorkers],
            ['党员', `${members} 名（正式 ${p.formalMembers}，预备 ${p.probationaryMembers}）`],
            ['星级', stars(p.starRating)],
            ['阵地建设', p.venueChecklist.length ? p.venueChecklist.join('、') : '未达标'],
            ['备注', p.remarks],
            ['最后修改', formatStamp(p.updatedAt)],
          ]}
        />
      </Card>
      <FundingSection partyOrg={{ id: p.id, name: p.name, regionName: p.regionName }} />
    </Stack>
  );
}
