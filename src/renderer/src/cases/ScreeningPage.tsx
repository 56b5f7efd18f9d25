/**
 * 排查: the party organizations the record says may be 软弱涣散 in a year, heaviest first, each reason
 * with its weight in words; 认定 one, or set it aside for the year (暂不认定) with a reason and restore it.
 */
import { Alert, Badge, Button, Checkbox, Group, Modal, Select, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { reasonWeightLabel, SCREENING_LEVEL_LABELS, type ScreeningReason } from '../../../shared/rules/screening';
import { caseCreateSchema, screeningDeferSchema } from '../../../shared/schemas';
import type { CaseSuggestion, ScreeningDeferral } from '../../../shared/types';
import { usePageCommand } from '../commands';
import { Loading, notifyDone, notifyError, yearOptions } from '../common';
import { DateField, todayText } from '../DateField';
import { apiFieldErrors } from '../formErrors';
import { confirmDiscard } from '../leaveGuard';
import { formatStamp, ledgerTableStyles } from '../ledgerBits';
import { param, useSearchState } from '../listState';
import { useApi, useApiMutation, useSettings } from '../queries';
import { RegionSelect } from '../RegionSelect';
import { useCan } from '../session';

const searchSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).catch(new Date().getFullYear()),
  regionId: param.id(),
  query: param.text(50),
  tab: z.enum(['suggested', 'deferred']).catch('suggested'),
});

export function ScreeningPage() {
  const navigate = useNavigate();
  const [params, update] = useSearchState(searchSchema);
  const { year, regionId, tab } = params;
  const [query, setQuery] = useState(params.query);
  const [debounced] = useDebouncedValue(query, 80);
  // Only the paused search text is written back, and only when it differs: `update` changes with every
  // address, and writing on each change would pull the clerk back here after 认定 opens the case.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (debounced.trim() !== params.query) update({ query: debounced.trim() });
  }, [debounced]);
  const searchRef = useRef<HTMLInputElement>(null);
  usePageCommand('search', () => searchRef.current?.focus());
  const settings = useSettings();
  const { data, error } = useApi(
    'cases.suggest',
    { year, regionId: regionId ? Number(regionId) : undefined, query: debounced.trim() || undefined },
    { keepPrevious: true },
  );
  const [picked, setPicked] = useState<CaseSuggestion | null>(null);
  const [deferring, setDeferring] = useState<CaseSuggestion | null>(null);
  const undefer = useApiMutation('screening.undefer');
  // 认定 and 暂不认定 are writes; a reader sees the suggestions without them.
  const canIdentify = useCan('cases.create');
  const canDefer = useCan('screening.defer');
  const writable = canIdentify && canDefer;

  const restore = async (d: ScreeningDeferral) => {
    try {
      await undefer.mutateAsync({ partyOrgId: d.partyOrgId, year: d.year });
      notifyDone(`已恢复“${d.partyOrgName}”，重新参与${d.year}年度排查`);
    } catch (e) {
      notifyError(e, '恢复未完成');
    }
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>软弱涣散排查</Title>
        <Button variant="default" component={Link} to="/cases">
          整顿台账
        </Button>
      </Group>
      <Group align="flex-end" gap="sm">
        <Select
          label="排查年度"
          data={yearOptions()}
          value={String(year)}
          onChange={(v) => v && update({ year: Number(v) })}
          w={130}
          allowDeselect={false}
        />
        <RegionSelect
          label="属地"
          placeholder="全部属地"
          value={regionId ?? null}
          onChange={(v) => update({ regionId: v ?? undefined })}
          clearable
          w={170}
        />
        <TextInput
          ref={searchRef}
          label="查找"
          placeholder="名称、书记或拼音首字母（Ctrl+F）"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          w={280}
        />
      </Group>
      <Text c="dimmed" size="sm">
        依据台账数据列出可能软弱涣散的党组织，按权重排列：换届逾期、书记空缺最重，星级2星及以下次之；未评定星级、阵地建设低于
        {settings.data?.venueThreshold ?? '—'}项、无预备党员只在同时出现时列出。成立不满一年的不因换届、星级、发展党员列出。
        已认定的不再列出；暂不认定的在“暂不认定”中，可恢复。
      </Text>
      {!data ? (
        <Loading error={error} />
      ) : (
        <Tabs value={tab} onChange={(v) => update({ tab: v === 'deferred' ? 'deferred' : 'suggested' })}>
          <Tabs.List>
            <Tabs.Tab value="suggested">排查建议（{data.suggestions.length}）</Tabs.Tab>
            <Tabs.Tab value="deferred">暂不认定（{data.deferred.length}）</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="suggested" pt="sm">
            {data.suggestions.length === 0 ? (
              <Alert color="green">{debounced || regionId ? '没有符合条件的排查建议。' : '该年度没有需要排查的党组织。'}</Alert>
            ) : (
              <SuggestionTable rows={data.suggestions} writable={writable} onIdentify={setPicked} onDefer={setDeferring} />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="deferred" pt="sm">
            {data.deferred.length === 0 ? (
              <Alert color="gray">该年度没有暂不认定的党组织。</Alert>
            ) : (
              <DeferredTable rows={data.deferred} writable={writable} onRestore={restore} restoring={undefer.isPending} />
            )}
          </Tabs.Panel>
        </Tabs>
      )}
      {picked && settings.data && (
        <IdentifyModal
          suggestion={picked}
          year={year}
          situations={settings.data.situations}
          onClose={() => setPicked(null)}
          onDone={(id) => {
            setPicked(null);
            navigate(`/cases/${id}`);
          }}
        />
      )}
      {deferring && <DeferModal suggestion={deferring} year={year} onClose={() => setDeferring(null)} />}
    </Stack>
  );
}

function Reasons({ reasons }: { reasons: ScreeningReason[] }) {
  return (
    <Stack gap={2}>
      {reasons.map((r) => (
        <Group key={r.code} gap={6} wrap="nowrap" align="flex-start">
          <Badge size="xs" variant="light" color={r.weight >= 6 ? 'red' : r.weight >= 3 ? 'orange' : 'gray'} style={{ flexShrink: 0 }}>
            {reasonWeightLabel(r.weight)}
          </Badge>
          <Text size="sm">{r.text}</Text>
        </Group>
      ))}
    </Stack>
  );
}

function SuggestionTable(props: {
  rows: CaseSuggestion[];
  writable: boolean;
  onIdentify: (s: CaseSuggestion) => void;
  onDefer: (s: CaseSuggestion) => void;
}) {
  return (
    <Table striped highlightOnHover withTableBorder styles={ledgerTableStyles} data-testid="suggestions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={56}>序号</Table.Th>
          <Table.Th>党组织</Table.Th>
          <Table.Th w={140}>属地</Table.Th>
          <Table.Th w={90}>程度</Table.Th>
          <Table.Th>排查依据</Table.Th>
          {props.writable && <Table.Th w={190}>操作</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows.map((s, i) => (
          <Table.Tr key={s.partyOrgId}>
            <Table.Td>{i + 1}</Table.Td>
            <Table.Td>
              <Text size="sm">{s.partyOrgName}</Text>
              <Group gap={6}>
                <Text size="xs" c="dimmed">
                  书记：{s.secretaryName ?? '空缺'}
                </Text>
                {s.hadEarlierCase && (
                  <Badge color="grape" variant="light" size="sm">
                    曾被认定
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>{s.regionName}</Table.Td>
            <Table.Td>
              <Badge color={s.level === 'key' ? 'red' : 'yellow'} variant={s.level === 'key' ? 'filled' : 'light'}>
                {SCREENING_LEVEL_LABELS[s.level]}
              </Badge>
              <Text size="xs" c="dimmed">
                权重{s.score}
              </Text>
            </Table.Td>
            <Table.Td>
              <Reasons reasons={s.reasons} />
            </Table.Td>
            {props.writable && (
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Button size="xs" onClick={() => props.onIdentify(s)}>
                    认定
                  </Button>
                  <Button size="xs" variant="default" onClick={() => props.onDefer(s)}>
                    暂不认定
                  </Button>
                </Group>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DeferredTable(props: {
  rows: ScreeningDeferral[];
  writable: boolean;
  onRestore: (d: ScreeningDeferral) => void;
  restoring: boolean;
}) {
  return (
    <Table striped withTableBorder styles={ledgerTableStyles} data-testid="deferred">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={56}>序号</Table.Th>
          <Table.Th>党组织</Table.Th>
          <Table.Th w={140}>属地</Table.Th>
          <Table.Th>暂不认定原因</Table.Th>
          <Table.Th>台账现在显示</Table.Th>
          <Table.Th w={150}>设置时间</Table.Th>
          {props.writable && <Table.Th w={90}>操作</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows.map((d, i) => (
          <Table.Tr key={d.partyOrgId}>
            <Table.Td>{i + 1}</Table.Td>
            <Table.Td>
              <Text size="sm">{d.partyOrgName}</Text>
              <Text size="xs" c="dimmed">
                书记：{d.secretaryName ?? '空缺'}
              </Text>
            </Table.Td>
            <Table.Td>{d.regionName}</Table.Td>
            <Table.Td>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {d.reason}
              </Text>
            </Table.Td>
            <Table.Td>{d.reasons.length ? <Reasons reasons={d.reasons} /> : <Text size="sm">无</Text>}</Table.Td>
            <Table.Td>{formatStamp(d.createdAt)}</Table.Td>
            {props.writable && (
              <Table.Td>
                <Button size="xs" variant="default" onClick={() => props.onRestore(d)} loading={props.restoring}>
                  恢复
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DeferModal(props: { suggestion: CaseSuggestion; year: number; onClose: () => void }) {
  const s = props.suggestion;
  const form = useForm({
    initialValues: { partyOrgId: s.partyOrgId, year: props.year, reason: '' },
    validate: schemaResolver(screeningDeferSchema, { sync: true }),
  });
  const defer = useApiMutation('screening.defer');
  const save = form.onSubmit(async (values) => {
    try {
      await defer.mutateAsync(values);
      notifyDone(`已将“${s.partyOrgName}”暂不认定（${props.year}年度），可在“暂不认定”中恢复`);
      props.onClose();
    } catch (e) {
      form.setErrors(apiFieldErrors(e));
      notifyError(e, '暂不认定未完成');
    }
  });
  const close = () => confirmDiscard(form.isDirty(), props.onClose);
  return (
    <Modal opened onClose={close} title={`暂不认定：${s.partyOrgName}`} size="lg">
      <form onSubmit={save}>
        <Stack>
          <Text size="sm">{props.year}年度不再列为排查建议，原因记入台账和操作日志，可随时恢复。</Text>
          <Reasons reasons={s.reasons} />
          <Textarea
            label="暂不认定的原因"
            withAsterisk
            autosize
            minRows={3}
            maxLength={200}
            description={`${form.values.reason.length}/200字`}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              取消
            </Button>
            <Button type="submit" loading={defer.isPending}>
              确定
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The 认定 form's own fields beside the core's: 其他情形 is typed apart and joins the ticked ones. */
interface IdentifyValues {
  partyOrgId: number;
  year: number;
  batch: string;
  date: string;
  situations: string[];
  other: string;
  problems: string;
  reason: string;
}

const identifyInput = ({ other, ...v }: IdentifyValues) => ({
  ...v,
  situations: other.trim() ? [...v.situations, other.trim()] : v.situations,
});
const checkCase = schemaResolver(caseCreateSchema, { sync: true });
/** The core's rules on the form's values; a fault in a single situation can only be the typed 其他情形. */
function checkIdentify(values: IdentifyValues) {
  const errors = checkCase(identifyInput(values));
  const other = Object.keys(errors).find((k) => k.startsWith('situations.'));
  return other ? { ...errors, other: errors[other] } : errors;
}

function IdentifyModal(props: {
  suggestion: CaseSuggestion;
  year: number;
  situations: string[];
  onClose: () => void;
  onDone: (id: number) => void;
}) {
  const s = props.suggestion;
  const form = useForm<IdentifyValues>({
    mode: 'controlled',
    initialValues: {
      partyOrgId: s.partyOrgId,
      year: props.year,
      batch: `${props.year}年第一批`,
      date: todayText(),
      situations: s.situations,
      other: '',
      problems: s.reasons.map((r) => r.text).join('；'),
      reason: '',
    },
    validate: checkIdentify,
  });
  const create = useApiMutation('cases.create');
  const close = () => confirmDiscard(form.isDirty(), props.onClose);
  const save = form.onSubmit(async (values) => {
    try {
      const c = await create.mutateAsync(identifyInput(values));
      notifyDone(`已认定“${s.partyOrgName}”为${props.year}年度软弱涣散基层党组织${c.isRepeat ? '（重复认定）' : ''}`);
      props.onDone(c.id);
    } catch (e) {
      form.setErrors(apiFieldErrors(e));
      notifyError(e, '认定未完成');
    }
  });

  return (
    <Modal opened onClose={close} title={`认定：${s.partyOrgName}`} size="lg">
      <form onSubmit={save}>
        <Stack>
          <Group grow align="flex-start">
            <DateField
              label="认定日期"
              {...form.getInputProps('date')}
              onChange={(d) => form.setFieldValue('date', d ?? '')}
              maxDate={todayText()}
              withAsterisk
            />
            <TextInput label="批次" {...form.getInputProps('batch')} />
          </Group>
          <Checkbox.Group label="认定情形（可多选）" withAsterisk {...form.getInputProps('situations')}>
            <Stack gap={6} mt={6}>
              {props.situations.map((x) => (
                <Checkbox key={x} value={x} label={x} />
              ))}
            </Stack>
          </Checkbox.Group>
          <TextInput label="其他情形（选填，手工补充）" {...form.getInputProps('other')} />
          <Textarea label="问题清单" autosize minRows={3} withAsterisk {...form.getInputProps('problems')} />
          <Textarea label="认定理由" autosize minRows={2} {...form.getInputProps('reason')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              取消
            </Button>
            <Button type="submit" loading={create.isPending}>
              确认认定
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
