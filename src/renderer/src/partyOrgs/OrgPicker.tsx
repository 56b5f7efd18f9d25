/**
 * Picks the organizations a party organization covers: a server-side search (name, code, pinyin
 * initials) so it works at any ledger size, and the picked list with 移除. Organizations already
 * covered by another party organization are shown but cannot be picked.
 */
import { ActionIcon, Badge, Button, Group, Paper, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { CoverageStatus } from '../../../shared/domain/codes';
import { CoverageBadge } from '../ledgerBits';
import { useApi } from '../queries';

export interface PickedOrg {
  id: number;
  name: string;
  regionName: string;
  formalMembers: number;
}

export function OrgPicker({
  value,
  onChange,
  single,
  error,
  ownPartyOrgId,
}: {
  value: PickedOrg[];
  onChange: (v: PickedOrg[]) => void;
  single: boolean;
  error?: string | null;
  ownPartyOrgId: number | null;
}) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 80);
  const picked = value.map((o) => o.id);
  const { data } = useApi('orgs.list', { query: debounced, excludeIds: picked, limit: 12 }, { enabled: debounced !== '' });
  const full = single && value.length >= 1;

  const add = (o: PickedOrg) => {
    onChange(single ? [o] : [...value, o]);
    setQuery('');
  };

  return (
    <Stack gap="xs">
      <Group gap="xs" align="center">
        <Text size="sm" fw={500}>
          覆盖的两新组织
        </Text>
        <Text size="xs" c="dimmed">
          {single ? '单独组建：只能覆盖1个组织' : '可覆盖多个组织'} · 已选 {value.length} 个
        </Text>
      </Group>
      {value.length > 0 && (
        <Table withTableBorder data-testid="picked-orgs">
          <Table.Tbody>
            {value.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{o.name}</Table.Td>
                <Table.Td>{o.regionName}</Table.Td>
                <Table.Td>正式党员 {o.formalMembers} 名</Table.Td>
                <Table.Td w={40}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`移除${o.name}`}
                    onClick={() => onChange(value.filter((x) => x.id !== o.id))}
                  >
                    ✕
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <TextInput
        label={single && full ? '更换覆盖的组织' : '查找要覆盖的组织'}
        placeholder="输入名称、信用代码或拼音首字母"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        error={error}
      />
      {query && data && (
        <Paper withBorder p={4}>
          <ScrollArea.Autosize mah={280}>
            {data.rows.length === 0 && (
              <Text size="sm" c="dimmed" p="xs">
                没有找到
              </Text>
            )}
            {data.rows.map((o) => {
              const takenBy = o.partyOrg && o.partyOrg.id !== ownPartyOrgId ? o.partyOrg : null;
              return (
                <Group key={o.id} justify="space-between" p={6} wrap="nowrap">
                  <div>
                    <Text size="sm">{o.name}</Text>
                    <Group gap={6}>
                      <Text size="xs" c="dimmed">
                        {o.regionName} · 正式党员 {o.formalMembers} 名
                      </Text>
                      <CoverageBadge value={o.coverage as CoverageStatus} />
                      {takenBy && (
                        <Badge size="xs" color="gray" variant="outline">
                          已由“{takenBy.name}”覆盖
                        </Badge>
                      )}
                    </Group>
                  </div>
                  <Button
                    size="xs"
                    variant="light"
                    disabled={!!takenBy}
                    aria-label={`选择${o.name}`}
                    onClick={() => add({ id: o.id, name: o.name, regionName: o.regionName, formalMembers: o.formalMembers })}
                  >
                    {single && full ? '改为此组织' : '选择'}
                  </Button>
                </Group>
              );
            })}
          </ScrollArea.Autosize>
        </Paper>
      )}
    </Stack>
  );
}
