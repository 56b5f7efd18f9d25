/** Small pieces the case and classification screens share: loading data, errors, labels. */
import { Badge, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { CASE_STATES, type CaseState, labelOf, MANAGEMENT_CLASSES, type ManagementClass } from '../../shared/domain/codes';
import { ApiCallError } from './api';

/** What a clerk reads when something failed: the core's own Chinese message, or what to do next. */
export function errorText(e: unknown): string {
  if (e instanceof ApiCallError) return e.message;
  return '程序没有收到预期的答复，刚才的内容可能没有保存。请刷新页面（或重新打开程序）后再试；仍不成功时，请记下刚才的操作并联系技术支持。';
}

/** Failure toasts still on screen: the next success or failure replaces them, so no old failure lingers. */
const shownErrors = new Set<string>();
let errorSeq = 0;

/** Hides the failure toasts on screen (a refusal now shown in the form instead). */
export function hideErrors() {
  for (const id of shownErrors) notifications.hide(id);
  shownErrors.clear();
}

export function notifyError(e: unknown, title = '操作未完成') {
  hideErrors();
  const id = `error-${++errorSeq}`;
  shownErrors.add(id);
  notifications.show({ id, color: 'red', title, message: errorText(e), autoClose: 8000, onClose: () => shownErrors.delete(id) });
}

/** A save the form itself refused (fields marked red): the clerk's to correct, not a program failure. */
export function notifyRefused() {
  notifyError(new ApiCallError({ code: 'invalid_input', message: '有的项目填写有误，请按标红处的说明改正后再保存' }), '请先改正标红的项目');
}

export function notifyDone(message: string) {
  hideErrors();
  notifications.show({ color: 'green', title: '已保存', message, autoClose: 3000 });
}

export function Loading({ error }: { error?: string | null }) {
  if (error) return <Text c="red">加载失败：{error}</Text>;
  return (
    <Group gap="xs">
      <Loader size="sm" />
      <Text c="dimmed">正在加载…</Text>
    </Group>
  );
}

const STATE_COLORS: Record<CaseState, string> = { identified: 'orange', rectifying: 'red', accepted: 'blue', delisted: 'green' };

export function CaseStateBadge({ state }: { state: CaseState }) {
  return (
    <Badge color={STATE_COLORS[state]} variant="light">
      {labelOf(CASE_STATES, state)}
    </Badge>
  );
}

const CLASS_COLORS: Record<ManagementClass, string> = { rectify: 'red', standard: 'blue', brand: 'yellow' };

export function ClassBadge({ value }: { value: ManagementClass | null }) {
  if (!value) return <Text c="dimmed">未定级</Text>;
  return (
    <Badge color={CLASS_COLORS[value]} variant="light">
      {labelOf(MANAGEMENT_CLASSES, value)}
    </Badge>
  );
}

export const stars = (n: number | null) => (n ? '★'.repeat(n) + '☆'.repeat(5 - n) : '未评定');

/** Years a clerk picks from: a few back and the next. */
export function yearOptions(today = new Date()): { value: string; label: string }[] {
  const y = today.getFullYear();
  return [y + 1, y, y - 1, y - 2, y - 3].map((v) => ({ value: String(v), label: `${v}年度` }));
}

/** A delete asks first, says what follows, and reports the outcome. */
export function confirmDelete(o: { title: string; body: ReactNode; name: string; run: () => Promise<unknown>; after: () => void }) {
  modals.openConfirmModal({
    title: o.title,
    children: <Text size="sm">{o.body}</Text>,
    labels: { confirm: '删除', cancel: '取消' },
    confirmProps: { color: 'red' },
    onConfirm: async () => {
      try {
        await o.run();
        notifyDone(`已删除“${o.name}”`);
        o.after();
      } catch (e) {
        notifyError(e, '未能删除');
      }
    },
  });
}

/**
 * A record's form: title, 取消 and 保存 (Enter or Ctrl+S) above its sections. `readOnly` (a reader who may
 * not write, e.g. 领导查看) shows the same fields disabled with only 返回.
 */
export function FormFrame(o: {
  title: string;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
  readOnly?: boolean;
  children: ReactNode;
}) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!o.readOnly) o.onSave();
      }}
    >
      <Stack>
        <Group justify="space-between">
          <Title order={2}>{o.title}</Title>
          <Group>
            <Button variant="default" onClick={o.onCancel}>
              {o.readOnly ? '返回' : '取消'}
            </Button>
            {!o.readOnly && (
              <Button type="submit" loading={o.saving} title="Ctrl+S">
                保存
              </Button>
            )}
          </Group>
        </Group>
        {o.readOnly ? (
          <fieldset disabled style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Stack>{o.children}</Stack>
          </fieldset>
        ) : (
          o.children
        )}
      </Stack>
    </form>
  );
}
