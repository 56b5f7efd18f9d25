/**
 * 数据交换: a township exports its region (or the county everything) to one .lxex file; the county
 * imports it after the file is verified and a preview shows new, changed and conflicting records.
 */
import { Alert, Badge, Button, Card, FileButton, Group, PasswordInput, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useRef, useState } from 'react';
import {
  describeCounts,
  type ExchangeManifest,
  type ExchangePreview,
  type ExchangePreviewItem,
  type RecordKind,
} from '../../../shared/exchange';
import { invoke } from '../api';
import { hideErrors, notifyDone, notifyError } from '../common';
import { formatStamp } from '../ledgerBits';
import { readFileBase64, saveFile } from '../platform';
import { RegionSelect } from '../RegionSelect';
import { useCan } from '../session';

type Resolution = 'incoming' | 'local';

const show = (v: unknown) =>
  v === null || v === undefined || v === ''
    ? '（空）'
    : typeof v === 'boolean'
      ? v
        ? '是'
        : '否'
      : Array.isArray(v)
        ? v.join('、')
        : String(v);

function ExportCard() {
  const [regionId, setRegionId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const mismatch = password !== '' && again !== '' && password !== again;
  const run = async () => {
    setBusy(true);
    try {
      const x = await invoke('exchange.export', { regionId: regionId ? Number(regionId) : undefined, password: password || undefined });
      const r = await saveFile(x.fileName, x.base64);
      if (r.saved) notifyDone(`已导出 ${x.fileName}：${describeCounts(x.manifest.counts)}`);
    } catch (e) {
      notifyError(e, '导出未完成');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        导出交换文件
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        乡镇导出本属地的两新组织、党组织、指导员，以及经费、培训班、组织生活、网格、示范点、群团组织、年检和党员发展记录，拷贝到U盘交县里导入；县里也可导出全部。文件含清单和校验码，损坏或被改动的文件不会被导入。密码可不设；设了的（至少6位），导入时须输入。
      </Text>
      <Group align="flex-start">
        <RegionSelect label="导出范围" placeholder="全部属地" value={regionId} onChange={setRegionId} clearable w={200} />
        <PasswordInput label="密码（可不设）" value={password} onChange={(e) => setPassword(e.currentTarget.value)} w={200} />
        <PasswordInput
          label="再次输入密码"
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
          error={mismatch ? '两次输入的密码不一致' : null}
          disabled={!password}
          w={200}
        />
        <Button mt={24} onClick={run} loading={busy} disabled={mismatch || (password !== '' && again !== password)}>
          导出
        </Button>
      </Group>
    </Card>
  );
}

function Differences({ item }: { item: ExchangePreviewItem }) {
  if (item.differences.length === 0) return null;
  return (
    <Stack gap={2}>
      {item.differences.map((d) => (
        <Text key={d.field} size="xs">
          {d.label}：本地“{show(d.local)}” → 文件“{show(d.incoming)}”
        </Text>
      ))}
    </Stack>
  );
}

const KIND_ORDER: RecordKind[] = [
  'org',
  'partyOrg',
  'instructor',
  'funding',
  'training',
  'activity',
  'grid',
  'modelSite',
  'massOrg',
  'inspection',
  'memberYear',
];

const STATUS_COLUMNS: [keyof Pick<ExchangePreview, 'new' | 'changed' | 'unchanged' | 'localChanged' | 'conflicts'>, string][] = [
  ['new', '新增'],
  ['changed', '更新'],
  ['unchanged', '无变化'],
  ['localChanged', '仅本地修改'],
  ['conflicts', '冲突'],
];

/** Per kind of record, how many of the file's records fall in each column: 经费 新增 12, 年检 无变化 4… */
function KindSummary({ preview }: { preview: ExchangePreview }) {
  const byKind = new Map<RecordKind, { label: string; n: Record<string, number> }>();
  for (const [column] of STATUS_COLUMNS) {
    for (const item of preview[column]) {
      const row = byKind.get(item.kind) ?? { label: item.kindLabel, n: {} };
      row.n[column] = (row.n[column] ?? 0) + 1;
      byKind.set(item.kind, row);
    }
  }
  if (byKind.size === 0) return null;
  const kinds = KIND_ORDER.flatMap((k) => {
    const row = byKind.get(k);
    return row ? [[row.label, row.n] as const] : [];
  });
  return (
    // As wide as its content (not stretched by the Stack), the five counts in equal columns: stretched, the spare
    // room went to the column with the longest heading (仅本地修改).
    <Table withTableBorder fz="sm" data-testid="exchange-kinds" style={{ width: 'auto', alignSelf: 'flex-start' }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>记录类别</Table.Th>
          {STATUS_COLUMNS.map(([column, label]) => (
            <Table.Th key={column} ta="right" w={96}>
              {label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {kinds.map(([label, row]) => (
          <Table.Tr key={label}>
            <Table.Td>{label}</Table.Td>
            {STATUS_COLUMNS.map(([column]) => (
              <Table.Td key={column} ta="right">
                {row[column] ?? ''}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ImportCard() {
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [manifest, setManifest] = useState<ExchangeManifest | null>(null);
  const [password, setPassword] = useState('');
  const [preview, setPreview] = useState<ExchangePreview | null>(null);
  const [choices, setChoices] = useState<Record<string, Resolution>>({});
  const [busy, setBusy] = useState(false);
  // Cleared after each pick, so choosing the same file again (a fresh copy from the U盘) is noticed.
  const resetPick = useRef<() => void>(null);

  const pick = async (f: File | null) => {
    if (!f) return;
    resetPick.current?.();
    setPreview(null);
    setManifest(null);
    setChoices({});
    try {
      const base64 = await readFileBase64(f);
      setFile({ name: f.name, base64 });
      setManifest(await invoke('exchange.inspect', { base64 }));
    } catch (e) {
      setFile(null);
      notifyError(e, '不能导入该文件');
    }
  };

  const runPreview = async () => {
    if (!file) return;
    setBusy(true);
    try {
      setPreview(await invoke('exchange.preview', { fileName: file.name, base64: file.base64, password: password || undefined }));
      // A wrong password's 不能导入 message no longer holds once the right one opened the file.
      hideErrors();
    } catch (e) {
      notifyError(e, '不能导入该文件');
    } finally {
      setBusy(false);
    }
  };

  const unresolved = preview ? preview.conflicts.filter((c) => !choices[c.key]).length : 0;
  const nothingToMerge =
    preview !== null && preview.counts.new + preview.counts.changed + preview.counts.conflict === 0 && preview.regionsToCreate.length === 0;
  const commit = () => {
    if (!preview) return;
    const c = preview.counts;
    modals.openConfirmModal({
      title: '确认合并',
      children: (
        <Text size="sm">
          将新增 {c.new} 条、更新 {c.changed} 条，{c.conflict} 条冲突按所选处理，{c.localChanged}{' '}
          条仅本地修改的保持不变。全部写入或全部不写入，每条修改都记入操作日志。
        </Text>
      ),
      labels: { confirm: '合并', cancel: '取消' },
      onConfirm: async () => {
        setBusy(true);
        try {
          const r = await invoke('exchange.commit', { id: preview.id, resolutions: choices });
          const n = (k: Record<string, number>) => Object.values(k).reduce((a, b) => a + b, 0);
          notifyDone(
            `合并完成：新增 ${n(r.created)} 条，更新 ${n(r.updated)} 条，保留本地 ${r.keptLocal} 条${r.regionsCreated.length ? `，新建属地 ${r.regionsCreated.join('、')}` : ''}${r.skipped.length ? `；${r.skipped.length} 条未导入：${r.skipped.slice(0, 3).join('；')}` : ''}`,
          );
          setPreview(null);
          setFile(null);
          setManifest(null);
        } catch (e) {
          notifyError(e, '合并未完成，数据未改变');
        } finally {
          setBusy(false);
        }
      },
    });
  };

  const list = (title: string, items: ExchangePreviewItem[], color: string) =>
    items.length > 0 && (
      <div>
        <Text fw={700} size="sm" mb={4}>
          {title}（{items.length}）
        </Text>
        <Table withTableBorder fz="sm">
          <Table.Tbody>
            {items.slice(0, 200).map((it) => (
              <Table.Tr key={it.key}>
                <Table.Td w={90}>
                  <Badge color={color} variant="light">
                    {it.kindLabel}
                  </Badge>
                </Table.Td>
                <Table.Td>{it.name}</Table.Td>
                <Table.Td w={120}>{it.regionName}</Table.Td>
                <Table.Td>
                  <Differences item={it} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {items.length > 200 && (
          <Text size="xs" c="dimmed">
            仅列出前200条
          </Text>
        )}
      </div>
    );

  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        导入交换文件
      </Title>
      <Group>
        <FileButton onChange={pick} accept=".lxex" resetRef={resetPick}>
          {(props) => <Button {...props}>选择交换文件…</Button>}
        </FileButton>
        {file && <Text size="sm">{file.name}</Text>}
      </Group>
      {manifest && (
        <Stack mt="sm" gap="xs" data-testid="exchange-manifest">
          <Text size="sm">
            来源：{manifest.source.countyName}（{manifest.source.countyCode}）{manifest.region ? manifest.region.name : '全部属地'} ·
            导出时间 {formatStamp(manifest.exportedAt)} · {describeCounts(manifest.counts)}
            {manifest.encryption ? ' · 已加密' : ''}
          </Text>
          <Group align="flex-end">
            {manifest.encryption && (
              <PasswordInput
                label="文件密码"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.nativeEvent.isComposing) void runPreview();
                }}
                w={220}
              />
            )}
            <Button onClick={runPreview} loading={busy && !preview}>
              检查并预览
            </Button>
          </Group>
        </Stack>
      )}
      {preview && (
        <Stack mt="md">
          <Group gap="xs">
            <Badge color="green">新增 {preview.counts.new}</Badge>
            <Badge color="blue">更新 {preview.counts.changed}</Badge>
            <Badge color="gray">无变化 {preview.counts.unchanged}</Badge>
            <Badge color="yellow">仅本地修改 {preview.counts.localChanged}</Badge>
            <Badge color="red">冲突 {preview.counts.conflict}</Badge>
          </Group>
          <KindSummary preview={preview} />
          {nothingToMerge && <Alert color="green">文件中的记录与本地相同，无需合并。</Alert>}
          {preview.firstExchange && (
            <Alert color="blue">
              首次与该来源交换：内容不同的记录，本地在文件导出之后保存过的列为冲突，请选择处理方式；其余按文件中的更新。
            </Alert>
          )}
          {preview.regionsToCreate.length > 0 && <Alert color="yellow">将新建属地：{preview.regionsToCreate.join('、')}</Alert>}
          {preview.warnings.map((w) => (
            <Alert key={w} color="yellow">
              {w}
            </Alert>
          ))}
          {preview.conflicts.length > 0 && (
            <div>
              <Group justify="space-between" mb={4}>
                <Text fw={700} size="sm">
                  {preview.firstExchange
                    ? `冲突：本地在文件导出之后保存过，与文件不同（${preview.conflicts.length}）`
                    : `冲突：两边自上次交换后都改过（${preview.conflicts.length}）`}
                </Text>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setChoices(Object.fromEntries(preview.conflicts.map((c) => [c.key, 'incoming'])))}
                  >
                    全部采用文件
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setChoices(Object.fromEntries(preview.conflicts.map((c) => [c.key, 'local'])))}
                  >
                    全部保留本地
                  </Button>
                </Group>
              </Group>
              <Table withTableBorder fz="sm" data-testid="exchange-conflicts">
                <Table.Tbody>
                  {preview.conflicts.map((c) => (
                    <Table.Tr key={c.key}>
                      <Table.Td w={90}>
                        <Badge color="red" variant="light">
                          {c.kindLabel}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td>
                        <Differences item={c} />
                      </Table.Td>
                      <Table.Td w={210}>
                        <SegmentedControl
                          size="xs"
                          value={choices[c.key] ?? ''}
                          onChange={(v) => setChoices({ ...choices, [c.key]: v as Resolution })}
                          data={[
                            { value: 'incoming', label: '采用文件' },
                            { value: 'local', label: '保留本地' },
                          ]}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
          {list('新增', preview.new, 'green')}
          {list('更新', preview.changed, 'blue')}
          {list('仅本地修改（保持本地）', preview.localChanged, 'yellow')}
          <Group justify="flex-end">
            {unresolved > 0 && (
              <Text size="sm" c="red">
                还有 {unresolved} 条冲突未选择处理方式
              </Text>
            )}
            <Button onClick={commit} disabled={unresolved > 0 || nothingToMerge} loading={busy}>
              确认合并
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

export function ExchangePage() {
  // A 乡镇经办 sends their region's file to the county; only the county merges files in.
  const canExport = useCan('exchange.export');
  const canMerge = useCan('exchange.commit');
  return (
    <Stack>
      <Title order={2}>数据交换</Title>
      {canExport && <ExportCard />}
      {canMerge && <ImportCard />}
      {!canExport && !canMerge && <Alert color="gray">数据交换由县级经办办理，当前账号无此权限。</Alert>}
    </Stack>
  );
}
