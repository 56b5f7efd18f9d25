/** Badges, option lists and a read-only field grid shared by the organization and party-organization screens. */
import { Badge, Group, Pagination, SimpleGrid, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import {
  COVERAGE_STATUSES,
  type CodeTable,
  type CoverageStatus,
  labelOf,
  ORG_FLAGS,
  type OrgFlag,
  PARTY_ORG_FLAGS,
  type PartyOrgFlag,
} from '../../shared/domain/codes';
import { useRegions } from './queries';

const COVERAGE_COLORS: Record<CoverageStatus, string> = { single: 'green', shared: 'teal', work: 'yellow', none: 'red', out: 'gray' };

export function CoverageBadge({ value }: { value: CoverageStatus }) {
  return (
    <Badge color={COVERAGE_COLORS[value]} variant="light" style={{ flexShrink: 0, overflow: 'visible' }}>
      {labelOf(COVERAGE_STATUSES, value)}
    </Badge>
  );
}

export function FlagBadges<F extends string>({ flags, table }: { flags: F[]; table: CodeTable<F> }) {
  if (flags.length === 0) return null;
  return (
    <Group gap={4}>
      {flags.map((f) => (
        <Badge key={f} color="orange" variant="outline" size="sm" style={{ overflow: 'visible' }}>
          {labelOf(table, f)}
        </Badge>
      ))}
    </Group>
  );
}

export const OrgFlagBadges = ({ flags }: { flags: OrgFlag[] }) => <FlagBadges flags={flags} table={ORG_FLAGS} />;
export const PartyOrgFlagBadges = ({ flags }: { flags: PartyOrgFlag[] }) => <FlagBadges flags={flags} table={PARTY_ORG_FLAGS} />;

/** Flags with the reason for each, as an organization's page shows them. */
export function FlagReasons<F extends string>({ flags, table }: { flags: { code: F; reason: string }[]; table: CodeTable<F> }) {
  if (flags.length === 0) return <Text c="dimmed">无</Text>;
  return (
    <Stack gap={6}>
      {flags.map((f) => (
        <Group key={f.code} gap="xs" wrap="nowrap" align="flex-start">
          <Badge color="orange" variant="light" style={{ flexShrink: 0 }}>
            {labelOf(table, f.code)}
          </Badge>
          <Text size="sm">{f.reason}</Text>
        </Group>
      ))}
    </Stack>
  );
}

export const options = <C extends string>(table: CodeTable<C>) => table.map((r) => ({ value: r.code, label: r.label }));

export function useRegionOptions() {
  const { data } = useRegions();
  return (data ?? []).map((r) => ({ value: String(r.id), label: r.name }));
}

/** Label / value pairs in columns; empty values show a dash so a blank is visibly blank. */
export function InfoGrid({ items, cols = 3 }: { items: [string, ReactNode][]; cols?: number }) {
  return (
    <SimpleGrid cols={cols} spacing="sm" verticalSpacing="xs">
      {items.map(([label, value]) => (
        <div key={label}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="sm" component="div">
            {value === null || value === undefined || value === '' ? '—' : value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

export const yesNo = (b: boolean) => (b ? '是' : '否');

/** Money is stored in 分 and typed in 元. */
export const fenToYuan = (fen: number) => (fen / 100).toFixed(2);
export const yuanToFen = (yuan: number | string) => Math.round(Number(yuan || 0) * 100);

/** A column header that sorts the list by its field; clicking again reverses the order. */
export function SortHeader<S extends string>({
  label,
  field,
  sort,
  dir,
  onSort,
  right,
}: {
  label: string;
  field: S;
  sort: S;
  dir: 'asc' | 'desc';
  onSort: (f: S) => void;
  right?: boolean;
}) {
  const mark = sort === field ? (dir === 'asc' ? ' ▲' : ' ▼') : '';
  return (
    <Table.Th ta={right ? 'right' : undefined} aria-sort={sort === field ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton fw={700} fz="sm" onClick={() => onSort(field)} aria-label={`按${label}排序`}>
        {label}
        {mark}
      </UnstyledButton>
    </Table.Th>
  );
}

/** Ledger tables: headers never wrap, cells stay at the top. */
export const ledgerTableStyles = { th: { whiteSpace: 'nowrap' as const }, td: { verticalAlign: 'top' as const } };

/** A stored UTC time stamp as the clerk's local `YYYY-MM-DD HH:mm`. */
export function formatStamp(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Under a paged list: where the clerk is, and the pages. */
export function ListFooter({
  page,
  pages,
  pageSize,
  onChange,
}: {
  page: number;
  pages: number;
  pageSize: number;
  onChange: (p: number) => void;
}) {
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        第 {page} / {pages} 页，每页 {pageSize} 条
      </Text>
      <Pagination total={pages} value={page} onChange={onChange} />
    </Group>
  );
}
