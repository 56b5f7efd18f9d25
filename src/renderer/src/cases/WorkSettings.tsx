/** 设置 for the working ledger: the 软弱涣散 situation list, the venue threshold, backup retention. */
import { ActionIcon, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { invoke } from '../api';
import { notifyDone, notifyError } from '../common';
import { useSettings } from '../queries';

export function WorkSettings() {
  const { data } = useSettings();
  const [situations, setSituations] = useState<string[]>([]);
  const [threshold, setThreshold] = useState<number | string>(4);
  const [daily, setDaily] = useState<number | string>(7);
  const [monthly, setMonthly] = useState<number | string>(12);
  const [added, setAdded] = useState('');
  useEffect(() => {
    if (!data) return;
    setSituations(data.situations);
    setThreshold(data.venueThreshold);
    setDaily(data.backupKeepDaily);
    setMonthly(data.backupKeepMonthly);
  }, [data]);

  const save = async () => {
    try {
      await invoke('settings.update', {
        situations,
        venueThreshold: Number(threshold),
        backupKeepDaily: Number(daily),
        backupKeepMonthly: Number(monthly),
      });
      notifyDone('整顿与备份设置已保存');
    } catch (e) {
      notifyError(e, '设置未保存');
    }
  };
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        整顿与备份
      </Title>
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
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`删除情形“${s}”`}
              onClick={() => setSituations(situations.filter((x) => x !== s))}
            >
              ✕
            </ActionIcon>
          </Group>
        ))}
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
              setSituations([...situations, added.trim()]);
              setAdded('');
            }}
          >
            添加
          </Button>
        </Group>
        <Group grow>
          <NumberInput label="阵地建设达标项数（低于此数列入排查）" value={threshold} onChange={setThreshold} min={0} max={8} />
          <NumberInput label="自动备份按日保留（天）" value={daily} onChange={setDaily} min={1} max={365} />
          <NumberInput label="自动备份按月保留（月）" value={monthly} onChange={setMonthly} min={0} max={120} />
        </Group>
        <Group justify="flex-end">
          <Button onClick={save}>保存</Button>
        </Group>
      </Stack>
    </Card>
  );
}
