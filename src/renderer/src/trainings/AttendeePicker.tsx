/**
 * 参训人员: picked from the party organizations' 书记 (searched on the server by name, pinyin initials
 * or the 书记's name), from the instructors, or typed as a name with its unit. One row per person.
 */
import { ActionIcon, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { attendeeKey, type TrainingAttendee } from '../../../shared/records/trainings';
import type { PartyOrgListRow } from '../../../shared/types';
import { PartyOrgPicker } from '../PartyOrgPicker';
import { useApi } from '../queries';

export function AttendeePicker({
  value,
  onChange,
  error,
  readOnly = false,
}: {
  value: TrainingAttendee[];
  onChange: (v: TrainingAttendee[]) => void;
  error?: string | null;
  /** Only the list: nothing to add or remove. */
  readOnly?: boolean;
}) {
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('');
  const taken = new Set(value.map(attendeeKey));
  const instructors = useApi('instructors.list', {});
  const add = (a: TrainingAttendee) => {
    if (!taken.has(attendeeKey(a))) onChange([...value, a]);
  };
  const instructorOptions = (instructors.data ?? [])
    .filter((i) => !taken.has(`i:${i.id}`))
    .map((i) => ({ value: String(i.id), label: `${i.name}${i.unit ? `（${i.unit}）` : ''}` }));

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        已登记 {value.length} 人。{readOnly ? '' : '可从党组织书记、指导员中选择，也可直接填写姓名和单位。'}
      </Text>
      {value.length > 0 && (
        <Table withTableBorder data-testid="picked-attendees">
          <Table.Tbody>
            {value.map((a) => (
              <Table.Tr key={attendeeKey(a)}>
                <Table.Td>{a.label}</Table.Td>
                <Table.Td w={110}>{a.partyOrgId != null ? '党组织书记' : a.instructorId != null ? '指导员' : '其他人员'}</Table.Td>
                {!readOnly && (
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`移除${a.label}`}
                      onClick={() => onChange(value.filter((x) => attendeeKey(x) !== attendeeKey(a)))}
                    >
                      ✕
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {error && (
        <Text c="red" size="sm">
          {error}
        </Text>
      )}
      {!readOnly && (
        <>
          <SimpleGrid cols={2}>
            <PartyOrgPicker
              label="添加党组织书记"
              placeholder="输入党组织名称、拼音首字母或书记姓名"
              withAsterisk={false}
              value={null}
              clearOnPick
              offer={(p) => !!p.secretaryName && !taken.has(`p:${p.id}`)}
              optionLabel={secretaryLabel}
              nothingFound="没有找到有书记的党组织"
              onChange={(_, p) => {
                if (p) add({ partyOrgId: p.id, instructorId: null, name: p.secretaryName, unit: null, label: secretaryLabel(p) });
              }}
            />
            <Select
              label="添加指导员"
              placeholder="输入姓名查找"
              searchable
              data={instructorOptions}
              value={null}
              nothingFoundMessage="没有找到"
              onChange={(v) => {
                const i = instructors.data?.find((x) => String(x.id) === v);
                if (i) add({ partyOrgId: null, instructorId: i.id, name: i.name, unit: null, label: `${i.name}（指导员）` });
              }}
            />
          </SimpleGrid>
          <Group align="flex-end">
            <TextInput label="其他人员姓名" value={name} onChange={(e) => setName(e.currentTarget.value)} w={160} />
            <TextInput label="单位" value={unit} onChange={(e) => setUnit(e.currentTarget.value)} w={280} />
            <Button
              variant="default"
              disabled={!name.trim()}
              onClick={() => {
                const n = name.trim();
                const u = unit.trim() || null;
                add({ partyOrgId: null, instructorId: null, name: n, unit: u, label: u ? `${n}（${u}）` : n });
                setName('');
                setUnit('');
              }}
            >
              添加
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

const secretaryLabel = (p: PartyOrgListRow) => `${p.secretaryName}（${p.name}书记）`;
