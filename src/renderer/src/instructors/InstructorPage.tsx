/** One instructor: details and assignments, with 选派 and 结束选派. */
import { Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { contract } from '../../../shared/contract';
import { todayIso } from '../../../shared/rules/dates';
import type { AssignmentView } from '../../../shared/types';
import { invoke } from '../api';
import { Loading, notifyDone, notifyError } from '../common';
import { DateField } from '../DateField';
import { apiFieldErrors, schemaValidate } from '../formErrors';
import { InstructorGridsLine } from '../grids/GridSections';
import { InfoGrid } from '../ledgerBits';
import { useApi } from '../queries';
import { useCan } from '../session';
import { InstructorTrainings } from '../trainings/InstructorTrainings';

const endSchema = contract['instructors.endAssignment'].input;

import { AssignModal, InstructorForm } from './InstructorsPage';

function EndModal({ assignment, onClose, onDone }: { assignment: AssignmentView; onClose: () => void; onDone: () => void }) {
  const form = useForm({
    initialValues: { toDate: todayIso() },
    // As instructors.endAssignment parses it, so a wrong date is said under the field before sending.
    validate: schemaValidate(endSchema, (v: { toDate: string }) => ({ assignmentId: assignment.id, toDate: v.toDate })),
    validateInputOnBlur: true,
  });
  const submit = form.onSubmit(async ({ toDate }) => {
    try {
      await invoke('instructors.endAssignment', { assignmentId: assignment.id, toDate });
      notifyDone(`已结束对“${assignment.orgName}”的选派`);
      onDone();
    } catch (e) {
      form.setErrors(apiFieldErrors(e));
      notifyError(e, '未能结束选派');
    }
  });
  return (
    <Modal opened onClose={onClose} title="结束选派">
      <Stack>
        <Text size="sm">
          结束“{assignment.instructorName}”对“{assignment.orgName}”的选派。结束后该组织如无党组织，将不再计为工作覆盖。
        </Text>
        <DateField
          label="截止日期"
          {...form.getInputProps('toDate')}
          onChange={(d) => form.setFieldValue('toDate', d ?? '')}
          withAsterisk
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button color="red" onClick={() => submit()}>
            结束选派
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function InstructorPage({ id }: { id: number }) {
  const navigate = useNavigate();
  const { data: i, error } = useApi('instructors.get', { id });
  const [dialog, setDialog] = useState<'edit' | 'assign' | AssignmentView | null>(null);
  const canEdit = useCan('instructors.update');
  const canAssign = useCan('instructors.assign');
  const canAudit = useCan('audit.list');
  if (!i) return <Loading error={error} />;
  const close = () => setDialog(null);
  const done = () => {
    setDialog(null);
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>指导员：{i.name}</Title>
        <Group>
          {canAudit && (
            <Button variant="default" onClick={() => navigate(`/audit?entity=instructor&entityId=${i.id}`)}>
              修改记录
            </Button>
          )}
          {canEdit && (
            <Button variant="default" onClick={() => setDialog('edit')}>
              编辑
            </Button>
          )}
          {canAssign && <Button onClick={() => setDialog('assign')}>选派到组织</Button>}
        </Group>
      </Group>
      <Card withBorder>
        <InfoGrid
          items={[
            ['工作单位', i.unit],
            ['职务', i.post],
            ['联系电话', i.phone],
            ['专职', i.fullTime ? '专职' : '兼职'],
            ['选派时间', i.appointedDate],
            ['负责网格', i.grids],
            ['备注', i.remarks],
          ]}
        />
        <InstructorGridsLine instructorId={i.id} />
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          选派记录
        </Title>
        {i.assignments.length === 0 ? (
          <Text c="dimmed">尚未选派到任何组织</Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>两新组织</Table.Th>
                <Table.Th>起始日期</Table.Th>
                <Table.Th>截止日期</Table.Th>
                <Table.Th>状态</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {i.assignments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/orgs/${a.orgId}`}>
                      {a.orgName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{a.fromDate}</Table.Td>
                  <Table.Td>{a.toDate ?? '—'}</Table.Td>
                  <Table.Td>{a.active ? <Badge color="green">在任</Badge> : <Badge color="gray">已结束</Badge>}</Table.Td>
                  <Table.Td>
                    {a.toDate == null && canAssign && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setDialog(a)}>
                        结束选派
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <InstructorTrainings instructorId={i.id} />
      {dialog === 'edit' && <InstructorForm editing={i} onClose={close} onSaved={done} />}
      {dialog === 'assign' && <AssignModal instructorId={i.id} orgId={null} onClose={close} onDone={done} />}
      {dialog && typeof dialog === 'object' && <EndModal assignment={dialog} onClose={close} onDone={done} />}
    </Stack>
  );
}
