/** 登录日志 (审计员, 系统管理员): every login, failure, lockout, sign-out and password change, by account and event. */
import { Button, Card, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { z } from 'zod';
import { labelOf } from '../../../shared/domain/codes';
import { LOGIN_EVENTS, type LoginEvent } from '../../../shared/records/accounts';
import { invoke } from '../api';
import { Loading, notifyError } from '../common';
import { allPages, saveCsv, toCsv } from '../csvExport';
import { formatStamp } from '../ledgerBits';
import { param, useSearchState } from '../listState';
import { useApi } from '../queries';

const PAGE = 30;

const searchSchema = z.object({
  userName: z.string().max(32).optional().catch(undefined),
  event: param.oneOf(LOGIN_EVENTS.map((e) => e.code)),
  page: param.page(),
});

export function LoginLogPage() {
  const [params, update] = useSearchState(searchSchema);
  const [typed, setTyped] = useState(params.userName ?? '');
  const filters = { userName: params.userName || undefined, event: (params.event as LoginEvent | undefined) ?? undefined };
  const { data, error } = useApi('loginLog.list', { ...filters, offset: (params.page - 1) * PAGE, limit: PAGE }, { keepPrevious: true });
  const [exporting, setExporting] = useState(false);
  const exportRows = async () => {
    setExporting(true);
    try {
      const rows = await allPages((offset, limit) => invoke('loginLog.list', { ...filters, offset, limit }));
      await saveCsv(
        '登录日志.csv',
        toCsv(
          ['时间', '用户名', '事件', '说明', '来源地址'],
          rows.map((r) => [formatStamp(r.at), r.userName, labelOf(LOGIN_EVENTS, r.event), r.detail, r.address]),
        ),
      );
    } catch (e) {
      notifyError(e, '导出未完成');
    } finally {
      setExporting(false);
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>登录日志</Title>
        <Button variant="default" onClick={exportRows} loading={exporting} disabled={!data?.total}>
          导出
        </Button>
      </Group>
      <Group align="flex-end">
        <TextInput
          label="用户名"
          placeholder="全部"
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          onBlur={() => update({ userName: typed.trim() || undefined, page: 1 })}
          onKeyDown={(e) => e.key === 'Enter' && update({ userName: typed.trim() || undefined, page: 1 })}
          w={160}
        />
        <Select
          label="事件"
          placeholder="全部"
          data={LOGIN_EVENTS.map((e) => ({ value: e.code, label: e.label }))}
          value={filters.event ?? null}
          onChange={(v) => update({ event: v ?? undefined, page: 1 })}
          clearable
          w={140}
        />
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <Card withBorder p={0}>
          <Table highlightOnHover data-testid="login-log-table" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>时间</Table.Th>
                <Table.Th>用户名</Table.Th>
                <Table.Th>事件</Table.Th>
                <Table.Th>说明</Table.Th>
                <Table.Th>来源地址</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatStamp(r.at)}</Table.Td>
                  <Table.Td>{r.userName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{labelOf(LOGIN_EVENTS, r.event)}</Table.Td>
                  <Table.Td>{r.detail ?? ''}</Table.Td>
                  <Table.Td>{r.address ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.total === 0 && (
            <Text c="dimmed" p="md">
              没有记录
            </Text>
          )}
          <Group justify="space-between" p="sm">
            <Text size="sm" c="dimmed">
              共 {data.total} 条
            </Text>
            <Pagination total={Math.max(1, Math.ceil(data.total / PAGE))} value={params.page} onChange={(p) => update({ page: p })} />
          </Group>
        </Card>
      )}
    </Stack>
  );
}
