/** 账号管理 (系统管理员): the accounts, who each is, what they may do and where, and their state. */
import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { labelOf } from '../../../shared/domain/codes';
import { ROLES } from '../../../shared/domain/roles';
import type { Account } from '../../../shared/records/accounts';
import { invoke } from '../api';
import { Loading, notifyDone, notifyError } from '../common';
import { formatStamp } from '../ledgerBits';
import { useApi, useRegions } from '../queries';
import { useAccount } from '../session';
import { ResetPasswordDialog, UserDialog } from './UserDialog';

function StateBadge({ user }: { user: Account }) {
  if (!user.enabled) return <Badge color="gray">已停用</Badge>;
  if (user.lockedUntil && Date.parse(user.lockedUntil) > Date.now()) return <Badge color="orange">已锁定</Badge>;
  if (user.mustChangePassword) return <Badge color="yellow">待改密码</Badge>;
  return <Badge color="green">正常</Badge>;
}

function confirmEnabled(user: Account, enabled: boolean) {
  modals.openConfirmModal({
    title: enabled ? '启用账号' : '停用账号',
    children: (
      <Text size="sm">
        {enabled
          ? `启用后“${user.name}（${user.userName}）”可以重新登录。`
          : `停用后“${user.name}（${user.userName}）”不能再登录，正在使用的会话也会立即结束。以往的操作记录保留。`}
      </Text>
    ),
    labels: { confirm: enabled ? '启用' : '停用', cancel: '取消' },
    confirmProps: { color: enabled ? undefined : 'red' },
    onConfirm: async () => {
      try {
        await invoke('users.update', { id: user.id, enabled });
        notifyDone(`账号“${user.userName}”已${enabled ? '启用' : '停用'}`);
      } catch (e) {
        notifyError(e);
      }
    },
  });
}

export function UsersPage() {
  const { data, error } = useApi('users.list', {});
  const regions = useRegions();
  const me = useAccount();
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const regionName = new Map((regions.data ?? []).map((r) => [r.id, r.name]));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>账号管理</Title>
        <Button onClick={() => setEditing('new')}>新建账号</Button>
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <Card withBorder p={0}>
          <Table highlightOnHover data-testid="users-table" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>用户名</Table.Th>
                <Table.Th>姓名</Table.Th>
                <Table.Th>角色</Table.Th>
                <Table.Th>负责属地</Table.Th>
                <Table.Th>状态</Table.Th>
                <Table.Th>最近登录</Table.Th>
                <Table.Th>锁定至</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.userName}</Table.Td>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{labelOf(ROLES, u.role)}</Table.Td>
                  <Table.Td>{u.regionIds.length ? u.regionIds.map((id) => regionName.get(id) ?? `属地${id}`).join('、') : '—'}</Table.Td>
                  <Table.Td>
                    <StateBadge user={u} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{u.lastLoginAt ? formatStamp(u.lastLoginAt) : '从未登录'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? formatStamp(u.lockedUntil) : ''}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setEditing(u)}>
                        编辑
                      </Button>
                      <Button size="xs" variant="subtle" onClick={() => setResetting(u)}>
                        重置密码
                      </Button>
                      {u.id !== me?.id && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color={u.enabled ? 'red' : undefined}
                          onClick={() => confirmEnabled(u, !u.enabled)}
                        >
                          {u.enabled ? '停用' : '启用'}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {editing && <UserDialog user={editing} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />}
    </Stack>
  );
}
