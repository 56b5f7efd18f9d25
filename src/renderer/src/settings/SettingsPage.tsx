/** 设置: the county and reporting unit, regions (add / rename / order), the working-ledger settings, account rules, backups. */
import { ActionIcon, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { labelOf, REGION_KINDS, type RegionKind, VENUE_STANDARDS, type VenueStandard } from '../../../shared/domain/codes';
import type { Region } from '../../../shared/types';
import { invoke } from '../api';
import { WorkSettings } from '../cases/WorkSettings';
import { notifyDone, notifyError } from '../common';
import { apiFieldErrors } from '../formErrors';
import { options } from '../ledgerBits';
import { useRegions, useSettings } from '../queries';
import { useCan } from '../session';
import { AccountSecurityCard } from './AccountSecurityCard';
import { BackupCard } from './BackupCard';
import { LeadersCard } from './LeadersCard';

function CountySettings() {
  const { data } = useSettings();
  const [values, setValues] = useState({ countyName: '', countyCode: '', reportingUnit: '', venueStandard: 'liuyou' as VenueStandard });
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (data)
      setValues({
        countyName: data.countyName,
        countyCode: data.countyCode,
        reportingUnit: data.reportingUnit,
        venueStandard: data.venueStandard,
      });
  }, [data]);
  const set = (k: keyof typeof values) => (e: { currentTarget: { value: string } }) => setValues({ ...values, [k]: e.currentTarget.value });
  const save = async () => {
    try {
      await invoke('settings.update', values);
      setErrors({});
      notifyDone('县（旗）信息已保存');
    } catch (e) {
      setErrors(apiFieldErrors(e));
      notifyError(e, '设置未保存');
    }
  };
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        县（旗）与填报单位
      </Title>
      <SimpleGrid cols={2}>
        <TextInput label="县（旗）名称" value={values.countyName} onChange={set('countyName')} error={errors.countyName} />
        <TextInput label="行政区划代码" value={values.countyCode} onChange={set('countyCode')} error={errors.countyCode} />
        <TextInput label="填报单位" value={values.reportingUnit} onChange={set('reportingUnit')} error={errors.reportingUnit} />
        <Select
          label="阵地建设标准"
          data={Object.entries(VENUE_STANDARDS).map(([value, s]) => ({ value, label: `${s.label}（${s.items.join('、')}）` }))}
          value={values.venueStandard}
          onChange={(v) => v && setValues({ ...values, venueStandard: v as VenueStandard })}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="md">
        <Button onClick={save}>保存</Button>
      </Group>
    </Card>
  );
}

function RegionRow({
  region,
  first,
  last,
  onMove,
  onSaved,
}: {
  region: Region;
  first: boolean;
  last: boolean;
  onMove: (d: -1 | 1) => void;
  onSaved: () => void;
}) {
  const [name, setName] = useState(region.name);
  const [kind, setKind] = useState<RegionKind>(region.kind);
  const [code, setCode] = useState(region.code ?? '');
  const changed = name !== region.name || kind !== region.kind || code !== (region.code ?? '');
  const save = async () => {
    try {
      await invoke('regions.update', { id: region.id, name, kind, code });
      notifyDone(`属地“${name}”已保存`);
      onSaved();
    } catch (e) {
      notifyError(e, '属地未保存');
    }
  };
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput size="xs" value={name} onChange={(e) => setName(e.currentTarget.value)} aria-label={`属地名称：${region.name}`} />
      </Table.Td>
      <Table.Td>
        <Select
          size="xs"
          data={options(REGION_KINDS)}
          value={kind}
          onChange={(v) => v && setKind(v as RegionKind)}
          allowDeselect={false}
          aria-label="属地类型"
        />
      </Table.Td>
      <Table.Td>
        <TextInput size="xs" value={code} onChange={(e) => setCode(e.currentTarget.value)} aria-label="区划代码" />
      </Table.Td>
      <Table.Td ta="right">{region.orgCount}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <ActionIcon variant="subtle" disabled={first} onClick={() => onMove(-1)} aria-label={`上移${region.name}`}>
            ↑
          </ActionIcon>
          <ActionIcon variant="subtle" disabled={last} onClick={() => onMove(1)} aria-label={`下移${region.name}`}>
            ↓
          </ActionIcon>
          <Button size="xs" variant="light" disabled={!changed} onClick={save}>
            保存
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function RegionSettings() {
  const { data, refetch: reload } = useRegions();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<RegionKind>('township');
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    try {
      await invoke('regions.create', { name, kind });
      notifyDone(`已添加属地“${name}”`);
      setName('');
      setError(null);
      reload();
    } catch (e) {
      setError(apiFieldErrors(e).name ?? null);
      notifyError(e, '未能添加属地');
    }
  };
  const move = async (index: number, d: -1 | 1) => {
    if (!data) return;
    const ids = data.map((r) => r.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + d, 0, moved as number);
    try {
      await invoke('regions.reorder', { ids });
      reload();
    } catch (e) {
      notifyError(e, '未能调整顺序');
    }
  };
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        属地（乡镇、街道、园区）
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        顺序即名册、统计表中属地的排列顺序。
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>名称</Table.Th>
            <Table.Th>类型</Table.Th>
            <Table.Th>区划代码</Table.Th>
            <Table.Th ta="right">组织数</Table.Th>
            <Table.Th>顺序</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(data ?? []).map((r, i, all) => (
            <RegionRow
              key={`${r.id}-${r.name}-${r.sortOrder}`}
              region={r}
              first={i === 0}
              last={i === all.length - 1}
              onMove={(d) => move(i, d)}
              onSaved={reload}
            />
          ))}
        </Table.Tbody>
      </Table>
      <Group mt="md" align="flex-end">
        <TextInput label="新增属地" placeholder="如：红旗镇" value={name} onChange={(e) => setName(e.currentTarget.value)} error={error} />
        <Select
          label="类型"
          data={options(REGION_KINDS)}
          value={kind}
          onChange={(v) => v && setKind(v as RegionKind)}
          allowDeselect={false}
          w={160}
        />
        <Button onClick={add} disabled={!name.trim()}>
          添加
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {data ? `共 ${data.length} 个属地；类型：${REGION_KINDS.map((k) => labelOf(REGION_KINDS, k.code)).join('、')}` : ''}
      </Text>
    </Card>
  );
}

/** Each part shows to the roles that may change it (the 系统管理员 the unit and its rules, the 县级经办 regions and leaders). */
export function SettingsPage() {
  const settings = useCan('settings.update');
  const regions = useCan('regions.create');
  const leaders = useCan('leaders.create');
  const backups = useCan('backup.list');
  return (
    <Stack>
      <Title order={2}>设置</Title>
      {settings && <CountySettings />}
      {regions && <RegionSettings />}
      {settings && <WorkSettings />}
      {settings && <AccountSecurityCard />}
      {leaders && <LeadersCard />}
      {backups && <BackupCard />}
    </Stack>
  );
}
