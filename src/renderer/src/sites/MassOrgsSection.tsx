/** 群团组织 on an organization's page: 工会 / 共青团 / 妇联 with founding date, members and chair, each edited in a dialog. */
import { Badge, Button, Card, Checkbox, Group, Modal, NumberInput, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { labelOf } from '../../../shared/domain/codes';
import { MASS_ORG_KINDS } from '../../../shared/domain/siteCodes';
import { type MassOrgView, massOrgSetSchema } from '../../../shared/records/massOrgs';
import { invoke } from '../api';
import { notifyDone, notifyError } from '../common';
import { DateField, todayText } from '../DateField';
import { apiFieldErrors, optNum, schemaValidate } from '../formErrors';
import { confirmDiscard } from '../leaveGuard';
import { useApi } from '../queries';
import { useCan } from '../session';

interface Values {
  orgId: number;
  kind: MassOrgView['kind'];
  present: boolean;
  foundedDate: string;
  members: number | string;
  chair: string;
}

const toInput = (v: Values) => ({ ...v, members: optNum(v.members) });
const validate = schemaValidate(massOrgSetSchema, toInput);

function MassOrgDialog({ orgId, orgName, row, onClose }: { orgId: number; orgName: string; row: MassOrgView; onClose: () => void }) {
  const kind = labelOf(MASS_ORG_KINDS, row.kind);
  const form = useForm<Values>({
    initialValues: {
      orgId,
      kind: row.kind,
      present: true,
      foundedDate: row.foundedDate ?? '',
      members: row.members ?? '',
      chair: row.chair ?? '',
    },
    validate,
    validateInputOnBlur: true,
  });
  const [saving, setSaving] = useState(false);
  const save = form.onSubmit(async (values) => {
    if (saving) return;
    setSaving(true);
    try {
      await invoke('massOrgs.set', massOrgSetSchema.parse(toInput(values)));
      notifyDone(values.present ? `${orgName}的${kind}已保存` : `已登记${orgName}未建${kind}`);
      onClose();
    } catch (e) {
      form.setErrors(apiFieldErrors(e));
      notifyError(e, '未能保存');
    } finally {
      setSaving(false);
    }
  });
  const close = () => confirmDiscard(form.isDirty(), onClose);
  const present = form.values.present;
  return (
    <Modal opened onClose={close} title={`${kind}：${orgName}`}>
      <form onSubmit={save}>
        <Checkbox label={`已建立${kind}组织`} mb="sm" {...form.getInputProps('present', { type: 'checkbox' })} />
        <SimpleGrid cols={2}>
          <DateField
            label="成立时间"
            disabled={!present}
            {...form.getInputProps('foundedDate')}
            onChange={(d) => form.setFieldValue('foundedDate', d ?? '')}
            maxDate={todayText()}
          />
          <NumberInput label="成员人数" disabled={!present} min={0} allowDecimal={false} suffix=" 人" {...form.getInputProps('members')} />
          <TextInput label="负责人" placeholder="主席、书记或主任" disabled={!present} {...form.getInputProps('chair')} />
        </SimpleGrid>
        {!present && row.present && (
          <Text size="sm" c="orange" mt="sm">
            保存后将删除该组织的{kind}记录（操作日志中保留）。
          </Text>
        )}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={close}>
            取消
          </Button>
          <Button type="submit" loading={saving}>
            保存
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

export function MassOrgsSection({ orgId, orgName }: { orgId: number; orgName: string }) {
  const { data } = useApi('massOrgs.list', { orgId });
  const [editing, setEditing] = useState<MassOrgView | null>(null);
  const canWrite = useCan('massOrgs.set');
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        群团组织
      </Title>
      {!data ? (
        <Text c="dimmed">正在加载…</Text>
      ) : (
        <Table data-testid="mass-orgs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>组织</Table.Th>
              <Table.Th>情况</Table.Th>
              <Table.Th>成立时间</Table.Th>
              <Table.Th ta="right">成员人数</Table.Th>
              <Table.Th>负责人</Table.Th>
              {canWrite && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((m) => (
              <Table.Tr key={m.kind}>
                <Table.Td>{labelOf(MASS_ORG_KINDS, m.kind)}</Table.Td>
                <Table.Td>
                  {m.present ? (
                    <Badge color="green" variant="light">
                      已建立
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light">
                      未建立
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{m.foundedDate ?? '—'}</Table.Td>
                <Table.Td ta="right">{m.members ?? '—'}</Table.Td>
                <Table.Td>{m.chair ?? '—'}</Table.Td>
                {canWrite && (
                  <Table.Td ta="right">
                    <Button size="compact-sm" variant="subtle" onClick={() => setEditing(m)}>
                      {m.present ? '编辑' : '登记'}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <MassOrgDialog orgId={orgId} orgName={orgName} row={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
