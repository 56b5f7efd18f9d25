/**
 * 党员发展 on an organization's page: its figures year by year, a year edited in a dialog, a past year entered
 * by mistake deleted (the current year is the organization's own counts, so it is only changed).
 */
import { Button, Card, Group, Modal, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { type MemberYear, memberYearSetSchema } from '../../../shared/records/memberYears';
import { invoke } from '../api';
import { confirmDelete, Loading, notifyDone, notifyError } from '../common';
import { todayText } from '../DateField';
import { apiFieldErrors, num, schemaValidate } from '../formErrors';
import { confirmDiscard } from '../leaveGuard';
import { useApi, useApiMutation } from '../queries';
import { useCan } from '../session';

const FIGURES = [
  ['formal', '正式党员'],
  ['probationary', '预备党员'],
  ['activists', '入党积极分子'],
  ['candidates', '发展对象'],
  ['newMembers', '新发展党员'],
] as const;

type FigureKey = (typeof FIGURES)[number][0];
type Values = { year: string } & Record<FigureKey, number | string>;

const thisYear = () => Number(todayText().slice(0, 4));

export function MemberYearsCard({ orgId, orgName }: { orgId: number; orgName: string }) {
  const { data, error } = useApi('memberYears.list', { orgId });
  const [editing, setEditing] = useState<MemberYear | { year: number } | null>(null);
  const canWrite = useCan('memberYears.set');
  const recorded = new Set((data ?? []).map((y) => y.year));
  // 录入往年 offers the latest year not yet recorded.
  let nextYear = thisYear();
  while (recorded.has(nextYear)) nextYear--;

  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>党员发展</Title>
        {canWrite && (
          <Button size="xs" variant="default" onClick={() => setEditing({ year: nextYear })}>
            录入往年
          </Button>
        )}
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : data.length === 0 ? (
        <Text c="dimmed">尚无各年度党员发展情况</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>年度</Table.Th>
              {FIGURES.map(([k, label]) => (
                <Table.Th key={k} ta="right">
                  {label}
                </Table.Th>
              ))}
              {canWrite && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((y) => (
              <Table.Tr key={y.year}>
                <Table.Td>
                  {y.year}年{y.year === thisYear() ? '（当年）' : ''}
                </Table.Td>
                {FIGURES.map(([k]) => (
                  <Table.Td key={k} ta="right">
                    {y[k]}
                  </Table.Td>
                ))}
                {canWrite && (
                  <Table.Td ta="right">
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(y)}>
                        修改
                      </Button>
                      {y.year !== thisYear() && (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => removeYear(orgName, y)}>
                          删除
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <MemberYearModal orgId={orgId} orgName={orgName} start={editing} recorded={recorded} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function removeYear(orgName: string, y: MemberYear) {
  confirmDelete({
    title: '删除党员发展记录',
    name: `${orgName} ${y.year}年度党员发展情况`,
    body: `确定删除“${orgName}”${y.year}年度的党员发展情况吗？只删除误录的年度；删除前的数字保留在操作日志里。`,
    run: () => invoke('memberYears.delete', { orgId: y.orgId, year: y.year }),
    after: () => {},
  });
}

function MemberYearModal(props: {
  orgId: number;
  orgName: string;
  start: MemberYear | { year: number };
  recorded: Set<number>;
  onClose: () => void;
}) {
  const s = props.start as Partial<MemberYear> & { year: number };
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      year: String(s.year),
      formal: s.formal ?? 0,
      probationary: s.probationary ?? 0,
      activists: s.activists ?? 0,
      candidates: s.candidates ?? 0,
      newMembers: s.newMembers ?? 0,
    },
    validate: schemaValidate(memberYearSetSchema, (v: Values) => toInput(props.orgId, v)),
  });
  const set = useApiMutation('memberYears.set');
  const close = () => confirmDiscard(form.isDirty(), props.onClose);
  const save = form.onSubmit(async (values) => {
    try {
      await set.mutateAsync(toInput(props.orgId, values));
      notifyDone(`已保存“${props.orgName}”${values.year}年度党员发展情况`);
      props.onClose();
    } catch (e) {
      form.setErrors(apiFieldErrors(e));
      notifyError(e, '党员发展情况未保存');
    }
  });
  const years = Array.from({ length: 10 }, (_, i) => String(thisYear() - i));
  const year = Number(form.values.year);

  return (
    <Modal opened onClose={close} title={`党员发展：${props.orgName}`}>
      <form onSubmit={save}>
        <Stack>
          <Select
            label="年度"
            data={years.map((y) => ({ value: y, label: `${y}年` }))}
            allowDeselect={false}
            withAsterisk
            {...form.getInputProps('year')}
          />
          {year === thisYear() && (
            <Text size="sm" c="dimmed">
              当年的正式党员、预备党员、入党积极分子数也是组织本身的党员数，保存后一并更新。
            </Text>
          )}
          {year !== Number(s.year) && props.recorded.has(year) && (
            <Text size="sm" c="orange">
              {year}年度已有记录，保存将覆盖原有数字。
            </Text>
          )}
          <Group grow>
            {FIGURES.slice(0, 3).map(([k, label]) => (
              <NumberInput key={k} label={label} min={0} allowDecimal={false} suffix="人" {...form.getInputProps(k)} />
            ))}
          </Group>
          <Group grow>
            {FIGURES.slice(3).map(([k, label]) => (
              <NumberInput key={k} label={label} min={0} allowDecimal={false} suffix="人" {...form.getInputProps(k)} />
            ))}
            <div />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              取消
            </Button>
            <Button type="submit" loading={set.isPending}>
              保存
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function toInput(orgId: number, v: Values) {
  return {
    orgId,
    year: Number(v.year),
    formal: num(v.formal),
    probationary: num(v.probationary),
    activists: num(v.activists),
    candidates: num(v.candidates),
    newMembers: num(v.newMembers),
  };
}
