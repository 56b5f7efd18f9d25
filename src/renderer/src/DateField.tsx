/**
 * The one date input: YYYY-MM-DD shown and typed, a Chinese calendar, and the spellings clerks type
 * (2026.3.1, 2026年3月1日, 20260301 …) read by the same rule as imports. Value and onChange are
 * 'YYYY-MM-DD' strings, or null when empty.
 */
import 'dayjs/locale/zh-cn';
import '@mantine/dates/styles.css';
import { DateInput, type DateInputProps, DatesProvider } from '@mantine/dates';
import { useState } from 'react';
import { readDateText } from '../../shared/rules/dateText';

export type DateFieldProps = Omit<
  DateInputProps,
  'value' | 'onChange' | 'defaultValue' | 'maxDate' | 'minDate' | 'valueFormat' | 'dateParser'
> & {
  value?: string | null;
  onChange: (value: string | null) => void;
  /** Latest day allowed (YYYY-MM-DD), e.g. today for "no future dates". */
  maxDate?: string;
  minDate?: string;
};

/** Whatever the clerk typed, read as a date if the shared rule knows it; null leaves the field invalid. */
export function parseTypedDate(text: string): string | null {
  const read = readDateText(text);
  return read.ok ? read.value : null;
}

export function DateField({ value, onChange, maxDate, minDate, ...rest }: DateFieldProps) {
  // A clerk typing the date does not need the calendar over the fields below; a click brings it back.
  const [typing, setTyping] = useState(false);
  // A typed day outside the allowed range is not taken (the box goes back to what it held): say why,
  // rather than leave the clerk with an empty box or a message about the format.
  const [outOfRange, setOutOfRange] = useState<string | null>(null);
  return (
    <DatesProvider settings={{ locale: 'zh-cn', firstDayOfWeek: 1 }}>
      <DateInput
        placeholder="如 2026-03-01"
        {...rest}
        value={value || null}
        onChange={(v) => {
          setOutOfRange(null);
          onChange(v ? String(v).slice(0, 10) : null);
        }}
        error={outOfRange ?? rest.error}
        valueFormat="YYYY-MM-DD"
        dateParser={parseTypedDate}
        maxDate={maxDate}
        minDate={minDate}
        clearable={rest.clearable ?? !rest.required}
        monthLabelFormat="YYYY年M月"
        yearLabelFormat="YYYY年"
        onInput={(e) => {
          setTyping(true);
          setOutOfRange(rangeMessage(parseTypedDate((e.target as HTMLInputElement).value), minDate, maxDate));
          rest.onInput?.(e);
        }}
        onClick={(e) => {
          setTyping(false);
          rest.onClick?.(e);
        }}
        popoverProps={typing ? { ...rest.popoverProps, opened: false } : rest.popoverProps}
      />
    </DatesProvider>
  );
}

/** Why a typed day cannot be taken; null when it can (or is not a whole date yet). */
export function rangeMessage(day: string | null, minDate?: string, maxDate?: string): string | null {
  if (!day) return null;
  if (maxDate && day > maxDate)
    return maxDate === todayText() ? `${day}晚于今天（${maxDate}），不能填入` : `${day}晚于${maxDate}，不能填入`;
  if (minDate && day < minDate) return `${day}早于${minDate}，不能填入`;
  return null;
}

/** Today as YYYY-MM-DD in the clerk's own time zone (for maxDate). */
export function todayText(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
