/**
 * The one 属地 picker: the county's regions in the clerk's order, searchable with 繁/简 folded on both
 * sides (a clerk typing 烏蘭 finds 乌兰镇, as every name search does), plus any options a page puts first
 * (培训's 旗县级). Every 属地 box uses this.
 */
import { type ComboboxItem, type OptionsFilter, Select, type SelectProps } from '@mantine/core';
import { matchesName } from '../../shared/rules/hanzi';
import { useRegionOptions } from './ledgerBits';
import { useAccount } from './session';

const foldedFilter: OptionsFilter = ({ options, search }) => (options as ComboboxItem[]).filter((o) => matchesName(search, [o.label]));

export function RegionSelect({ extra = [], ...props }: Omit<SelectProps, 'data' | 'filter' | 'searchable'> & { extra?: ComboboxItem[] }) {
  const regions = useRegionOptions();
  return <Select {...props} data={[...extra, ...regions]} searchable filter={foldedFilter} nothingFoundMessage="没有这个属地" />;
}

/** The 属地 a new record starts with: a 乡镇经办 working on a single region has nothing else to pick. */
export function useOwnRegion(): string | null {
  const account = useAccount();
  return account?.role === 'township' && account.regionIds.length === 1 ? String(account.regionIds[0]) : null;
}
