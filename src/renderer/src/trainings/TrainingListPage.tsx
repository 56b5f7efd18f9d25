/**
 * 培训: the classes by year, region (or the county's own) and target group, searched by topic or
 * organizer (Ctrl+F), with the 期数 and 人次 of everything the filter finds. Filters live in the address.
 */
import { Button, Group, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { codesOf, labelOf } from '../../../shared/domain/codes';
import { TRAINING_TARGETS } from '../../../shared/domain/trainingCodes';
import { COUNTY_LEVEL } from '../../../shared/records/trainings';
import { usePageCommand } from '../commands';
import { Loading } from '../common';
import { ListSearch } from '../ListSearch';
import { options } from '../ledgerBits';
import { param, useListState } from '../listState';
import { useApi } from '../queries';
import { RegionSelect } from '../RegionSelect';
import { useCan } from '../session';
import { YearFilter, yearInput, yearLink } from '../YearFilter';

const PAGE = 50;

/** The region filter's value for the county's own classes. */
export const COUNTY_VALUE = 'county';

const searchSchema = z.object({
  query: param.text(),
  year: param.listYear(),
  region: z
    .string()
    .regex(/^(county|[1-9]\d{0,9})$/)
    .optional()
    .catch(undefined),
  target: param.oneOf(codesOf(TRAINING_TARGETS)),
  sort: param.sort(['date'], 'date'),
  dir: param.dir(),
  page: param.page(),
});

/** “2025-03-12 至 03-14” on screen. */
export const dateSpan = (start: string, end: string) =>
  start === end ? start : `${start} 至 ${start.slice(0, 4) === end.slice(0, 4) ? end.slice(5) : end}`;

export function TrainingListPage() {
  const navigate = useNavigate();
  const list = useListState(searchSchema);
  const { year, region = null, target = null } = list.filters;
  const searchRef = useRef<HTMLInputElement>(null);
  usePageCommand('search', () => searchRef.current?.focus());
  const canCreate = useCan('trainings.create');
  usePageCommand('new', canCreate ? () => navigate('/trainings/new') : null);
  const { data, error } = useApi(
    'trainings.list',
    {
      query: list.debounced || undefined,
      year: yearInput(year),
      regionId: region && region !== COUNTY_VALUE ? Number(region) : undefined,
      countyLevel: region === COUNTY_VALUE ? true : undefined,
      target: target ?? undefined,
      offset: (list.page - 1) * PAGE,
      limit: PAGE,
    },
    { keepPrevious: true },
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>培训</Title>
        <Group>
          <Button variant="default" onClick={() => navigate(`/reports?report=trainings${yearLink(year)}`)}>
            打印培训台账
          </Button>
          {canCreate && (
            <Button onClick={() => navigate('/trainings/new')} title="Ctrl+N">
              登记培训班
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-end">
        <ListSearch ref={searchRef} initial={list.query} onSearch={list.setQuery} placeholder="培训主题或举办单位（Ctrl+F）" width={280} />
        <YearFilter value={year} onChange={(v) => list.setFilter('year', v)} />
        <RegionSelect
          label="举办属地"
          placeholder="全部"
          extra={[{ value: COUNTY_VALUE, label: COUNTY_LEVEL }]}
          value={region}
          onChange={(v) => list.setFilter('region', v ?? undefined)}
          clearable
          w={190}
        />
        <Select
          label="培训对象"
          placeholder="全部对象"
          data={options(TRAINING_TARGETS)}
          value={target}
          onChange={(v) => list.setFilter('target', (v as typeof target) ?? undefined)}
          clearable
          w={160}
        />
      </Group>
      {!data ? (
        <Loading error={error} />
      ) : (
        <>
          <Text size="sm" data-testid="training-totals">
            {data.total} 个培训班，共{data.sums.sessions}期、{data.sums.attendances}人次
          </Text>
          <Table striped highlightOnHover withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={190}>日期</Table.Th>
                <Table.Th>培训主题</Table.Th>
                <Table.Th w={120}>培训对象</Table.Th>
                <Table.Th>举办单位</Table.Th>
                <Table.Th w={130}>举办属地</Table.Th>
                <Table.Th w={60} ta="right">
                  期数
                </Table.Th>
                <Table.Th w={70} ta="right">
                  人次
                </Table.Th>
                <Table.Th w={90} ta="right">
                  登记到人
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((t) => (
                <Table.Tr key={t.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/trainings/${t.id}`)}>
                  <Table.Td>{dateSpan(t.startDate, t.endDate)}</Table.Td>
                  <Table.Td>{t.topic}</Table.Td>
                  <Table.Td>{labelOf(TRAINING_TARGETS, t.target)}</Table.Td>
                  <Table.Td>{t.organizer}</Table.Td>
                  <Table.Td>{t.regionName}</Table.Td>
                  <Table.Td ta="right">{t.sessions}</Table.Td>
                  <Table.Td ta="right">{t.attendances}</Table.Td>
                  <Table.Td ta="right">{t.attendeeCount || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.total === 0 && <Text c="dimmed">没有符合条件的培训班</Text>}
          {data.total > PAGE && <Pagination total={Math.ceil(data.total / PAGE)} value={list.page} onChange={list.setPage} />}
        </>
      )}
    </Stack>
  );
}
