/**
 * 新增 / 编辑 党组织: type, 组建方式 and the organizations covered, secretary, members, 换届, 星级,
 * the venue checklist of the county's standard. Funding is kept as dated 经费 records (the 经费 page). Ctrl+S saves.
 */
import { Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { FORMATION_METHODS, PARTY_ORG_TYPES, VENUE_STANDARDS } from '../../../shared/domain/codes';
import { defaultTermYears } from '../../../shared/rules/partyOrgFlags';
import { partyOrgFieldsSchema } from '../../../shared/schemas';
import type { PartyOrgDetail, PartyOrgFields } from '../../../shared/types';
import { invoke } from '../api';
import { FormFrame, Loading } from '../common';
import { DateField, todayText } from '../DateField';
import { num, optNum, schemaValidate } from '../formErrors';
import { usePageFormSave } from '../formSave';
import { options } from '../ledgerBits';
import { useApi, useSettings } from '../queries';
import { RegionSelect, useOwnRegion } from '../RegionSelect';
import { useSaveConflict } from '../saveConflict';
import { OrgPicker, type PickedOrg } from './OrgPicker';

type Numeric = 'partyWorkers' | 'formalMembers' | 'probationaryMembers' | 'termYears' | 'starRating';
type FormValues = Omit<PartyOrgFields, 'regionId' | Numeric> & { regionId: string | null; starRating: string | null } & Record<
    Exclude<Numeric, 'starRating'>,
    number | string
  >;

const blank: FormValues = {
  name: '',
  type: 'branch',
  method: 'single',
  regionId: null,
  parentName: '',
  foundedDate: '',
  approvalNo: '',
  secretaryName: '',
  secretaryPhone: '',
  secretaryIsHead: false,
  deputySecretary: '',
  committeeMembers: '',
  partyWorkers: 0,
  formalMembers: 0,
  probationaryMembers: 0,
  lastElectionDate: '',
  termYears: '',
  starRating: null,
  venueChecklist: [],
  remarks: '',
};

function toForm(p: PartyOrgDetail): FormValues {
  const v: Record<string, unknown> = {};
  for (const k of Object.keys(blank)) {
    const val = (p as unknown as Record<string, unknown>)[k];
    v[k] = val === null && typeof blank[k as keyof FormValues] === 'string' ? '' : val;
  }
  v.regionId = String(p.regionId);
  v.starRating = p.starRating ? String(p.starRating) : null;
  v.termYears = p.termYears ?? '';
  return v as FormValues;
}

function toInput(v: FormValues, covered: PickedOrg[]) {
  return {
    ...v,
    regionId: v.regionId ? Number(v.regionId) : undefined,
    partyWorkers: num(v.partyWorkers),
    formalMembers: num(v.formalMembers),
    probationaryMembers: num(v.probationaryMembers),
    termYears: optNum(v.termYears),
    starRating: v.starRating ? Number(v.starRating) : null,
    coveredOrgIds: covered.map((o) => o.id),
  };
}

export function PartyOrgFormPage({ id, coverOrgId }: { id: number | null; coverOrgId: number | null }) {
  const existing = useApi('partyOrgs.get', { id: id ?? 0 }, { enabled: id != null });
  // "为该组织建立党组织" from an organization's page arrives with that organization pre-picked.
  const preset = useApi('orgs.get', { id: coverOrgId ?? 0 }, { enabled: coverOrgId != null });
  const settings = useSettings();
  const ownRegion = useOwnRegion();
  if ((id && !existing.data) || (coverOrgId && !preset.data) || !settings.data)
    return <Loading error={existing.error ?? preset.error ?? settings.error} />;
  const p = existing.data;
  const covered: PickedOrg[] = p
    ? p.coveredOrgs.map((o) => ({ id: o.id, name: o.name, regionName: o.regionName, formalMembers: o.formalMembers }))
    : preset.data
      ? [{ id: preset.data.id, name: preset.data.name, regionName: preset.data.regionName, formalMembers: preset.data.formalMembers }]
      : [];
  const initial = p ? toForm(p) : { ...blank, regionId: preset.data ? String(preset.data.regionId) : ownRegion };
  return (
    <PartyOrgForm
      id={id}
      version={p?.version}
      initial={initial}
      initialCovered={covered}
      venueItems={[...VENUE_STANDARDS[settings.data.venueStandard].items]}
    />
  );
}

function PartyOrgForm({
  id,
  version,
  initial,
  initialCovered,
  venueItems,
}: {
  id: number | null;
  version?: number;
  initial: FormValues;
  initialCovered: PickedOrg[];
  venueItems: string[];
}) {
  const navigate = useNavigate();
  const [covered, setCovered] = useState(initialCovered);
  // The covered organizations are picked beside the form; the schema judges them with the fields.
  const coveredRef = useRef(covered);
  coveredRef.current = covered;
  const [validate] = useState(() => schemaValidate(partyOrgFieldsSchema, (v: FormValues) => toInput(v, coveredRef.current)));
  const form = useForm<FormValues>({ initialValues: initial, validate, validateInputOnBlur: true });
  const coveredChanged = covered.map((o) => o.id).join() !== initialCovered.map((o) => o.id).join();
  const v = form.values;
  const single = v.method === 'single';
  // The version loaded goes back with the save: someone else's save since is a conflict shown here.
  const stale = useSaveConflict(form, {
    entity: 'partyOrg',
    fields: Object.keys(blank),
    version,
    reload: async () => {
      const latest = await invoke('partyOrgs.get', { id: id ?? 0 });
      setCovered(latest.coveredOrgs.map((o) => ({ id: o.id, name: o.name, regionName: o.regionName, formalMembers: o.formalMembers })));
      return { values: toForm(latest), version: latest.version };
    },
  });

  const { save, saving } = usePageFormSave(form, {
    dirty: coveredChanged,
    run: (values) => {
      const fields = partyOrgFieldsSchema.parse(toInput(values, covered));
      return id ? invoke('partyOrgs.update', { id, version: stale.version, fields }) : invoke('partyOrgs.create', fields);
    },
    after: (saved) => ({ message: `“${saved.name}”已保存`, to: `/party-orgs/${saved.id}` }),
    refused: stale.caught,
  });

  // The leave guard asks before a half-filled form is dropped.
  const cancel = () => navigate(id ? `/party-orgs/${id}` : '/party-orgs');

  return (
    <FormFrame title={id ? `编辑：${initial.name}` : '新增党组织'} saving={saving} onSave={() => void save()} onCancel={cancel}>
      {stale.panel}
      <Card withBorder>
        <Title order={4} mb="sm">
          组建情况
        </Title>
        <SimpleGrid cols={3}>
          <TextInput label="党组织名称" withAsterisk {...form.getInputProps('name')} />
          <Select label="党组织类型" data={options(PARTY_ORG_TYPES)} allowDeselect={false} {...form.getInputProps('type')} />
          <Select
            label="组建方式"
            data={options(FORMATION_METHODS)}
            allowDeselect={false}
            {...form.getInputProps('method')}
            onChange={(m) => {
              if (!m) return;
              form.setFieldValue('method', m as FormValues['method']);
              if (m === 'single' && covered.length > 1) setCovered(covered.slice(0, 1));
            }}
          />
          <RegionSelect label="所属属地" withAsterisk {...form.getInputProps('regionId')} />
          <TextInput label="上级党组织" {...form.getInputProps('parentName')} />
          <TextInput label="批复文号" {...form.getInputProps('approvalNo')} />
          <DateField
            label="成立时间"
            placeholder="如 2021-07-01"
            {...form.getInputProps('foundedDate')}
            onChange={(d) => form.setFieldValue('foundedDate', d ?? '')}
            maxDate={todayText()}
          />
          <DateField
            label="上次换届时间"
            placeholder="如 2024-06-30"
            {...form.getInputProps('lastElectionDate')}
            onChange={(d) => form.setFieldValue('lastElectionDate', d ?? '')}
            maxDate={todayText()}
          />
          <NumberInput
            label="任期（年）"
            placeholder={`未填按${defaultTermYears(v.type)}年`}
            min={1}
            max={10}
            allowDecimal={false}
            {...form.getInputProps('termYears')}
          />
        </SimpleGrid>
        <div style={{ marginTop: 16 }}>
          <OrgPicker
            value={covered}
            onChange={setCovered}
            single={single}
            error={form.errors.coveredOrgIds as string | undefined}
            ownPartyOrgId={id}
          />
        </div>
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          班子与党员
        </Title>
        <SimpleGrid cols={4}>
          <TextInput label="书记姓名" {...form.getInputProps('secretaryName')} />
          <TextInput label="书记电话" {...form.getInputProps('secretaryPhone')} />
          <Checkbox mt="xl" label="书记由本单位负责人担任" {...form.getInputProps('secretaryIsHead', { type: 'checkbox' })} />
          <TextInput label="副书记" {...form.getInputProps('deputySecretary')} />
          <TextInput
            label="委员"
            placeholder="多人用顿号分隔"
            {...form.getInputProps('committeeMembers')}
            style={{ gridColumn: 'span 2' }}
          />
          <NumberInput label="党务工作者数" min={0} allowDecimal={false} {...form.getInputProps('partyWorkers')} />
          <Select
            label="星级"
            placeholder="未评定"
            data={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n}星` }))}
            clearable
            {...form.getInputProps('starRating')}
          />
          <NumberInput label="正式党员数" min={0} allowDecimal={false} {...form.getInputProps('formalMembers')} />
          <NumberInput label="预备党员数" min={0} allowDecimal={false} {...form.getInputProps('probationaryMembers')} />
        </SimpleGrid>
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          阵地建设
        </Title>
        <Checkbox.Group label="阵地建设（按县里选定的标准）" {...form.getInputProps('venueChecklist')}>
          <Group mt="xs">
            {venueItems.map((item) => (
              <Checkbox key={item} value={item} label={item} />
            ))}
          </Group>
        </Checkbox.Group>
        <Textarea mt="sm" label="备注" autosize minRows={2} {...form.getInputProps('remarks')} />
      </Card>
    </FormFrame>
  );
}
