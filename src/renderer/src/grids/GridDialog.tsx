/**
 * 新增 / 编辑 a grid in a dialog: its 区域党支部, name, 指导员 (searchable), the organizations of the branch's
 * region (searched by the core; those in another grid are shown but cannot be picked) and the 服务联系卡.
 */
import { Button, Checkbox, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useRef, useState } from 'react';
import { type GridDetail, type GridListRow, gridFieldsSchema } from '../../../shared/records/grids';
import { invoke } from '../api';
import { usePageCommand } from '../commands';
import { notifyDone, notifyError } from '../common';
import { DateField, todayText } from '../DateField';
import { apiFieldErrors, schemaValidate } from '../formErrors';
import { confirmDiscard } from '../leaveGuard';
import { PartyOrgPicker, type PickedPartyOrg } from '../PartyOrgPicker';
import { useApi } from '../queries';

interface GridValues {
  partyOrgId: string | null;
  name: string;
  instructorId: string | null;
  contactCards: boolean;
  contactCardsDate: string;
  remarks: string;
  orgIds: string[];
}

/** The values as grids.create parses them: the pickers hold ids as text. */
const toInput = (v: GridValues) => ({
  ...v,
  partyOrgId: v.partyOrgId ? Number(v.partyOrgId) : undefined,
  instructorId: v.instructorId ? Number(v.instructorId) : null,
  contactCardsDate: v.contactCards ? v.contactCardsDate : '',
  orgIds: v.orgIds.map(Number),
});
const validateGrid = schemaValidate(gridFieldsSchema, toInput);

export function GridDialog({
  editing,
  partyOrgId,
  onClose,
}: {
  /** The grid being edited, or null for a new one. */
  editing: GridDetail | null;
  /** The branch a new grid belongs to, when opened from it. */
  partyOrgId: number | null;
  onClose: () => void;
}) {
  const form = useForm<GridValues>({
    initialValues: editing
      ? {
          partyOrgId: String(editing.partyOrgId),
          name: editing.name,
          instructorId: editing.instructorId ? String(editing.instructorId) : null,
          contactCards: editing.contactCards,
          contactCardsDate: editing.contactCardsDate ?? '',
          remarks: editing.remarks ?? '',
          orgIds: editing.orgs.map((o) => String(o.id)),
        }
      : {
          partyOrgId: partyOrgId ? String(partyOrgId) : null,
          name: '',
          instructorId: null,
          contactCards: false,
          contactCardsDate: '',
          remarks: '',
          orgIds: [],
        },
    validate: validateGrid,
    validateInputOnBlur: true,
  });
  const [saving, setSaving] = useState(false);
  const [orgQuery, setOrgQuery] = useState('');
  const given = useApi('partyOrgs.get', { id: partyOrgId ?? 0 }, { enabled: partyOrgId != null && !editing });
  // Untouched (undefined) until the clerk picks: a new grid opened from a branch's page starts from that branch.
  const [picked, setPicked] = useState<PickedPartyOrg | null | undefined>(
    editing
      ? { id: editing.partyOrgId, name: editing.partyOrgName, regionName: editing.regionName, regionId: editing.regionId }
      : undefined,
  );
  const branch =
    picked !== undefined
      ? picked
      : given.data
        ? { id: given.data.id, name: given.data.name, regionName: given.data.regionName, regionId: given.data.regionId }
        : null;
  const instructors = useApi('instructors.list', {});
  const regionId = branch?.regionId;
  const found = useApi(
    'orgs.list',
    { regionId, query: orgQuery.trim() || undefined, limit: 50 },
    { enabled: regionId != null, keepPrevious: true },
  );
  // Which organizations of the region another grid holds, by the grid's name.
  const grids = useApi('grids.list', { regionId }, { enabled: regionId != null });
  const takenBy = useMemo(() => {
    const m = new Map<number, GridListRow>();
    for (const g of grids.data ?? []) if (g.id !== editing?.id) for (const id of g.orgIds) m.set(id, g);
    return m;
  }, [grids.data, editing?.id]);
  // Picked organizations keep their names while the search shows others.
  const names = useRef(new Map((editing?.orgs ?? []).map((o) => [String(o.id), o.name]))).current;
  for (const o of found.data?.rows ?? []) if (!names.has(String(o.id))) names.set(String(o.id), o.name);
  const orgOptions = [
    ...form.values.orgIds.map((id) => ({ value: id, label: names.get(id) ?? `组织（编号${id}）` })),
    ...(found.data?.rows ?? [])
      .filter((o) => !form.values.orgIds.includes(String(o.id)))
      .map((o) => {
        const g = takenBy.get(o.id);
        return { value: String(o.id), label: g ? `${o.name}（已在“${g.name}”）` : o.name, disabled: !!g };
      }),
  ];

  const save = form.onSubmit(async (values) => {
    if (saving) return;
    setSaving(true);
    try {
      const fields = gridFieldsSchema.parse(toInput(values));
      const saved = editing ? await invoke('grids.update', { id: editing.id, fields }) : await invoke('grids.create', fields);
      notifyDone(`网格“${saved.name}”已保存`);
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
    <Modal opened onClose={close} title={editing ? `编辑网格：${editing.name}` : '新增网格'} size="xl">
      <form onSubmit={save}>
        <Stack>
          <SimpleGrid cols={2}>
            <PartyOrgPicker
              label="区域党支部"
              method="regional"
              value={branch}
              onChange={(p) => {
                setPicked(p);
                form.setFieldValue('partyOrgId', p ? String(p.id) : null);
                // Another branch is another region: its organizations start over.
                form.setFieldValue('orgIds', []);
              }}
              error={form.errors.partyOrgId}
              nothingFound="没有找到区域化“1+N”党支部"
            />
            <TextInput label="网格名称" withAsterisk data-autofocus placeholder="如 第一网格" {...form.getInputProps('name')} />
            <Select
              label="网格指导员"
              searchable
              clearable
              placeholder="输入姓名查找"
              data={(instructors.data ?? []).map((i) => ({ value: String(i.id), label: `${i.name}${i.unit ? `（${i.unit}）` : ''}` }))}
              {...form.getInputProps('instructorId')}
              nothingFoundMessage="没有找到"
            />
            <Group align="flex-end" grow>
              <Checkbox mb={8} label="服务联系卡已发放" {...form.getInputProps('contactCards', { type: 'checkbox' })} />
              <DateField
                label="发放日期"
                disabled={!form.values.contactCards}
                {...form.getInputProps('contactCardsDate')}
                onChange={(d) => form.setFieldValue('contactCardsDate', d ?? '')}
                maxDate={todayText()}
              />
            </Group>
          </SimpleGrid>
          <MultiSelect
            label={`网格内的两新组织（已选 ${form.values.orgIds.length} 个）`}
            description={branch ? `只能选择${branch.regionName}的组织；已在其他网格的组织不能选` : '请先选择区域党支部'}
            disabled={!branch}
            searchable
            searchValue={orgQuery}
            onSearchChange={setOrgQuery}
            filter={({ options }) => options}
            data={orgOptions}
            {...form.getInputProps('orgIds')}
            placeholder="输入名称或拼音首字母查找"
            nothingFoundMessage="没有找到"
            maxDropdownHeight={260}
            hidePickedOptions
          />
          <Textarea label="备注" autosize minRows={2} {...form.getInputProps('remarks')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              取消
            </Button>
            <Button type="submit" loading={saving} title="Ctrl+S">
              保存
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
