/** 设置 for the working ledger: the 软弱涣散 situation list, the venue threshold, the 验收 pass line, backup retention. */
import { ActionIcon, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { settingsSchema } from '../../../shared/schemas';
import { notifyDone, notifyError } from '../common';
import { apiFieldErrors } from '../formErrors';
import { useApiMutation, useSettings } from '../queries';

const workSchema = settingsSchema.pick({
  situations: true,
  venueThreshold: true,
  passLine: true,
  backupKeepDaily: true,
  backupKeepMonthly: true,
});

interface WorkValues {
  situations: string[];
  venueThreshold: number | string;
  passLine: number | string;
  backupKeepDaily: number | string;
  backupKeepMonthly: number | string;
}

export function WorkSettings() {
  const { data } = useSettings();
  const form = useForm<WorkValues>({
    initialValues: { situations: [], venueThreshold: 4, passLine: 70, backupKeepDaily: 7, backupKeepMonthly: 12 },
    validate: schemaResolver(workSchema, { sync: true }),
  });
  const update = useApiMutation('settings.update');
  const [added, setAdded] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the saved settings when they (re)load
  useEffect(() => {
    if (!data) return;
    const values = {
      situations: data.situations,
      venueThreshold: data.venueThreshold,
      passLine: data.passLine,
      backupKeepDaily: data.backupKeepDaily,
      backupKeepMonthly: data.backupKeepMonthly,
    };
    form.setValues(values);
    form.resetDirty(values);
  }, [data]);

  const save = form.onSubmit(async (values) => {
    try {
      await update.mutateAsync(workSchema.parse(values));
      notifyDone('整顿与备份设置已保存');
    } catch (e) {
      form.setErrors(apiFieldErrors(e));
      notifyError(e, '设置未保存');
    }
  });
  const situations = form.values.situations;
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        整顿与备份
      </Title>
      <form onSubmit={save}>
        <Stack>
          <Text size="sm" fw={500}>
            软弱涣散认定情形
          </Text>
          {situations.map((s, i) => (
            <Group key={s} gap="xs">
              <Text size="sm" w={24}>
                {i + 1}.
              </Text>
              <Text size="sm" style={{ flex: 1 }}>
                {s}
              </Text>
              <ActionIcon variant="subtle" color="red" aria-label={`删除情形“${s}”`} onClick={() => form.removeListItem('situations', i)}>
                ✕
              </ActionIcon>
            </Group>
          ))}
          {form.errors.situations && (
            <Text c="red" size="sm">
              {form.errors.situations}
            </Text>
          )}
          <Group>
            <TextInput
              placeholder="新增情形，如：党组织书记长期不在岗"
              value={added}
              onChange={(e) => setAdded(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button
              variant="default"
              disabled={!added.trim() || situations.includes(added.trim())}
              onClick={() => {
                form.insertListItem('situations', added.trim());
                setAdded('');
              }}
            >
              添加
            </Button>
          </Group>
          <Group grow align="flex-start">
            <NumberInput label="阵地建设达标项数（低于此数列入排查）" min={0} max={8} {...form.getInputProps('venueThreshold')} />
            <NumberInput
              label="验收合格线（分）"
              description="低于此分通过验收须写明理由"
              min={0}
              max={100}
              {...form.getInputProps('passLine')}
            />
          </Group>
          <Group grow align="flex-start">
            <NumberInput label="自动备份按日保留（天）" min={1} max={365} {...form.getInputProps('backupKeepDaily')} />
            <NumberInput label="自动备份按月保留（月）" min={0} max={120} {...form.getInputProps('backupKeepMonthly')} />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              保存
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
