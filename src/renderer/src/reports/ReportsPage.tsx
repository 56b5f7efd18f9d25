/**
 * 报表: pick a ledger and its filters, see it as it will be printed, print it (Ctrl+P), save it as
 * PDF (desktop) or export the .xlsx the city asks for (Ctrl+E).
 */
import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { CASE_STATES, COVERAGE_STATUSES, ORG_CATEGORIES } from '../../../shared/domain/codes';
import { REPORTS } from '../../../shared/reports/definitions';
import type { FilterKind, ReportDefinition } from '../../../shared/reports/types';
import { usePageCommand } from '../commands';
import { Loading, notifyDone, notifyError, yearOptions } from '../common';
import { options } from '../ledgerBits';
import { exportReportXlsx, isDesktop, printLedger, savePdf } from '../platform';
import { useApi } from '../queries';
import { RegionSelect } from '../RegionSelect';
import { ColumnPicker } from './ColumnPicker';
import { hiddenToQuery, useHiddenColumns } from './columnChoice';
import { filtersFromQuery, filtersToQuery, type ReportFilterInput } from './filters';
import { LedgerPaper } from './PrintView';

const DEFS = REPORTS as readonly ReportDefinition[];

export function ReportsPage() {
  const [query, setQuery] = useSearchParams();
  // The ledger and its filters in the address (no history entry per change), so Back returns here.
  const replaceQuery = (values: Record<string, string>) => setQuery(values, { replace: true });
  const [report, setReport] = useState(query.get('report') ?? 'orgs');
  const [filters, setFilters] = useState<ReportFilterInput>(() => filtersFromQuery(query));
  const [busy, setBusy] = useState<string | null>(null);
  const def = DEFS.find((d) => d.id === report) ?? (DEFS[0] as ReportDefinition);
  const applied = Object.fromEntries(Object.entries(filters).filter(([k]) => (def.filters as string[]).includes(k))) as ReportFilterInput;
  const [hidden, setHidden] = useHiddenColumns(def);
  const input = { report: def.id as 'orgs', filters: applied, hidden };
  const { data, error } = useApi('reports.rows', input);

  const setFilter = (k: FilterKind, v: string | null) => {
    const next = { ...filters, [k]: v == null ? undefined : k === 'regionId' || k === 'year' ? Number(v) : v };
    setFilters(next);
    replaceQuery({ report: def.id, ...Object.fromEntries(new URLSearchParams(filtersToQuery(next))) });
  };
  const pick = (id: string | null) => {
    if (!id) return;
    setReport(id);
    replaceQuery({ report: id, ...Object.fromEntries(new URLSearchParams(filtersToQuery(filters))) });
  };

  const job = () => {
    const q = [filtersToQuery(applied), hiddenToQuery(hidden)].filter(Boolean).join('&');
    return { route: `print/${def.id}?${q ? `${q}&` : ''}pdf=1`, orientation: def.orientation, name: `${def.title}（${data?.asOf ?? ''}）` };
  };
  const run = (what: string, fn: () => Promise<unknown>) => async () => {
    if (busy) return;
    setBusy(what);
    try {
      await fn();
    } catch (e) {
      notifyError(e, `${what}未完成`);
    } finally {
      setBusy(null);
    }
  };
  const exportXlsx = run('导出', async () => {
    const r = await exportReportXlsx(input);
    if (r.saved) notifyDone(`已导出 ${r.file ?? ''}`);
  });
  const print = run('打印', () => printLedger(job()));
  const pdf = run('保存PDF', async () => {
    const r = await savePdf(job());
    if (r.saved) notifyDone(`已保存 ${r.file ?? ''}`);
  });
  usePageCommand('print', data ? print : null);
  usePageCommand('export', data ? exportXlsx : null);

  const filterControl = (k: FilterKind) => {
    const common = { key: k, clearable: true, w: 170, value: filters[k] == null ? null : String(filters[k]) };
    switch (k) {
      case 'regionId':
        return <RegionSelect {...common} label="属地" placeholder="全部属地" onChange={(v) => setFilter(k, v)} />;
      case 'category':
        return (
          <Select {...common} label="组织类别" placeholder="全部类别" data={options(ORG_CATEGORIES)} onChange={(v) => setFilter(k, v)} />
        );
      case 'coverage':
        return (
          <Select {...common} label="覆盖情况" placeholder="全部" data={options(COVERAGE_STATUSES)} onChange={(v) => setFilter(k, v)} />
        );
      case 'state':
        return <Select {...common} label="状态" placeholder="全部状态" data={options(CASE_STATES)} onChange={(v) => setFilter(k, v)} />;
      case 'year':
        return (
          <Select
            {...common}
            clearable={false}
            label="年度"
            placeholder="本年度"
            data={yearOptions()}
            value={filters.year ? String(filters.year) : (data?.asOf.slice(0, 4) ?? null)}
            onChange={(v) => setFilter(k, v)}
          />
        );
    }
  };

  return (
    <Stack>
      <Group justify="space-between" className="no-print">
        <Title order={2}>报表</Title>
        <Group>
          <Button variant="default" onClick={exportXlsx} loading={busy === '导出'} disabled={!data} title="Ctrl+E">
            导出Excel
          </Button>
          {isDesktop() && (
            <Button variant="default" onClick={pdf} loading={busy === '保存PDF'} disabled={!data}>
              保存为PDF
            </Button>
          )}
          <Button onClick={print} loading={busy === '打印'} disabled={!data} title="Ctrl+P">
            打印
          </Button>
        </Group>
      </Group>
      <Group align="flex-end" className="no-print">
        <Select
          label="台账"
          data={DEFS.map((d) => ({ value: d.id, label: d.title }))}
          value={def.id}
          onChange={pick}
          allowDeselect={false}
          w={330}
          searchable
        />
        {def.filters.map(filterControl)}
      </Group>
      <ColumnPicker def={def} hidden={hidden} onChange={setHidden} />
      <Text size="sm" c="dimmed" className="no-print">
        {def.description}
        {data ? ` 共 ${data.rows.length} 行；A4${def.orientation === 'landscape' ? '横向' : '纵向'}。` : ''}
        {isDesktop() ? '' : ' 浏览器模式：在打印对话框中可选择“另存为PDF”。'}
      </Text>
      <div style={{ overflowX: 'auto' }}>{data ? <LedgerPaper data={data} /> : <Loading error={error} />}</div>
    </Stack>
  );
}
