/**
 * Picks one party organization by typing part of its name, its 书记 or its pinyin initials: the core
 * searches (partyOrgs.list), so it works at any ledger size. The picked one stays in the list.
 */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useApi } from '../queries';

export interface PickedPartyOrg {
  id: number;
  name: string;
  regionName: string;
}

export function PartyOrgSelect({
  value,
  onChange,
  error,
  disabled,
}: {
  value: PickedPartyOrg | null;
  onChange: (p: PickedPartyOrg | null) => void;
  error?: React.ReactNode;
  disabled?: boolean;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 80);
  // While the box shows the picked name, list as if nothing were typed.
  const query = value && debounced === label(value) ? '' : debounced;
  const { data } = useApi('partyOrgs.list', { query: query || undefined, sort: 'name', limit: 30 }, { keepPrevious: true });
  const found = useMemo(() => {
    const rows = (data?.rows ?? []).map((p) => ({ id: p.id, name: p.name, regionName: p.regionName }));
    return value && !rows.some((r) => r.id === value.id) ? [value, ...rows] : rows;
  }, [data, value]);
  return (
    <Select
      label="党组织"
      placeholder="输入名称、书记或拼音首字母查找"
      withAsterisk
      searchable
      disabled={disabled}
      filter={({ options }) => options}
      nothingFoundMessage="没有找到党组织"
      data={found.map((p) => ({ value: String(p.id), label: label(p) }))}
      value={value ? String(value.id) : null}
      onChange={(v) => onChange(found.find((p) => String(p.id) === v) ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      error={error}
      data-testid="funding-party-org"
    />
  );
}

const label = (p: PickedPartyOrg) => `${p.name}（${p.regionName}）`;
