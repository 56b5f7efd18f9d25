/**
 * A plan's 包联领导 and 指导员 are picked from the lists (设置 → 包联领导, the instructor records); a
 * name not on them is typed only after choosing the explicit last option “其他…”.
 */
import { Select, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { Leader } from '../../../shared/types';
import { useApi } from '../queries';
import { type ActionValues, OTHER } from './actionForm';

type Form = UseFormReturnType<ActionValues>;

const OTHER_OPTION = { value: OTHER, label: '其他…' };

export const leaderLabel = (l: Pick<Leader, 'name' | 'title'>) => (l.title ? `${l.name}（${l.title}）` : l.name);

const LEVELS = {
  county: { label: '包联县级领导', pick: 'county', id: 'plan.leaderCountyId', text: 'plan.leaderCounty', required: true },
  township: { label: '乡镇领导 / 第一书记', pick: 'township', id: 'plan.leaderTownshipId', text: 'plan.leaderTownship', required: false },
} as const;

export function LeaderPicker({ form, level }: { form: Form; level: 'county' | 'township' }) {
  const l = LEVELS[level];
  const { data } = useApi('leaders.list', {});
  const current = form.values.picks[l.pick];
  // A leader since deactivated stays on the case that has him; others pick among the active ones.
  const options = (data ?? [])
    .filter((x) => x.level === level && (x.active || String(x.id) === current))
    .map((x) => ({ value: String(x.id), label: leaderLabel(x) }));
  return (
    <Stack gap={4}>
      <Select
        label={l.label}
        placeholder={options.length ? '请选择' : '名单为空，可选“其他…”'}
        data={[...options, OTHER_OPTION]}
        value={current}
        onChange={(v) => {
          form.setFieldValue(`picks.${l.pick}`, v);
          form.setFieldValue(l.id, v && v !== OTHER ? Number(v) : null);
          if (v !== OTHER) form.setFieldValue(l.text, '');
        }}
        clearable={!l.required}
        allowDeselect={!l.required}
        searchable
        nothingFoundMessage="名单中没有，请选“其他…”"
        withAsterisk={l.required}
        error={form.errors[l.id]}
      />
      {current === OTHER && (
        <TextInput aria-label={`${l.label}（其他）`} placeholder="姓名，可加职务，如：李红梅（旗委常委）" {...form.getInputProps(l.text)} />
      )}
    </Stack>
  );
}

export function InstructorPicker({ form }: { form: Form }) {
  const { data } = useApi('instructors.list', {});
  const current = form.values.picks.instructor;
  const options = (data ?? []).map((i) => ({ value: String(i.id), label: i.unit ? `${i.name}（${i.unit}）` : i.name }));
  return (
    <Stack gap={4}>
      <Select
        label="指导员"
        placeholder="输入姓名查找"
        data={[...options, OTHER_OPTION]}
        value={current}
        onChange={(v) => {
          form.setFieldValue('picks.instructor', v);
          form.setFieldValue('plan.instructorId', v && v !== OTHER ? Number(v) : null);
          if (v !== OTHER) form.setFieldValue('plan.instructorName', '');
        }}
        searchable
        clearable
        limit={50}
        nothingFoundMessage="没有这位指导员，请选“其他…”"
        error={form.errors['plan.instructorId']}
      />
      {current === OTHER && (
        <TextInput aria-label="指导员（其他）" placeholder="指导员姓名" {...form.getInputProps('plan.instructorName')} />
      )}
    </Stack>
  );
}
