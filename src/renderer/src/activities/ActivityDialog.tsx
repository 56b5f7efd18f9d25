/**
 * 登记 or 编辑 one 组织生活: the party organization picked by searching its name or initials (or fixed
 * when opened from its page), the kind, the day (not after today), topic, 应到 / 实到 and place.
 */
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ACTIVITY_KINDS } from '../../../shared/domain/activityCodes';
import { type Activity, activityFieldsSchema } from '../../../shared/records/activities';
import { notifyDone, notifyError } from '../common';
import { DateField, todayText } from '../DateField';
import { apiFieldErrors, optNum, schemaValidate } from '../formErrors';
import { confirmDiscard } from '../leaveGuard';
import { options } from '../ledgerBits';
import { PartyOrgField } from '../PartyOrgPicker';
import { useApiMutation } from '../queries';

interface ActivityValues {
  partyOrgId: string | null;
  kind: string | null;
  date: string;
  topic: string;
  expected: number | string;
  attendance: number | string;
  place: string;
  remarks: string;
}

const toInput = (v: ActivityValues) => ({
  ...v,
  partyOrgId: v.partyOrgId ? Number(v.partyOrgId) : undefined,
  kind: v.kind ?? undefined,
  expected: optNum(v.expected),
  attendance: optNum(v.attendance),
});
const validate = schemaValidate(activityFieldsSchema, toInput);
const KIND_OPTIONS = options(ACTIVITY_KINDS);

export function ActivityDialog({
  editing,
  partyOrg,
  onClose,
}: {
  editing: Activity | null;
  /** Opened from a party organization's page: that one, not to be changed. */
  partyOrg?: { id: number; name: string };
  onClose: () => void;
}) {
  const form = useForm<ActivityValues>({
    initialValues: editing
      ? {
          partyOrgId: String(editing.partyOrgId),
          kind: editing.kind,
          date: editing.date,
          topic: editing.topic ?? '',
          expected: editing.expected ?? '',
          attendance: editing.attendance ?? '',
          place: editing.place ?? '',
          remarks: editing.remarks ?? '',
        }
      : {
          partyOrgId: partyOrg ? String(partyOrg.id) : null,
          kind: null,
          date: todayText(),
          topic: '',
          expected: '',
          attendance: '',
          place: '',
          remarks: '',
        },
    validate,
    validateInputOnBlur: true,
  });
  const create = useApiMutation('activities.create');
  const update = useApiMutation('activities.update');

  // A refused field is marked red under it; only the core's refusals are also told in a toast.
  const save = form.onSubmit(async (values) => {
    try {
      const fields = activityFieldsSchema.parse(toInput(values));
      if (editing) await update.mutateAsync({ id: editing.id, fields });
      else await create.mutateAsync(fields);
      notifyDone('组织生活记录已保存');
      onClose();
    } catch (e) {
      form.setErrors(apiFieldErrors(e));
      notifyError(e, '未能保存');
    }
  });
  const close = () => confirmDiscard(form.isDirty(), onClose);

  return (
    <Modal opened onClose={close} title={editing ? '编辑组织生活记录' : '登记组织生活'} size="lg">
      <form onSubmit={save}>
        <PartyOrgField
          initial={partyOrg ?? (editing ? { id: editing.partyOrgId, name: editing.partyOrgName, regionName: editing.regionName } : null)}
          onPick={(id) => form.setFieldValue('partyOrgId', id)}
          error={form.errors.partyOrgId}
          disabled={partyOrg != null}
        />
        <SimpleGrid cols={2} mt="sm">
          <Select label="活动类型" withAsterisk data={KIND_OPTIONS} {...form.getInputProps('kind')} />
          <DateField
            label="活动日期"
            withAsterisk
            maxDate={todayText()}
            {...form.getInputProps('date')}
            onChange={(d) => form.setFieldValue('date', d ?? '')}
          />
        </SimpleGrid>
        <TextInput mt="sm" label="活动主题" placeholder="如：重温入党誓词" {...form.getInputProps('topic')} />
        <SimpleGrid cols={3} mt="sm">
          <NumberInput label="应到人数" min={0} allowDecimal={false} {...form.getInputProps('expected')} />
          <NumberInput label="实到人数" min={0} allowDecimal={false} {...form.getInputProps('attendance')} />
          <TextInput label="活动地点" {...form.getInputProps('place')} />
        </SimpleGrid>
        <Textarea mt="sm" label="备注" autosize minRows={2} {...form.getInputProps('remarks')} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={close}>
            取消
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            保存
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
