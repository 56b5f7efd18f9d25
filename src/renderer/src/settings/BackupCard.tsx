/**
 * 备份: the automatic and manual backups in the ledger's backups folder, 立即备份 under an optional name,
 * and a checked restore (the current data is backed up first). The desktop app can also back up to and
 * restore from a file picked in the system dialog; browser mode deals in names in the folder only; the
 * server edition on PostgreSQL only explains that IT backs it up.
 */
import { Badge, Button, Card, Group, Table, Text, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useEffect, useState } from 'react';
import type { BackupInfo, BackupInspection } from '../../../shared/types';
import { ApiCallError, invoke } from '../api';
import { notifyDone, notifyError } from '../common';
import { useApi } from '../queries';
import { backupShell, unwrap } from './backupShell';

const RESTORED = 'backup.restoredMessage';

const size = (n: number) => (n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

/** The confirmation before a restore: when it was taken, what it holds or what is wrong with it. */
function confirmRestore(title: string, inspection: BackupInspection, run: () => Promise<{ safetyBackup: BackupInfo }>) {
  modals.openConfirmModal({
    title: '从备份恢复',
    size: 'lg',
    children: (
      <>
        <Text size="sm">{title}</Text>
        {inspection.ok ? (
          <Table my="xs" withTableBorder striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>记录</Table.Th>
                <Table.Th ta="right">备份中</Table.Th>
                {inspection.current && <Table.Th ta="right">当前（恢复后将被替换）</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Object.entries(inspection.counts).map(([k, n]) => (
                <Table.Tr key={k}>
                  <Table.Td>{k}</Table.Td>
                  <Table.Td ta="right">{n}</Table.Td>
                  {inspection.current && <Table.Td ta="right">{inspection.current[k] ?? 0}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
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
        const r = await run();
        // The page reloads at once with the restored data: the message is shown after the reload.
        sessionStorage.setItem(RESTORED, `已恢复；恢复前的数据已备份为 ${r.safetyBackup.name}`);
        window.location.reload();
      } catch (e) {
        notifyError(e, '恢复未完成，当前数据未改变');
      }
    },
  });
}

/**
 * The server edition on PostgreSQL keeps no backup files of its own: the county's IT people back the
 * database up with pg_dump (README「服务器版（县级内网）」), so the page says so instead of offering buttons.
 */
function ServerBackupNote() {
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        备份与恢复
      </Title>
      <Text size="sm">
        服务器版的数据保存在单位的 PostgreSQL 数据库中，由信息中心（系统管理员）用 pg_dump 定期备份、用 pg_restore
        恢复，本页不提供备份和恢复按钮。
      </Text>
      <Text size="sm" mt="xs">
        需要找回某一天的数据时，请联系信息中心，说明要恢复到的日期；恢复会替换全县所有人当时以后的修改，请先与各乡镇经办确认。
      </Text>
    </Card>
  );
}

export function BackupCard() {
  const { data: me } = useApi('auth.me', {});
  if (!me) return null;
  return me.engine === 'postgres' ? <ServerBackupNote /> : <FileBackups />;
}

function FileBackups() {
  const { data, refetch: reload } = useApi('backup.list', {});
  const [name, setName] = useState('');
  useEffect(() => {
    const restored = sessionStorage.getItem(RESTORED);
    if (!restored) return;
    sessionStorage.removeItem(RESTORED);
    notifyDone(restored);
  }, []);
  const desktop = backupShell();
  const create = async (overwrite: boolean) => {
    const typed = name.trim();
    const fileName = typed && !typed.toLowerCase().endsWith('.sqlite') ? `${typed}.sqlite` : typed;
    try {
      const b = await invoke('backup.create', fileName ? { name: fileName, overwrite } : {});
      notifyDone(`已备份：${b.name}`);
      setName('');
      reload();
    } catch (e) {
      if (e instanceof ApiCallError && e.error.code === 'conflict' && !overwrite) {
        modals.openConfirmModal({
          title: '已有同名备份',
          children: <Text size="sm">备份文件夹中已有“{fileName}”。用当前数据覆盖它吗？</Text>,
          labels: { confirm: '覆盖', cancel: '取消' },
          confirmProps: { color: 'red' },
          onConfirm: () => void create(true),
        });
      } else notifyError(e, '备份未完成');
    }
  };
  const saveElsewhere = async () => {
    if (!desktop) return;
    try {
      const r = await unwrap(desktop.backupToFile());
      if (r.saved && r.backup) notifyDone(`已备份：${r.backup.name}`);
    } catch (e) {
      notifyError(e, '备份未完成');
    }
  };
  const restore = async (b: BackupInfo) => {
    let inspection: BackupInspection;
    try {
      inspection = await invoke('backup.inspect', { name: b.name });
    } catch (e) {
      return notifyError(e, '无法读取备份');
    }
    confirmRestore(`备份“${b.name}”，备份时间：${b.at.replace('T', ' ')}（${b.reasonLabel}）`, inspection, () =>
      invoke('backup.restore', { name: b.name }),
    );
  };
  const restoreFromFile = async () => {
    if (!desktop) return;
    try {
      const r = await unwrap(desktop.pickRestoreFile());
      if (r.picked && r.inspection) confirmRestore(`备份文件：${r.inspection.name}`, r.inspection, () => unwrap(desktop.restorePicked()));
    } catch (e) {
      notifyError(e, '无法读取备份');
    }
  };
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>备份与恢复</Title>
        <Group align="flex-end">
          <TextInput
            placeholder="备份文件名（可留空），如 2026年11月底"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.nativeEvent.isComposing) void create(false);
            }}
            w={300}
            aria-label="备份文件名"
          />
          <Button onClick={() => create(false)}>立即备份</Button>
          {desktop && (
            <>
              <Button variant="default" onClick={saveElsewhere}>
                另存到…
              </Button>
              <Button variant="default" color="red" onClick={restoreFromFile}>
                从文件恢复…
              </Button>
            </>
          )}
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        程序启动和退出时自动备份到数据文件旁的 backups 文件夹，并按上面的保留天数、月数轮换；立即备份也写在那里。
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
            <Table.Tr key={b.name}>
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
