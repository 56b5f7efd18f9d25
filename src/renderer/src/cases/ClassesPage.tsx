/** 分类定级 and 星级 for a year: search, bulk class changes, one rating per party organization, earlier years shown. */
import { Alert, Button, Checkbox, Group, Modal, Rating, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import { MANAGEMENT_CLASSES, type ManagementClass } from '../../../shared/domain/codes';
import type { ClassRow } from '../../../shared/types';
import { invoke } from '../api';
import { usePageCommand } from '../commands';
import { ClassBadge, Loading, notifyDone, notifyError, stars, yearOptions } from '../common';
import { DateField, todayText } from '../DateField';
import { param, useSearchState } from '../listState';
import { useApi } from '../queries';
import { RegionSelect } from '../RegionSelect';
import { useCan } from '../session';

const searchSchema = z.object({ query: param.text() });

/** The search box: its text is the page's own state, sent to the core (and kept in the address) after a short pause. */
function useSearch() {
  const [params, update] = useSearchState(searchSchema);
  const [query, setQuery] = useState(params.query);
  const [debounced] = useDebouncedValue(query.trim(), 80);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the paused search text is written back
  useEffect(() => {
    if (debounced !== params.query) update({ query: debounced });
  }, [debounced]);
  return { query, setQuery, debounced };
}

export function ClassesPage() {
  const search = useSearch();
  const searchRef = useRef<HTMLInputElement>(null);
  usePageCommand('search', () => searchRef.current?.focus());
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [regionId, setRegionId] = useState<string | null>(null);
  const [cls, setCls] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [target, setTarget] = useState<string | null>(null);
  const canClassify = useCan('classes.set');
  const canRate = useCan('ratings.set');
  const [rating, setRating] = useState<ClassRow | null>(null);
  const {
    data,
    error,
    isLoading: loading,
  } = useApi(
    'classes.list',
    {
      year: Number(year),
      regionId: regionId ? Number(regionId) : undefined,
      class: (cls as ManagementClass | 'none' | null) ?? undefined,
      query: search.debounced || undefined,
    },
    { keepPrevious: true },
  );
  const rows = data ?? [];
  const counts = useMemo(() => {
    const c: Record<string, number> = { rectify: 0, standard: 0, brand: 0, none: 0 };
    for (const r of rows) c[r.class ?? 'none'] = (c[r.class ?? 'none'] ?? 0) + 1;
    return c;
  }, [rows]);

  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const applyBulk = async () => {
    if (!target) return;
    try {
      const r = await invoke('classes.set', { year: Number(year), partyOrgIds: [...selected], class: target as ManagementClass });
      notifyDone(`已将${r.updated}个党组织定为“${MANAGEMENT_CLASSES.find((m) => m.code === target)?.label}”`);
      setSelected(new Set());
    } catch (e) {
      notifyError(e, '分类未完成');
    }
  };

  return (
    <Stack>
      <Title order={2}>分类定级</Title>
      <Group align="flex-end">
        <TextInput
          ref={searchRef}
          label="查找"
          placeholder="名称、书记或拼音首字母（Ctrl+F）"
          value={search.query}
          onChange={(e) => search.setQuery(e.currentTarget.value)}
          w={260}
        />
        <Select
          label="年度"
          data={yearOptions()}
          value={year}
          onChange={(v) => {
            if (!v) return;
            setYear(v);
            setSelected(new Set());
          }}
          allowDeselect={false}
          w={130}
        />
        <RegionSelect label="属地" placeholder="全部属地" value={regionId} onChange={setRegionId} clearable w={180} />
        <Select
          label="类别"
          placeholder="全部类别"
          data={[...MANAGEMENT_CLASSES.map((m) => ({ value: m.code, label: m.label })), { value: 'none', label: '未定级' }]}
          value={cls}
          onChange={setCls}
          clearable
          w={140}
        />
        <Text size="sm" c="dimmed" mb={8}>
          集中整顿 {counts.rectify} · 规范建设 {counts.standard} · 品牌创建 {counts.brand} · 未定级 {counts.none}
        </Text>
      </Group>
      {canClassify && (
        <Group>
          <Text size="sm">已选 {selected.size} 个，批量定为</Text>
          <Select
            data={MANAGEMENT_CLASSES.map((m) => ({ value: m.code, label: m.label }))}
            value={target}
            onChange={setTarget}
            placeholder="选择类别"
            w={140}
          />
          <Button disabled={!selected.size || !target} onClick={applyBulk}>
            批量定级
          </Button>
        </Group>
      )}
      <Alert color="blue" variant="light">
        正在整顿（未销号）的党组织自动列为“集中整顿”，销号后才能调整类别。
      </Alert>
      {loading && !data ? (
        <Loading error={error} />
      ) : (
        <Table striped withTableBorder highlightOnHover data-testid="classes-table">
          <Table.Thead>
            <Table.Tr>
              {canClassify && (
                <Table.Th w={40}>
                  <Checkbox
                    aria-label="全选"
                    checked={rows.length > 0 && selected.size === rows.filter((r) => !r.automatic).length}
                    onChange={(e) =>
                      setSelected(e.currentTarget.checked ? new Set(rows.filter((r) => !r.automatic).map((r) => r.partyOrgId)) : new Set())
                    }
                  />
                </Table.Th>
              )}
              <Table.Th w={140}>属地</Table.Th>
              <Table.Th>党组织名称</Table.Th>
              <Table.Th w={120}>{year}年度类别</Table.Th>
              <Table.Th w={150}>星级</Table.Th>
              <Table.Th>往年</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.partyOrgId}>
                {canClassify && (
                  <Table.Td>
                    <Checkbox
                      aria-label={r.partyOrgName}
                      disabled={r.automatic}
                      checked={selected.has(r.partyOrgId)}
                      onChange={() => toggle(r.partyOrgId)}
                    />
                  </Table.Td>
                )}
                <Table.Td>{r.regionName}</Table.Td>
                <Table.Td>
                  {r.partyOrgName}
                  <Text span size="xs" c="dimmed" ml="sm" style={{ whiteSpace: 'nowrap' }}>
                    书记 {r.secretaryName ?? '空缺'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ClassBadge value={r.class} />
                </Table.Td>
                <Table.Td>
                  {canRate ? (
                    <Button variant="subtle" size="compact-sm" onClick={() => setRating(r)} title="评定星级">
                      {stars(r.stars)}
                    </Button>
                  ) : (
                    <Text size="sm">{stars(r.stars)}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {r.history
                      .map(
                        (h) =>
                          `${h.year}：${MANAGEMENT_CLASSES.find((m) => m.code === h.class)?.label ?? '未定级'}${h.stars ? ` ${h.stars}星` : ''}`,
                      )
                      .join('；') || '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rating && (
        <RatingModal
          row={rating}
          year={Number(year)}
          onClose={() => setRating(null)}
          onDone={() => {
            setRating(null);
          }}
        />
      )}
    </Stack>
  );
}

function RatingModal({ row, year, onClose, onDone }: { row: ClassRow; year: number; onClose: () => void; onDone: () => void }) {
  const [value, setValue] = useState(row.stars ?? 0);
  // The year's end until it has come: a rating is not dated after today (the calendar offers no later day).
  const today = todayText();
  const [date, setDate] = useState(row.assessedDate ?? (`${year}-12-31` < today ? `${year}-12-31` : today));
  const save = async () => {
    try {
      await invoke('ratings.set', { partyOrgId: row.partyOrgId, year, stars: value, assessedDate: date });
      notifyDone(`${row.partyOrgName} ${year}年度评定为${value}星`);
      onDone();
    } catch (e) {
      notifyError(e, '星级未保存');
    }
  };
  return (
    <Modal opened onClose={onClose} title={`星级评定：${row.partyOrgName}`}>
      <Stack>
        <Text size="sm">{year}年度（组织建设好、保障机制好、活动开展好、作用发挥好、特色效果好）</Text>
        <Rating value={value} onChange={setValue} size="xl" count={5} />
        <DateField label="评定日期" value={date} onChange={(v) => setDate(v ?? '')} maxDate={today} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={save} disabled={value < 1 || !date}>
            保存
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
