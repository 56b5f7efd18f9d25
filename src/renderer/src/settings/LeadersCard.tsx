/**
 * 设置 → 包联领导: the leaders a case plan picks from. Added, edited, put in order; a leader who no
 * longer leads is 停用 (kept on the cases that name him), and only one no case names can be deleted.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { leaderFieldsSchema } from '../../../shared/schemas';
import type { Leader } from '../../../shared/types';
import { invoke } from '../api';
import { confirmDelete, errorText, notifyDone, notifyError } from '../common';
import { apiFieldErrors } from '../formErrors';
import { confirmDiscard } from '../leaveGuard';
import { useApi, useApiMutation } from '../queries';

const LEVEL_LABELS = { county: '县级', township: '乡镇级' } as const;

interface LeaderValues {
  name: string;
  title: string;
  unit: string;
  level: Leader['level'];
  active: boolean;
}

function LeaderForm({ editing, onClose }: { editing: Leader | null; onClose: () => void }) {
  const form = useForm<LeaderValues>({
    initialValues: editing
      ? { name: editing.name, title: editing.title ?? '', unit: editing.unit ?? '', level: editing.level, active: editing.active }
      : { name: '', title: '', unit: '', level: 'county', active: true },
    validate: schemaResolver(leaderFieldsSchema, { sync: true }),
  });
  const create = useApiMutation('leaders.create');
  const update = useApiMutation('leaders.update');
  const [error, setError] = useState<string | null>(null);
  const save = form.onSubmit(async (values) => {
    setError(null);
    try {
      const fields = leaderFieldsSchema.parse(values);
      const saved = editing ? await update.mutateAsync({ id: editing.id, ...fields }) : await create.mutateAsync(fields);
      notifyDone(`包联领导“${saved.name}”已保存`);
      onClose();
    } catch (e) {
      form.setErrors(apiFieldErrors(e));
      setError(errorText(e));
    }
  });
  const close = () => confirmDiscard(form.isDirty(), onClose);
  return (
    <Modal opened onClose={close} title={editing ? `编辑包联领导：${editing.name}` : '新增包联领导'}>
      <form onSubmit={save}>
        <Stack>
          <TextInput label="姓名" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <TextInput label="职务" placeholder="如：旗委常委、组织部部长" {...form.getInputProps('title')} />
          <TextInput label="单位" {...form.getInputProps('unit')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              层级
            </Text>
            <SegmentedControl
              data={[
                { value: 'county', label: '县级（包联县级领导）' },
                { value: 'township', label: '乡镇级（乡镇领导 / 第一书记）' },
              ]}
              {...form.getInputProps('level')}
            />
          </Stack>
          <Switch label="在用（停用后不再出现在整顿方案的选择中）" {...form.getInputProps('active', { type: 'checkbox' })} />
          {error && (
            <Text c="red" size="sm">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              取消
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              保存
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function LeadersCard() {
  const { data } = useApi('leaders.list', {});
  const [editing, setEditing] = useState<Leader | 'new' | null>(null);
  const leaders = data ?? [];
  const move = async (i: number, d: -1 | 1) => {
    const ids = leaders.map((l) => l.id);
    const [a, b] = [ids[i], ids[i + d]];
    if (a == null || b == null) return;
    ids[i] = b;
    ids[i + d] = a;
    try {
      await invoke('leaders.reorder', { ids });
    } catch (e) {
      notifyError(e, '未能调整顺序');
    }
  };
  const setActive = async (l: Leader, active: boolean) => {
    try {
      await invoke('leaders.update', { id: l.id, name: l.name, title: l.title, unit: l.unit, level: l.level, active });
      notifyDone(`“${l.name}”已${active ? '启用' : '停用'}`);
    } catch (e) {
      notifyError(e, '未能保存');
    }
  };
  return (
    <Card withBorder data-testid="leaders-card">
      <Group justify="space-between" mb="sm">
        <Title order={4}>包联领导</Title>
        <Button variant="default" onClick={() => setEditing('new')}>
          新增领导
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        整顿方案中的包联县级领导、乡镇领导从这里选择；名单外的人只能在方案中选“其他…”后填写。
      </Text>
      {leaders.length === 0 ? (
        <Text size="sm">还没有包联领导。</Text>
      ) : (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>顺序</Table.Th>
              <Table.Th>姓名</Table.Th>
              <Table.Th>职务</Table.Th>
              <Table.Th>单位</Table.Th>
              <Table.Th w={80}>层级</Table.Th>
              <Table.Th w={90}>包联对象</Table.Th>
              <Table.Th w={80}>在用</Table.Th>
              <Table.Th w={130}>操作</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {leaders.map((l, i) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon variant="subtle" aria-label={`上移${l.name}`} disabled={i === 0} onClick={() => void move(i, -1)}>
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`下移${l.name}`}
                      disabled={i === leaders.length - 1}
                      onClick={() => void move(i, 1)}
                    >
                      ↓
                    </ActionIcon>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {l.name}{' '}
                  {!l.active && (
                    <Badge size="sm" color="gray" variant="light">
                      已停用
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{l.title ?? '—'}</Table.Td>
                <Table.Td>{l.unit ?? '—'}</Table.Td>
                <Table.Td>{LEVEL_LABELS[l.level]}</Table.Td>
                <Table.Td>{l.caseCount}</Table.Td>
                <Table.Td>
                  <Switch aria-label={`${l.name}在用`} checked={l.active} onChange={(e) => void setActive(l, e.currentTarget.checked)} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="compact-sm" variant="subtle" onClick={() => setEditing(l)}>
                      编辑
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      disabled={l.caseCount > 0}
                      title={l.caseCount > 0 ? '有整顿对象选了该领导，不能删除，可停用' : undefined}
                      onClick={() =>
                        confirmDelete({
                          title: '删除包联领导',
                          body: `确定从名单中删除“${l.name}”吗？`,
                          name: l.name,
                          run: () => invoke('leaders.delete', { id: l.id }),
                          after: () => undefined,
                        })
                      }
                    >
                      删除
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <LeaderForm editing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
