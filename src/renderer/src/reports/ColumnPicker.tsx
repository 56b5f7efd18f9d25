/** Which columns of a ledger go on paper and into the .xlsx; 序号 always does. */
import { Button, Checkbox, Group } from '@mantine/core';
import { hideableColumns } from '../../../shared/reports/columns';
import type { ReportDefinition } from '../../../shared/reports/types';

export function ColumnPicker({ def, hidden, onChange }: { def: ReportDefinition; hidden: string[]; onChange: (hidden: string[]) => void }) {
  const columns = hideableColumns(def);
  const shown = columns.filter((c) => !hidden.includes(c.key)).map((c) => c.key);
  return (
    <Checkbox.Group
      className="no-print"
      label="打印和导出的列"
      description={`取消勾选即不打印、不导出该列；按台账记住这次的选择${def.columns.some((c) => c.key === 'seq') ? '，序号列总是保留' : ''}。`}
      value={shown}
      onChange={(keys) => onChange(columns.filter((c) => !keys.includes(c.key)).map((c) => c.key))}
    >
      <Group gap="md" mt={6}>
        {columns.map((c) => (
          // The last column shown cannot be taken away: a ledger needs at least one.
          <Checkbox key={c.key} value={c.key} label={c.label} disabled={shown.length === 1 && shown[0] === c.key} />
        ))}
        {hidden.length > 0 && (
          <Button variant="subtle" size="compact-sm" onClick={() => onChange([])}>
            全部显示
          </Button>
        )}
      </Group>
    </Checkbox.Group>
  );
}
