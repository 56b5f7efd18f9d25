/**
 * 登记 / 修改 one 经费 payment: the party organization (searched), source and kind, the amount typed in
 * 元, the payment date (not after today), and for 书记补助 the months it pays. Checked by the same schema
 * the core parses with; closing with changes asks first.
 */
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FUNDING_KINDS, FUNDING_SOURCES, type FundingKind, type FundingSource } from '../../../shared/domain/fundingCodes';
import { type FundingInput, type FundingRecord, fundingFieldsSchema } from '../../../shared/records/funding';
import { errorText, notifyDone } from '../common';
import { DateField, todayText } from '../DateField';
import { apiFieldErrors, schemaValidate } from '../formErrors';
import { confirmDiscard, useLeaveGuard } from '../leaveGuard';
import { options } from '../ledgerBits';
import { PartyOrgPicker, type PickedPartyOrg } from '../PartyOrgPicker';
import { useApiMutation } from '../queries';

interface Values {
  partyOrg: PickedPartyOrg | null;
  source: FundingSource | null;
  fundKind: FundingKind | null;
  amount: string;
  date: string;
  period: string;
  documentNo: string;
  remarks: string;
}

function toInput(v: Values) {
  return {
    partyOrgId: v.partyOrg?.id,
    source: v.source ?? undefined,
    fundKind: v.fundKind ?? undefined,
    amount: v.amount,
    date: v.date,
    period: v.period,
    documentNo: v.documentNo,
    remarks: v.remarks,
  };
}

function initialValues(editing: FundingRecord | null, partyOrg: PickedPartyOrg | null): Values {
  if (!editing) {
    return { partyOrg, source: null, fundKind: null, amount: '', date: todayText(), period: '', documentNo: '', remarks: '' };
  }
  return {
    partyOrg: { id: editing.partyOrgId, name: editing.partyOrgName, regionName: editing.regionName },
    source: editing.source,
    fundKind: editing.fundKind,
    amount: (editing.amountFen / 100).toFixed(2),
    date: editing.date,
    period: editing.period ?? '',
    documentNo: editing.documentNo ?? '',
    remarks: editing.remarks ?? '',
  };
}

export function FundingDialog({
  editing,
  partyOrg = null,
  onClose,
}: {
  editing: FundingRecord | null;
  /** The party organization to pay when opened from its page (then it is not changed here). */
  partyOrg?: PickedPartyOrg | null;
  onClose: () => void;
}) {
  const [validate] = useState(() => schemaValidate(fundingFieldsSchema, toInput));
  const form = useForm<Values>({ initialValues: initialValues(editing, partyOrg), validate, validateInputOnBlur: true });
  const create = useApiMutation('funding.create');
  const update = useApiMutation('funding.update');
  const saving = create.isPending || update.isPending;
  const guard = useLeaveGuard(form.isDirty() && !saving);
  const [error, setError] = useState<string | null>(null);
  const save = form.onSubmit(async (values) => {
    setError(null);
    try {
      // The input as typed (元): the core converts it to 分 once; the parsed form already holds 分.
      const fields = toInput(values) as FundingInput;
      const saved = editing ? await update.mutateAsync({ id: editing.id, fields }) : await create.mutateAsync(fields);
      notifyDone(`已保存“${saved.partyOrgName}”${saved.date}的经费`);
      guard.release();
      onClose();
    } catch (e) {
      const byField = apiFieldErrors(e);
      form.setErrors({ ...byField, partyOrg: byField.partyOrgId });
      setError(errorText(e));
    }
  });
  const close = () => confirmDiscard(form.isDirty(), onClose);
  const errors = form.errors;
  return (
    <Modal opened onClose={close} title={editing ? '修改经费记录' : '登记经费'} size="lg">
      <form onSubmit={save}>
        <Stack>
          <PartyOrgPicker
            testId="funding-party-org"
            value={form.values.partyOrg}
            onChange={(p) => form.setFieldValue('partyOrg', p)}
            error={errors.partyOrgId ?? errors.partyOrg}
            disabled={partyOrg != null && !editing}
          />
          <SimpleGrid cols={2}>
            <Select label="经费来源" withAsterisk data={SOURCE_OPTIONS} {...form.getInputProps('source')} error={errors.source} />
            <Select label="经费类别" withAsterisk data={KIND_OPTIONS} {...form.getInputProps('fundKind')} error={errors.fundKind} />
            <TextInput
              label="金额（元）"
              withAsterisk
              placeholder="如 5000 或 1,200.50"
              rightSection={<Text size="sm">元</Text>}
              {...form.getInputProps('amount')}
            />
            <DateField
              label="拨付日期"
              withAsterisk
              maxDate={todayText()}
              {...form.getInputProps('date')}
              onChange={(d) => form.setFieldValue('date', d ?? '')}
            />
            <TextInput
              label="所属期间"
              withAsterisk={form.values.fundKind === 'secretary_allowance'}
              placeholder="书记补助填月份，如 2026年1—6月"
              {...form.getInputProps('period')}
            />
            <TextInput label="文号" placeholder="如 青组通〔2026〕5号" {...form.getInputProps('documentNo')} />
          </SimpleGrid>
          <Textarea label="备注" autosize minRows={2} {...form.getInputProps('remarks')} />
          {error && (
            <Text c="red" size="sm">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              取消
            </Button>
            <Button type="submit" loading={saving}>
              保存
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const SOURCE_OPTIONS = options(FUNDING_SOURCES);
const KIND_OPTIONS = options(FUNDING_KINDS);
