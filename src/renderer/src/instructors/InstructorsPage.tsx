/**
 * 党建工作指导员: the list, 新增 / 编辑 in a dialog, and 选派 to an organization. An organization
 * with an active assignment and no party organization counts as 工作覆盖.
 */
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { todayIso } from '../../../shared/rules/dates';
import { assignSchema, instructorFieldsSchema } from '../../../shared/schemas';
import type { Instructor, InstructorFields } from '../../../shared/types';
import { invoke } from '../api';
import { usePageCommand } from '../commands';
import { hideErrors, Loading, notifyDone, notifyError } from '../common';
import { DateField, todayText } from '../DateField';
import { apiFieldErrors, schemaValidate } from '../formErrors';
import { ListSearch } from '../ListSearch';
import { confirmDiscard } from '../leaveGuard';
import { param, useSearchState } from '../listState';
import { useApi } from '../queries';
import { useSaveConflict } from '../saveConflict';
import { useCan } from '../session';

/** `?assignOrg=12` opens 选派 for that organization (from its page). */
const searchSchema = z.object({ assignOrg: param.id() });

const blank: InstructorFields = {
  name: '',
  unit: '',
  post: '',
  phone: '',
  fullTime: false,
  appointedDate: '',
  grids: '',
  remarks: '',
};

const toForm = (i: Instructor): InstructorFields => ({
  name: i.name,
  unit: i.unit ?? '',
  post: i.post ?? '',
  phone: i.phone ?? '',
  fullTime: i.fullTime,
  appointedDate: i.appointedDate ?? '',
  grids: i.grids ?? '',
  remarks: i.remarks ?? '',
});

const validateInstructor = schemaValidate(instructorFieldsSchema);

interface AssignValues {
  instructorId: string | null;
  orgId: string | null;
  fromDate: string;
  toDate: string;
}

/** 选派 as instructors.assign parses it: the pickers hold ids as text. */
const assignInput = (v: AssignValues) => ({
  ...v,
  instructorId: v.instructorId ? Number(v.instructorId) : undefined,
  orgId: v.orgId ? Number(v.orgId) : undefined,
});
const validateAssign = schemaValidate(assignSchema, assignInput);

/** 新增 or 编辑 an instructor; Ctrl+S saves while it is open. */
export function InstructorForm({
  editing,
  onClose,
  onSaved,
}: {
  editing: Instructor | null;
  onClose: () => void;
  onSaved: (i: Instructor) => void;
}) {
  const form = useForm<InstructorFields>({
    initialValues: editing ? toForm(editing) : blank,
    validate: validateInstructor,
    validateInputOnBlur: true,
  });
  const [saving, setSaving] = useState(false);
  // The version loaded goes back with the save: someone else's save since is a conflict shown here.
  const stale = useSaveConflict(form, {
    entity: 'instructor',
    fields: Object.keys(blank),
    version: editing?.version,
    reload: async () => {
      const latest = await invoke('instructors.get', { id: editing?.id ?? 0 });
      return { values: toForm(latest), version: latest.version };
    },
  });
  const save = form.onSubmit(async (values) => {
    if (saving) return;
    setSaving(true);
    try {
      const fields = instructorFieldsSchema.parse(values);
      const saved = editing
        ? await invoke('instructors.update', { id: editing.id, version: stale.version, fields })
        : await invoke('instructors.create', fields);
      notifyDone(`指导员“${saved.name}”已保存`);
      onSaved(saved);
    } catch (e) {
      // A save conflict is shown in the form with 载入最新内容; a toast would say it twice.
      if (stale.caught(e, values)) hideErrors();
      else {
        form.setErrors(apiFieldErrors(e));
        notifyError(e, '未能保存');
      }
    } finally {
      setSaving(false);
    }
  });
  usePageCommand('save', save);
  // A dialog, not a page: its own 取消 and close ask before typed input is dropped.
  const close = () => confirmDiscard(form.isDirty(), onClose);
  return (
    <Modal opened onClose={close} title={editing ? `编辑指导员：${editing.name}` : '新增指导员'} size="lg">
      <form onSubmit={save}>
        {stale.panel && <div style={{ marginBottom: 12 }}>{stale.panel}</div>}
        <SimpleGrid cols={2}>
          <TextInput label="姓名" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <TextInput label="联系电话" {...form.getInputProps('phone')} />
          <TextInput label="工作单位" {...form.getInputProps('unit')} />
          <TextInput label="职务" {...form.getInputProps('post')} />
          <DateField
            label="选派时间"
            placeholder="如 2025-03-01"
            {...form.getInputProps('appointedDate')}
            onChange={(d) => form.setFieldValue('appointedDate', d ?? '')}
            maxDate={todayText()}
          />
          <Checkbox mt="xl" label="专职指导员" {...form.getInputProps('fullTime', { type: 'checkbox' })} />
          <TextInput label="负责网格" {...form.getInputProps('grids')} style={{ gridColumn: 'span 2' }} />
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

/** 选派: one instructor to one organization from a date; either side may be fixed by the caller. */
export function AssignModal({
  instructorId,
  orgId,
  onClose,
  onDone,
}: {
  instructorId: number | null;
  orgId: number | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const form = useForm<AssignValues>({
    initialValues: {
      instructorId: instructorId ? String(instructorId) : null,
      orgId: orgId ? String(orgId) : null,
      fromDate: todayIso(),
      toDate: '',
    },
    validate: validateAssign,
    validateInputOnBlur: true,
  });
  const [orgQuery, setOrgQuery] = useState('');
  const [debounced] = useDebouncedValue(orgQuery.trim(), 80);
  const instructors = useApi('instructors.list', {});
  const fixedOrg = useApi('orgs.get', { id: orgId ?? 0 }, { enabled: orgId != null });
  const orgs = useApi('orgs.list', { query: debounced || undefined, limit: 30 }, { enabled: orgId == null, keepPrevious: true });
  const orgOptions = fixedOrg.data
    ? [{ value: String(fixedOrg.data.id), label: fixedOrg.data.name }]
    : (orgs.data?.rows ?? []).map((o) => ({ value: String(o.id), label: `${o.name}（${o.regionName}）` }));

  const submit = form.onSubmit(async (values) => {
    try {
      await invoke('instructors.assign', assignSchema.parse(assignInput(values)));
      notifyDone('已选派');
      onDone();
    } catch (e) {
      form.setErrors(apiFieldErrors(e));
      notifyError(e, '未能选派');
    }
  });
  const close = () => confirmDiscard(form.isDirty(), onClose);

  return (
    <Modal opened onClose={close} title="选派指导员" size="lg">
      <Stack>
        <Select
          label="指导员"
          searchable
          data={(instructors.data ?? []).map((i) => ({ value: String(i.id), label: `${i.name}${i.unit ? `（${i.unit}）` : ''}` }))}
          {...form.getInputProps('instructorId')}
          disabled={instructorId != null}
        />
        <Select
          label="两新组织"
          searchable
          searchValue={orgId ? undefined : orgQuery}
          onSearchChange={orgId ? undefined : setOrgQuery}
          filter={({ options }) => options}
          data={orgOptions}
          {...form.getInputProps('orgId')}
          disabled={orgId != null}
          placeholder="输入名称或拼音首字母查找"
          nothingFoundMessage="没有找到"
        />
        <Group grow>
          <DateField
            label="起始日期"
            {...form.getInputProps('fromDate')}
            onChange={(d) => form.setFieldValue('fromDate', d ?? '')}
            withAsterisk
          />
          <DateField label="截止日期（可留空）" {...form.getInputProps('toDate')} onChange={(d) => form.setFieldValue('toDate', d ?? '')} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            取消
          </Button>
          <Button onClick={() => submit()}>选派</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function InstructorsPage() {
  const navigate = useNavigate();
  const [params] = useSearchState(searchSchema);
  const assignOrg = params.assignOrg;
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Instructor | 'new' | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { data, error } = useApi('instructors.list', { query: query.trim() || undefined }, { keepPrevious: true });
  const canWrite = useCan('instructors.create');
  const canAssign = useCan('instructors.assign');
  usePageCommand('new', canWrite ? () => setEditing('new') : null);
  usePageCommand('search', () => searchRef.current?.focus());

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>党建工作指导员</Title>
        {canWrite && (
          <Button onClick={() => setEditing('new')} title="Ctrl+N">
            新增指导员
          </Button>
        )}
      </Group>
      <ListSearch ref={searchRef} initial="" onSearch={setQuery} placeholder="姓名或单位（Ctrl+F）" width={280} />
      {!data ? (
        <Loading error={error} />
      ) : (
        <>
          <Text size="sm">共 {data.length} 名指导员</Text>
          <Table striped highlightOnHover withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>姓名</Table.Th>
                <Table.Th>工作单位</Table.Th>
                <Table.Th>职务</Table.Th>
                <Table.Th>联系电话</Table.Th>
                <Table.Th>专职</Table.Th>
                <Table.Th ta="right">在任联系组织</Table.Th>
                {canWrite && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/instructors/${i.id}`}>
                      {i.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{i.unit ?? '—'}</Table.Td>
                  <Table.Td>{i.post ?? '—'}</Table.Td>
                  <Table.Td>{i.phone ?? '—'}</Table.Td>
                  <Table.Td>{i.fullTime ? <Badge variant="light">专职</Badge> : '兼职'}</Table.Td>
                  <Table.Td ta="right">{i.activeAssignments}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => setEditing(i)}>
                        编辑
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {editing && (
        <InstructorForm
          editing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
          }}
        />
      )}
      {assignOrg && canAssign && (
        <AssignModal
          instructorId={null}
          orgId={Number(assignOrg)}
          onClose={() => navigate(`/orgs/${assignOrg}`)}
          onDone={() => navigate(`/orgs/${assignOrg}`)}
        />
      )}
    </Stack>
  );
}
