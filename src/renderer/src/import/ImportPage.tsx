/**
 * 导入: download a template, pick a sheet, check how its columns map and what its unknown words mean
 * (each asked once), see every row as 新增 / 更新 / 跳过 / 错误 / 不是记录 before anything is written,
 * then confirm; the error report can be saved as .xlsx.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Pagination,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { IMPORT_KINDS, type ImportKind, importKindLabel } from '../../../shared/importKinds';
import type { ImportPreview, ImportRowStatus } from '../../../shared/types';
import { invoke } from '../api';
import { notifyDone, notifyError } from '../common';
import { readFileBase64, saveFile } from '../platform';
import { useCan } from '../session';
import { type ValueMapping, ValueMappingCard, valueMappingOf } from './ValueMappingCard';

type Kind = ImportKind;
const KINDS = IMPORT_KINDS.map((k) => ({ value: k.kind, label: k.label }));
const STATUS: Record<ImportRowStatus, { label: string; color: string }> = {
  create: { label: '新增', color: 'green' },
  update: { label: '更新', color: 'blue' },
  skip: { label: '跳过', color: 'gray' },
  error: { label: '错误', color: 'red' },
  notRecord: { label: '不是记录', color: 'yellow' },
};
const PAGE = 100;

export function ImportPage() {
  const canImport = useCan('import.commit');
  return canImport ? (
    <ImportWork />
  ) : (
    <Stack>
      <Title order={2}>从Excel导入</Title>
      <Alert color="gray">导入由县级经办办理，当前账号无此权限。</Alert>
    </Stack>
  );
}

function ImportWork() {
  const navigate = useNavigate();
  const [kind, setKind] = useState<Kind>('orgs');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  /** Percent of the current step, or null while it cannot be told. */
  const [progress, setProgress] = useState<number | null>(0);
  const [filter, setFilter] = useState<'all' | ImportRowStatus>('all');
  const [page, setPage] = useState(1);
  // Cleared after each pick: a browser does not report the same file chosen twice, and a clerk
  // picks the same sheet again after correcting it in Excel.
  const resetPick = useRef<() => void>(null);

  const runPreview = async (
    f: { name: string; base64: string },
    mapping?: Record<string, string | null>,
    valueMapping?: ValueMapping,
    as: Kind = kind,
  ) => {
    setBusy('正在读取表格…');
    setProgress(null);
    // A big sheet takes a while: ask how far the preview has got (reading is the first 60 %).
    const jobId = crypto.randomUUID();
    let running = true;
    const timer = window.setInterval(async () => {
      const p = await invoke('import.progress', { jobId }).catch(() => null);
      if (!running || !p?.total) return;
      const share = p.done / p.total;
      setBusy(p.phase === '读取' ? '正在读取表格…' : `正在检查每一行…（${p.done.toLocaleString()} / ${p.total.toLocaleString()} 行）`);
      setProgress(Math.round(p.phase === '读取' ? share * 60 : 60 + share * 40));
    }, 300);
    try {
      const p = await invoke('import.preview', { kind: as, fileName: f.name, base64: f.base64, mapping, valueMapping, jobId });
      setPreview(p);
      setFilter(p.counts.error ? 'error' : 'all');
      setPage(1);
      return true;
    } catch (e) {
      notifyError(e, '无法预览');
      return false;
    } finally {
      running = false;
      window.clearInterval(timer);
      setBusy(null);
    }
  };

  const pick = async (picked: File | null) => {
    if (!picked) return;
    // The previous file's rows must not stay on screen under the new file's name (nor be committed).
    setPreview(null);
    setFile(null);
    setBusy('正在读取文件…');
    setProgress(0);
    try {
      const base64 = await readFileBase64(picked, setProgress);
      const f = { name: picked.name, base64 };
      setFile(f);
      if (!(await runPreview(f))) setFile(null);
    } catch (e) {
      notifyError(e, '无法读取文件');
      setBusy(null);
    } finally {
      resetPick.current?.();
    }
  };

  const template = async () => {
    try {
      const t = await invoke('import.template', { kind });
      await saveFile(t.fileName, t.base64);
    } catch (e) {
      notifyError(e, '模板未能下载');
    }
  };

  const errorReport = async () => {
    if (!preview) return;
    try {
      const r = await invoke('import.errorReport', { id: preview.id });
      await saveFile(r.fileName, r.base64);
    } catch (e) {
      notifyError(e, '错误报告未能导出');
    }
  };

  const commit = () => {
    if (!preview) return;
    const c = preview.counts;
    modals.openConfirmModal({
      title: '确认导入',
      children: (
        <Stack gap="xs">
          <Text size="sm">
            将新增 {c.create} 条、更新 {c.update} 条，跳过 {c.skip} 条无变化的记录。全部写入或全部不写入。
          </Text>
          {c.notRecord > 0 && (
            <Text size="sm" c="dimmed">
              {c.notRecord} 行不是记录（合计、填表人、注释等），不导入。
            </Text>
          )}
          {c.error > 0 && (
            <Text size="sm" c="red">
              另有 {c.error} 行有错误，将不导入（可先导出错误报告，改正后再导入这些行）。
            </Text>
          )}
        </Stack>
      ),
      labels: { confirm: '导入', cancel: '取消' },
      onConfirm: async () => {
        setBusy('正在写入…');
        setProgress(null);
        try {
          const r = await invoke('import.commit', { id: preview.id, skipErrors: c.error > 0 });
          notifyDone(
            `导入完成：新增 ${r.created} 条，更新 ${r.updated} 条，跳过 ${r.skipped} 条${r.failed ? `，${r.failed} 行有错误未导入` : ''}`,
          );
          setPreview(null);
          setFile(null);
          navigate(IMPORT_KINDS.find((k) => k.kind === kind)?.path ?? '/');
        } catch (e) {
          notifyError(e, '导入未完成，数据未改变');
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const rows = preview ? preview.rows.filter((r) => filter === 'all' || r.status === filter) : [];
  const shown = rows.slice((page - 1) * PAGE, page * PAGE);
  const fieldOptions = preview
    ? [
        { value: '', label: '（不导入）' },
        ...preview.fields.map((f) => ({ value: f.key, label: f.required ? `${f.label}（必填）` : f.label })),
      ]
    : [];

  return (
    <Stack>
      <Title order={2}>从Excel导入</Title>
      <Card withBorder>
        <Group align="flex-end">
          <Select
            label="导入的数据"
            data={KINDS}
            value={kind}
            onChange={(v) => {
              if (!v) return;
              setKind(v as Kind);
              setPreview(null);
              // The file already chosen is read again as the new kind: no need to pick it twice.
              if (file) void runPreview(file, undefined, undefined, v as Kind);
            }}
            allowDeselect={false}
            // Every kind at once, without scrolling, at 1366×768.
            maxDropdownHeight={420}
            w={200}
          />
          <Button variant="default" onClick={template}>
            下载导入模板
          </Button>
          <FileButton onChange={pick} accept=".xlsx,.csv,.xls" resetRef={resetPick}>
            {(props) => (
              <Button {...props} loading={busy === '正在读取文件…'}>
                选择Excel文件…
              </Button>
            )}
          </FileButton>
          {file && <Text size="sm">{file.name}</Text>}
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          支持 .xlsx 和 .csv（旧版 .xls 请先另存为
          .xlsx）。可用模板，也可直接用已有的表格：程序按表头自动对应各列，可在下方调整。已有记录按每种数据自己的规则匹配（如两新组织按统一社会信用代码或同一属地内的名称，示范点按党组织、级别和年度），规则写在模板的“填写说明”中。属地可写简称（如“乌兰”）或行政区划代码；“有限公司”“个体户”等常见写法自动识别，不能确定的写法（如“企业”）每种问一次；合计、填表人、注释等行标为“不是记录”，不导入。
        </Text>
        {busy && (
          <Stack gap={4} mt="sm">
            <Text size="sm">{busy}</Text>
            <Progress value={progress ?? 100} animated={progress === null} striped />
          </Stack>
        )}
      </Card>

      {preview && (
        <>
          <Card withBorder>
            <Title order={4} mb="xs">
              列的对应（工作表“{preview.sheetName}”，第 {preview.headerRow} 行为表头；每个表头下选择它导入为哪一项）
            </Title>
            {preview.missingRequired.length > 0 && (
              <Alert color="red" mb="sm">
                以下必填项没有对应的列：{preview.missingRequired.join('、')}。请在下面指定，或在表格中补上这些列；若这不是
                {importKindLabel(kind)}表，请在上方“导入的数据”中改选。
              </Alert>
            )}
            <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="xs" verticalSpacing={6}>
              {preview.headers.map((h) => (
                <Select
                  key={h}
                  size="xs"
                  label={h || '（空表头）'}
                  data={fieldOptions}
                  value={preview.mapping[h] ?? ''}
                  aria-label={`“${h}”导入为`}
                  allowDeselect={false}
                  styles={preview.mapping[h] ? undefined : { input: { color: 'var(--mantine-color-dimmed)' } }}
                  onChange={(v) => file && runPreview(file, { ...preview.mapping, [h]: v || null }, valueMappingOf(preview))}
                />
              ))}
            </SimpleGrid>
          </Card>

          {preview.valueQuestions.length > 0 && (
            <ValueMappingCard preview={preview} onChange={(valueMapping) => file && runPreview(file, preview.mapping, valueMapping)} />
          )}

          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <SegmentedControl
                value={filter}
                onChange={(v) => {
                  setFilter(v as typeof filter);
                  setPage(1);
                }}
                data={[
                  { value: 'all', label: `全部 ${preview.counts.total}` },
                  { value: 'create', label: `新增 ${preview.counts.create}` },
                  { value: 'update', label: `更新 ${preview.counts.update}` },
                  { value: 'skip', label: `跳过 ${preview.counts.skip}` },
                  { value: 'error', label: `错误 ${preview.counts.error}` },
                  { value: 'notRecord', label: `不是记录 ${preview.counts.notRecord}` },
                ]}
              />
              <Group>
                <Button variant="default" onClick={errorReport} disabled={preview.counts.error === 0}>
                  导出错误报告
                </Button>
                <Button
                  onClick={commit}
                  disabled={preview.missingRequired.length > 0 || preview.counts.create + preview.counts.update === 0}
                  loading={busy === '正在写入…'}
                >
                  确认导入
                </Button>
              </Group>
            </Group>
            <Table striped withTableBorder fz="sm" data-testid="import-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={60}>行号</Table.Th>
                  <Table.Th w={100}>结果</Table.Th>
                  <Table.Th>名称</Table.Th>
                  <Table.Th>说明</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS[r.status].color} variant="light">
                        {STATUS[r.status].label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>
                      {r.errors.map((e) => (
                        <Text key={`${e.column}-${e.header}`} size="sm" c="red">
                          {e.column ? `${e.column}列` : ''}「{e.header}」{e.message}
                        </Text>
                      ))}
                      {r.status === 'update' && (
                        <Text size="sm">
                          按{r.matchedBy}匹配，修改：{r.changes.join('、')}
                        </Text>
                      )}
                      {r.status === 'skip' && (
                        <Text size="sm" c="dimmed">
                          按{r.matchedBy}匹配，内容相同
                        </Text>
                      )}
                      {r.reason && (
                        <Text size="sm" c="dimmed">
                          {r.reason}，不导入
                        </Text>
                      )}
                      {r.notes.map((n) => (
                        <Text key={n} size="sm" c="blue.8">
                          {n}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {rows.length > PAGE && <Pagination mt="sm" total={Math.ceil(rows.length / PAGE)} value={page} onChange={setPage} />}
          </Card>
        </>
      )}
    </Stack>
  );
}
