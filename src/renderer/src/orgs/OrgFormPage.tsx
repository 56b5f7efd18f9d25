/**
 * 新增 / 编辑 两新组织. Validated with the same zod schema the core parses with, so the form and the
 * core say the same thing; the 统一社会信用代码 is checked as it is typed. Ctrl+S saves.
 */
import { Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  ANNUAL_CHECK_RESULTS,
  categoryOfSubtype,
  EVAL_GRADES,
  ORG_CATEGORIES,
  ORG_STATUSES,
  ORG_SUBTYPES,
} from '../../../shared/domain/codes';
import { usccKindWarning } from '../../../shared/rules/orgFlags';
import { checkUscc, normalizeUscc } from '../../../shared/rules/uscc';
import { orgFieldsSchema } from '../../../shared/schemas';
import type { OrgFields } from '../../../shared/types';
import { invoke } from '../api';
import { FormFrame, Loading } from '../common';
import { DateField } from '../DateField';
import { num, schemaValidate } from '../formErrors';
import { usePageFormSave } from '../formSave';
import { options } from '../ledgerBits';
import { useApi } from '../queries';
import { RegionSelect, useOwnRegion } from '../RegionSelect';
import { useSaveConflict } from '../saveConflict';

type FormValues = Omit<OrgFields, 'regionId' | 'employees' | 'formalMembers' | 'probationaryMembers' | 'activists'> & {
  regionId: string | null;
  employees: number | string;
  formalMembers: number | string;
  probationaryMembers: number | string;
  activists: number | string;
};

const blank: FormValues = {
  name: '',
  uscc: '',
  category: 'nonpublic',
  subtype: 'company',
  registrationAuthority: '',
  supervisorUnit: '',
  industry: '',
  regionId: null,
  address: '',
  legalRep: '',
  legalRepPhone: '',
  legalRepIsMember: false,
  investorIsMember: false,
  employees: 0,
  formalMembers: 0,
  probationaryMembers: 0,
  activists: 0,
  hasUnion: false,
  hasYouthLeague: false,
  hasWomenFederation: false,
  annualCheck: null,
  evalGrade: null,
  status: 'normal',
  outOfScope: false,
  outOfScopeReason: '',
  noPartyReason: '',
  plannedBuildDate: '',
  remarks: '',
};

function toForm(o: OrgFields): FormValues {
  const v: Record<string, unknown> = { ...o, regionId: String(o.regionId) };
  for (const [k, val] of Object.entries(v)) if (val === null && typeof blank[k as keyof FormValues] === 'string') v[k] = '';
  return v as FormValues;
}

/** The form refuses what the core's orgs.create would refuse, with its messages, before sending. */
const validateOrg = schemaValidate(orgFieldsSchema, (v: FormValues) => toInput(v));

function toInput(v: FormValues) {
  return {
    ...v,
    regionId: v.regionId ? Number(v.regionId) : undefined,
    employees: num(v.employees),
    formalMembers: num(v.formalMembers),
    probationaryMembers: num(v.probationaryMembers),
    activists: num(v.activists),
  };
}

/** What to say under the code field while it is typed: an error once it can be judged, else a hint. */
function usccFeedback(raw: string | null, subtype: FormValues['subtype'], blurred: boolean) {
  const code = normalizeUscc(raw ?? '');
  if (!code) return { error: null, warning: null, hint: '18位，可留空' };
  const r = checkUscc(code);
  if (!r.ok) {
    const badChar = /不是有效字符/.test(r.message);
    if (code.length >= 18 || badChar || blurred) return { error: r.message, warning: null, hint: null };
    return { error: null, warning: null, hint: `已输入 ${code.length} / 18 位` };
  }
  return { error: null, warning: usccKindWarning(code, subtype), hint: `校验通过${r.kindLabel ? `：${r.kindLabel}` : ''}` };
}

export function OrgFormPage({ id }: { id: number | null }) {
  const existing = useApi('orgs.get', { id: id ?? 0 }, { enabled: id != null });
  const ownRegion = useOwnRegion();
  if (id && !existing.data) return <Loading error={existing.error} />;
  return (
    <OrgForm id={id} version={existing.data?.version} initial={existing.data ? toForm(existing.data) : { ...blank, regionId: ownRegion }} />
  );
}

function OrgForm({ id, version, initial }: { id: number | null; version?: number; initial: FormValues }) {
  const navigate = useNavigate();
  const form = useForm<FormValues>({ initialValues: initial, validate: validateOrg, validateInputOnBlur: true });
  // The version loaded goes back with the save: someone else's save since is a conflict shown here.
  const stale = useSaveConflict(form, {
    entity: 'org',
    fields: Object.keys(blank),
    version,
    reload: async () => {
      const latest = await invoke('orgs.get', { id: id ?? 0 });
      return { values: toForm(latest), version: latest.version };
    },
  });
  const [usccBlurred, setUsccBlurred] = useState(false);
  const v = form.values;
  const uscc = usccFeedback(v.uscc, v.subtype, usccBlurred);
  const inspected = useApi('inspections.history', { orgId: id ?? 0 }, { enabled: id != null });

  const { save, saving } = usePageFormSave(form, {
    run: (values) => {
      const fields = orgFieldsSchema.parse(toInput(values));
      return id ? invoke('orgs.update', { id, version: stale.version, fields }) : invoke('orgs.create', fields);
    },
    after: (saved) => ({ message: `“${saved.name}”已保存`, to: `/orgs/${saved.id}` }),
    refused: stale.caught,
  });

  // The leave guard asks before a half-filled form is dropped.
  const cancel = () => navigate(id ? `/orgs/${id}` : '/orgs');

  const subtypes = ORG_SUBTYPES.filter((s) => s.category === v.category).map((s) => ({ value: s.code, label: s.label }));

  return (
    <FormFrame title={id ? `编辑：${initial.name}` : '新增两新组织'} saving={saving} onSave={() => void save()} onCancel={cancel}>
      {stale.panel}
      <Card withBorder>
        <Title order={4} mb="sm">
          基本信息
        </Title>
        <SimpleGrid cols={3}>
          <TextInput label="单位名称" withAsterisk {...form.getInputProps('name')} />
          <TextInput
            label="统一社会信用代码"
            {...form.getInputProps('uscc')}
            onBlur={() => setUsccBlurred(true)}
            error={form.errors.uscc ?? uscc.error}
            description={uscc.warning ? undefined : uscc.hint}
            // The hint goes under the box, so typing does not push the box out of line with its neighbours.
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <RegionSelect label="所属属地" withAsterisk {...form.getInputProps('regionId')} />
          <Select
            label="组织类别"
            data={options(ORG_CATEGORIES)}
            allowDeselect={false}
            {...form.getInputProps('category')}
            onChange={(c) => {
              if (!c) return;
              form.setFieldValue('category', c as FormValues['category']);
              const first = ORG_SUBTYPES.find((s) => s.category === c);
              if (first && categoryOfSubtype(v.subtype) !== c) form.setFieldValue('subtype', first.code);
            }}
          />
          <Select label="组织类型" data={subtypes} allowDeselect={false} {...form.getInputProps('subtype')} />
          <Select label="经营状态" data={options(ORG_STATUSES)} allowDeselect={false} {...form.getInputProps('status')} />
          <TextInput label="登记管理机关" {...form.getInputProps('registrationAuthority')} />
          <TextInput label="业务主管单位" {...form.getInputProps('supervisorUnit')} />
          <TextInput label="所属行业" {...form.getInputProps('industry')} />
          <TextInput label="地址" {...form.getInputProps('address')} style={{ gridColumn: 'span 2' }} />
          <Select
            label="年检（年报）结果"
            data={options(ANNUAL_CHECK_RESULTS)}
            clearable
            {...form.getInputProps('annualCheck')}
            // With 年检 recorded by year the result is the latest year's (社会组织年检 page), not typed here.
            disabled={!!inspected.data?.length}
            description={inspected.data?.length ? `取自${inspected.data[0]?.year}年度年检记录` : undefined}
          />
          <Select label="评估等级" data={options(EVAL_GRADES)} clearable {...form.getInputProps('evalGrade')} />
        </SimpleGrid>
        {uscc.warning && (
          <Text c="orange.8" size="sm" mt="xs" data-testid="uscc-warning">
            提示：{uscc.warning}
          </Text>
        )}
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          负责人与人员
        </Title>
        <SimpleGrid cols={4}>
          <TextInput label="法定代表人（负责人）" {...form.getInputProps('legalRep')} />
          <TextInput label="负责人电话" {...form.getInputProps('legalRepPhone')} />
          <Checkbox mt="xl" label="负责人是党员" {...form.getInputProps('legalRepIsMember', { type: 'checkbox' })} />
          <Checkbox mt="xl" label="出资人是党员" {...form.getInputProps('investorIsMember', { type: 'checkbox' })} />
          <NumberInput label="从业人员数" min={0} allowDecimal={false} {...form.getInputProps('employees')} />
          <NumberInput label="正式党员数" min={0} allowDecimal={false} {...form.getInputProps('formalMembers')} />
          <NumberInput label="预备党员数" min={0} allowDecimal={false} {...form.getInputProps('probationaryMembers')} />
          <NumberInput label="入党积极分子数" min={0} allowDecimal={false} {...form.getInputProps('activists')} />
        </SimpleGrid>
        <Group mt="md">
          <Checkbox label="已建工会" {...form.getInputProps('hasUnion', { type: 'checkbox' })} />
          <Checkbox label="已建共青团" {...form.getInputProps('hasYouthLeague', { type: 'checkbox' })} />
          <Checkbox label="已建妇联" {...form.getInputProps('hasWomenFederation', { type: 'checkbox' })} />
          <Text size="xs" c="dimmed">
            成立时间、人数等在组织页的“群团组织”中填写
          </Text>
        </Group>
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          党建情况与统计口径
        </Title>
        <SimpleGrid cols={3}>
          <TextInput label="未建党组织原因" {...form.getInputProps('noPartyReason')} />
          <DateField
            label="拟建时间"
            placeholder="如 2026-12-31"
            {...form.getInputProps('plannedBuildDate')}
            onChange={(d) => form.setFieldValue('plannedBuildDate', d ?? '')}
          />
          <div />
          <Checkbox mt="xs" label="不纳入统计（如已注销、异地经营）" {...form.getInputProps('outOfScope', { type: 'checkbox' })} />
          <TextInput
            label="不纳入统计原因"
            disabled={!v.outOfScope}
            {...form.getInputProps('outOfScopeReason')}
            style={{ gridColumn: 'span 2' }}
          />
        </SimpleGrid>
        <Textarea mt="sm" label="备注" autosize minRows={2} {...form.getInputProps('remarks')} />
      </Card>
    </FormFrame>
  );
}
