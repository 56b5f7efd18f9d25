/** 登记 / 修改 one social organization's 年检 of a year, with the 党建工作情况审查. */
import { Button, Group, Modal, Select, SimpleGrid, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ANNUAL_CHECK_RESULTS } from '../../../shared/domain/codes';
import { PARTY_REVIEW_RESULTS } from '../../../shared/domain/siteCodes';
import { inspectionSetSchema } from '../../../shared/records/inspections';
import { invoke } from '../api';
import { usePageCommand } from '../commands';
import { notifyDone, notifyError } from '../common';
import { apiFieldErrors, schemaValidate } from '../formErrors';
import { confirmDiscard } from '../leaveGuard';
import { options } from '../ledgerBits';

export interface InspectionTarget {
  orgId: number;
  orgName: string;
  year: number;
  result: string | null;
  partyReview: string | null;
  remarks: string | null;
}

interface Values {
  orgId: number;
  year: number;
  result: string | null;
  partyReview: string | null;
  remarks: string;
}

const toInput = (v: Values) => ({ ...v, result: v.result ?? undefined, partyReview: v.partyReview ?? undefined });
const validate = schemaValidate(inspectionSetSchema, toInput);

export function InspectionDialog({ target, onClose }: { target: InspectionTarget; onClose: () => void }) {
  const form = useForm<Values>({
    initialValues: {
      orgId: target.orgId,
      year: target.year,
      result: target.result,
      partyReview: target.partyReview ?? (target.result ? null : 'pass'),
      remarks: target.remarks ?? '',
    },
    validate,
    validateInputOnBlur: true,
  });
  const [saving, setSaving] = useState(false);
  const save = form.onSubmit(async (values) => {
    if (saving) return;
    setSaving(true);
    try {
      await invoke('inspections.set', inspectionSetSchema.parse(toInput(values)));
      notifyDone(`${target.orgName} ${target.year}年度年检已登记`);
      onClose();
    } catch (e) {
      form.setErrors(apiFieldErrors(e));
      notifyError(e, '未能保存');
    } finally {
      setSaving(false);
    }
  });
  usePageCommand('save', save);
  const close = () => confirmDiscard(form.isDirty(), onClose);
  return (
    <Modal opened onClose={close} title={`${target.year}年度年检：${target.orgName}`} size="lg">
      <form onSubmit={save}>
        <Text size="sm" c="dimmed" mb="sm">
          年检结论以登记管理机关的结论为准；党建工作情况审查记录党组织建设、活动开展和作用发挥的审查意见。
        </Text>
        <SimpleGrid cols={2}>
          <Select label="年检结论" withAsterisk data={options(ANNUAL_CHECK_RESULTS)} data-autofocus {...form.getInputProps('result')} />
          <Select label="党建工作情况审查" withAsterisk data={options(PARTY_REVIEW_RESULTS)} {...form.getInputProps('partyReview')} />
        </SimpleGrid>
        <Textarea mt="sm" label="备注" placeholder="如整改要求、未参检原因" autosize minRows={2} {...form.getInputProps('remarks')} />
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
