/** 备份: the automatic and manual backups, 立即备份, and a checked restore (the current data is backed up first). */
import { Badge, Button, Card, Group, List, Table, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import type { BackupInfo } from '../../../shared/types';
import { invoke } from '../api';
import { notifyDone, notifyError, useLoad } from '../common';

const size = (n: number) => (n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

export function BackupCard() {
  const { data, reload } = useLoad(() => invoke('backup.list', {}), []);
  const [target, setTarget] = useState('');
  const now = async () => {
    try {
      const b = await invoke('backup.create', target.trim() ? { file: target.trim() } : {});
      notifyDone(`已备份到 ${b.file}`);
      reload();
    } catch (e) {
      notifyError(e, '备份未完成');
    }
  };
  const restore = async (b: BackupInfo) => {
    let inspection: Awaited<ReturnType<typeof invoke<'backup.inspect'>>>;
    try {
      inspection = await invoke('backup.inspect', { file: b.file });
    } catch (e) {
      return notifyError(e, '无法读取备份');
    }
    modals.openConfirmModal({
      title: '从备份恢复',
      size: 'lg',
      children: (
        <>
          <Text size="sm">
            备份时间：{b.at.replace('T', ' ')}（{b.reasonLabel}）
          </Text>
          {inspection.ok ? (
            <List size="sm" my="xs">
              {Object.entries(inspection.counts).map(([k, n]) => (
                <List.Item key={k}>
                  {k}：{n}
                </List.Item>
              ))}
            </List>
          ) : (
            <Text c="red" size="sm">
              备份文件有问题：{inspection.problems.join('；')}
            </Text>
          )}
          <Text size="sm" fw={700}>
            恢复将用这份备份替换当前全部数据；替换前会先把当前数据另行备份。确定恢复吗？
          </Text>
        </>
      ),
      labels: { confirm: '恢复', cancel: '取消' },
      confirmProps: { color: 'red', disabled: !inspection.ok },
      onConfirm: async () => {
        try {
          const r = await invoke('backup.restore', { file: b.file });
          notifyDone(`已恢复；恢复前的数据备份在 ${r.safetyBackup.file}`);
          window.location.reload();
        } catch (e) {
          notifyError(e, '恢复未完成，当前数据未改变');
        }
      },
    });
  };
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>备份与恢复</Title>
        <Group align="flex-end">
          <TextInput
            placeholder="备份到指定文件（可留空），如 E:\\台账备份\\2026-11.sqlite"
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            w={380}
            aria-label="备份到指定文件"
          />
          <Button onClick={now}>立即备份</Button>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        程序启动和退出时自动备份，并按上面的保留天数、月数轮换。
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>时间</Table.Th>
            <Table.Th>类型</Table.Th>
            <Table.Th>大小</Table.Th>
            <Table.Th>文件</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(data ?? []).map((b) => (
            <Table.Tr key={b.file}>
              <Table.Td>{b.at.replace('T', ' ')}</Table.Td>
              <Table.Td>
                <Badge variant="light">{b.reasonLabel}</Badge>
              </Table.Td>
              <Table.Td>{size(b.size)}</Table.Td>
              <Table.Td fz="xs">{b.name}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" color="red" onClick={() => restore(b)}>
                  恢复
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data?.length === 0 && (
        <Text size="sm" c="dimmed" p="xs">
          暂无备份。下次启动时将自动备份，也可点“立即备份”。
        </Text>
      )}
    </Card>
  );
}
