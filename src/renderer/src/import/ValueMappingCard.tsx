/**
 * 值的对应: the words of a sheet's coded columns that the code tables cannot decide (企业, 其他 …),
 * each asked once however many rows carry it; the answer is remembered for the next import.
 */
import { Alert, Badge, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { Input } from '../../../shared/contract';
import type { ImportPreview } from '../../../shared/types';

/** Field key → {word of the sheet → code}, as `import.preview` takes it. */
export type ValueMapping = NonNullable<Input<'import.preview'>['valueMapping']>;

/** The answers a preview already carries (given this time or remembered). */
export function valueMappingOf(preview: ImportPreview): ValueMapping {
  const out: ValueMapping = {};
  for (const q of preview.valueQuestions) {
    out[q.key] = Object.fromEntries(q.words.filter((w) => w.code).map((w) => [w.word, w.code as string]));
  }
  return out;
}

export function ValueMappingCard({ preview, onChange }: { preview: ImportPreview; onChange: (m: ValueMapping) => void }) {
  const open = preview.valueQuestions.reduce((n, q) => n + q.words.filter((w) => !w.code).length, 0);
  return (
    <Card withBorder data-testid="value-mapping">
      <Title order={4} mb="xs">
        值的对应（表中这些写法不能确定是哪一项，请各选一次；下次导入自动沿用）
      </Title>
      {open > 0 && (
        <Alert color="yellow" mb="sm">
          还有 {open} 种写法未指定，用到它们的行暂为错误。
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {preview.valueQuestions.map((q) => (
          <Stack key={q.key} gap={4}>
            <Text fw={600} size="sm">
              {q.label}
            </Text>
            <Table withTableBorder fz="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>表中写法</Table.Th>
                  <Table.Th w={70}>行数</Table.Th>
                  <Table.Th w={240}>对应为</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.words.map((w) => (
                  <Table.Tr key={w.word}>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm">“{w.word}”</Text>
                        {!w.code && (
                          <Badge color="yellow" variant="light" size="sm">
                            待指定
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{w.rows} 行</Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        placeholder="请选择"
                        aria-label={`“${w.word}”对应的${q.label}`}
                        data={q.options.map((o) => ({ value: o.code, label: o.label }))}
                        value={w.code}
                        allowDeselect={false}
                        onChange={(code) => {
                          if (!code) return;
                          const m = valueMappingOf(preview);
                          onChange({ ...m, [q.key]: { ...m[q.key], [w.word]: code } });
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {q.omitted > 0 && (
              <Text size="sm" c="red">
                另有 {q.omitted} 种写法未列出：请检查这一列是否对应正确，或在表格中改为可识别的写法。
              </Text>
            )}
          </Stack>
        ))}
      </SimpleGrid>
    </Card>
  );
}
