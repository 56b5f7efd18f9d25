/**
 * The one 党组织 picker: the clerk types part of a name, its 书记 or its pinyin initials and the core
 * searches (partyOrgs.list, 繁/简 folded), so it works at any ledger size. The picked one stays in the
 * list while the search shows others. Every form that names a party organization uses this.
 */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { CSSProperties, ReactNode } from 'react';
import { useMemo, useState } from 'react';
import type { FormationMethod } from '../../shared/domain/codes';
import type { PartyOrgListRow } from '../../shared/types';
import { useApi } from './queries';

export interface PickedPartyOrg {
  id: number;
  name: string;
  /** Shown after the name; a party organization's own page may not know it. */
  regionName?: string;
  regionId?: number;
}

export const partyOrgLabel = (p: PickedPartyOrg) => (p.regionName ? `${p.name}（${p.regionName}）` : p.name);

type PickerProps = Parameters<typeof PartyOrgPicker>[0];

/**
 * The picker for a form that holds the party organization as its id in text (the shared schemas'
 * input): it keeps the picked name itself and hands the form the id.
 */
export function PartyOrgField({
  initial,
  onPick,
  ...rest
}: Omit<PickerProps, 'value' | 'onChange'> & { initial: PickedPartyOrg | null; onPick: (id: string | null) => void }) {
  const [picked, setPicked] = useState(initial);
  return (
    <PartyOrgPicker
      {...rest}
      value={picked}
      onChange={(p) => {
        setPicked(p);
        onPick(p ? String(p.id) : null);
      }}
    />
  );
}

export function PartyOrgPicker({
  value,
  onChange,
  label = '党组织',
  placeholder = '输入名称、书记或拼音首字母查找',
  method,
  optionLabel = partyOrgLabel,
  offer,
  clearOnPick,
  nothingFound = '没有找到党组织',
  withAsterisk = true,
  error,
  disabled,
  style,
  testId,
}: {
  value: PickedPartyOrg | null;
  onChange: (p: PickedPartyOrg | null, row: PartyOrgListRow | null) => void;
  label?: string;
  placeholder?: string;
  /** Only party organizations formed this way (区域化“1+N” for a grid's branch). */
  method?: FormationMethod;
  optionLabel?: (p: PartyOrgListRow) => string;
  /** Which of the found ones can be picked (those with a 书记, not yet added …). */
  offer?: (p: PartyOrgListRow) => boolean;
  /** A picker that adds to a list elsewhere: empty again after each pick. */
  clearOnPick?: boolean;
  nothingFound?: string;
  withAsterisk?: boolean;
  error?: ReactNode;
  disabled?: boolean;
  style?: CSSProperties;
  testId?: string;
}) {
  const [search, setSearch] = useState(value ? partyOrgLabel(value) : '');
  const [debounced] = useDebouncedValue(search.trim(), 80);
  // While the box shows the picked name, list as if nothing were typed.
  const query = value && debounced === partyOrgLabel(value) ? '' : debounced;
  const { data } = useApi(
    'partyOrgs.list',
    { query: query || undefined, method, sort: 'name', limit: 30 },
    { keepPrevious: true, enabled: !disabled },
  );
  const rows = useMemo(() => (data?.rows ?? []).filter((r) => !offer || offer(r)), [data, offer]);
  const options = rows.map((r) => ({ value: String(r.id), label: optionLabel(r) }));
  if (value && !rows.some((r) => r.id === value.id)) options.unshift({ value: String(value.id), label: partyOrgLabel(value) });
  return (
    <Select
      label={label}
      placeholder={placeholder}
      withAsterisk={withAsterisk}
      searchable
      disabled={disabled}
      // The core has searched already (繁/简, 书记, initials); the box's own filter would drop those hits.
      filter={({ options: all }) => all}
      nothingFoundMessage={nothingFound}
      data={options}
      value={value ? String(value.id) : null}
      onChange={(v) => {
        const row = rows.find((r) => String(r.id) === v) ?? null;
        const picked = row ? { id: row.id, name: row.name, regionName: row.regionName, regionId: row.regionId } : null;
        if (v && !row && value && String(value.id) === v) return;
        onChange(picked, row);
        if (clearOnPick) setSearch('');
      }}
      searchValue={search}
      onSearchChange={setSearch}
      error={error}
      style={style}
      data-testid={testId}
    />
  );
}
