/**
 * The 年度 box of the record lists, over `param.listYear()`: this year by default, earlier years, and
 * 全部年度 last. One box so that every list offers and names the years alike.
 */
import { Select } from '@mantine/core';
import { yearOptions } from './common';

export const ALL_YEARS = 'all';

/** The year to send to the core: none for 全部年度. */
export const yearInput = (year: string) => (year === ALL_YEARS ? undefined : Number(year));

/** `&year=2026` for a link to the printed ledger of the year on screen (none for 全部年度). */
export const yearLink = (year: string) => (year === ALL_YEARS ? '' : `&year=${year}`);

export function YearFilter({
  value,
  onChange,
  label = '年度',
  // Records of what was done: next year has none yet.
  years = yearOptions().slice(1),
  allLabel = '全部年度',
  description,
  w = 130,
}: {
  value: string;
  onChange: (year: string) => void;
  label?: string;
  years?: { value: string; label: string }[];
  /** Null where the list is always of one year (年检). */
  allLabel?: string | null;
  description?: string;
  w?: number;
}) {
  // An address may carry a year the box does not list (an old link): it is still shown.
  const listed = years.some((y) => y.value === value) || value === ALL_YEARS ? years : [{ value, label: `${value}年度` }, ...years];
  return (
    <Select
      label={label}
      description={description}
      data={allLabel ? [...listed, { value: ALL_YEARS, label: allLabel }] : listed}
      value={value}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
      w={w}
    />
  );
}
