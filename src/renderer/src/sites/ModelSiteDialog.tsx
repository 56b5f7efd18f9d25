/** 登记 / 编辑 a 示范点 designation: the party organization (searched by the core), level, year, brand, 五星, 撤销. */
import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { MODEL_SITE_LEVELS } from '../../../shared/domain/siteCodes';
import { type ModelSiteRow, modelSiteFieldsSchema } from '../../../shared/records/modelSites';
import { invoke } from '../api';
import { usePageCommand } from '../commands';
import { notifyDone, notifyError } from '../common';
import { apiFieldErrors, schemaValidate } from '../formErrors';
import { confirmDiscard } from '../leaveGuard';
import { options } from '../ledgerBits';
import { PartyOrgField } from '../PartyOrgPicker';

interface Values {
  partyOrgId: string | null;
  level: string | null;
  year: string | null;
  brandName: string;
  fiveStar: boolean;
  revokedYear: string | null;
  documentNo: string;
  remarks: string;
}

/** The form's values as modelSites.create parses them: the pickers hold numbers as text. */
const toInput = (v: Values) => ({
  ...v,
  partyOrgId: v.partyOrgId ? Number(v.partyOrgId) : undefined,
  level: v.level ?? undefined,
  year: v.year ? Number(v.year) : undefined,
  revokedYear: v.revokedYear ? Number(v.revokedYear) : null,
});
const validate = schemaValidate(modelSiteFieldsSchema, toInput);

/** Naming years from 2015 to next year, newest first. */
export function siteYears(): { value: string; label: string }[] {
  const last = new Date().getFullYear() + 1;
  return Array.from({ length: last - 2014 }, (_, i) => String(last - i)).map((y) => ({ value: y, label: `${y}年` }));
}

export function ModelSiteDialog({
  editing,
  partyOrg,
  onClose,
}: {
  editing: ModelSiteRow | null;
  /** Fixed when opened from the party organization's page. */
  partyOrg: { id: number; name: string } | null;
  onClose: () => void;
}) {
  const thisYear = String(new Date().getFullYear());
  const form = useForm<Values>({
    initialValues: editing
      ? {
          partyOrgId: String(editing.partyOrgId),
          level: editing.level,
          year: String(editing.year),
          brandName: editing.brandName ?? '',
          fiveStar: editing.fiveStar,
          revokedYear: editing.revokedYear ? String(editing.revokedYear) : null,
          documentNo: editing.documentNo ?? '',
          remarks: editing.remarks ?? '',
        }
      : {
          partyOrgId: partyOrg ? String(partyOrg.id) : null,
          level: 'county',
          year: thisYear,
          brandName: '',
          fiveStar: false,
          revokedYear: null,
          documentNo: '',
          remarks: '',
        },
    validate,
    validateInputOnBlur: true,
  });
  const [saving, setSaving] = useState(false);
  const save = form.onSubmit(async (values) => {
    if (saving) return;
    setSaving(true);
    try {
      const fields = modelSiteFieldsSchema.parse(toInput(values));
      const saved = editing ? await invoke('modelSites.update', { id: editing.id, fields }) : await invoke('modelSites.create', fields);
      notifyDone(`“${saved.partyOrgName}”的示范点命名已保存`);
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
    <Modal opened onClose={close} title={editing ? '编辑示范点命名' : '登记示范点命名'} size="lg">
      <form onSubmit={save}>
        <SimpleGrid cols={2}>
          <PartyOrgField
            initial={editing ? { id: editing.partyOrgId, name: editing.partyOrgName, regionName: editing.regionName } : partyOrg}
            onPick={(id) => form.setFieldValue('partyOrgId', id)}
            error={form.errors.partyOrgId}
            disabled={partyOrg != null}
            style={{ gridColumn: 'span 2' }}
          />
          <Select label="命名级别" withAsterisk data={options(MODEL_SITE_LEVELS)} allowDeselect={false} {...form.getInputProps('level')} />
          <Select label="命名年度" withAsterisk data={siteYears()} allowDeselect={false} {...form.getInputProps('year')} />
          <TextInput label="党建品牌名称" placeholder="如“红色引擎”，没有可不填" {...form.getInputProps('brandName')} />
          <TextInput label="命名文号" placeholder="如 青组发〔2025〕12号" {...form.getInputProps('documentNo')} />
          <Checkbox mt="xs" label="五星创建（列入五星级党组织创建）" {...form.getInputProps('fiveStar', { type: 'checkbox' })} />
          <Select
            label="撤销（摘牌）年度"
            placeholder="未撤销"
            description="撤销后命名记录保留；升为更高级别请另行登记"
            data={siteYears()}
            clearable
            {...form.getInputProps('revokedYear')}
          />
        </SimpleGrid>
        <Textarea mt="sm" label="备注" autosize minRows={2} {...form.getInputProps('remarks')} />
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
