/**
 * A save refused because someone else saved the record since this form loaded it (issue #15): the
 * core's message (who, when, both values) stays in the form, not only in a toast, with 载入最新内容.
 * Loading the latest puts the saved record in the form and lists what the clerk had typed beside it,
 * so nothing typed is lost without being seen. The form keeps the version it loaded and sends it back.
 */
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { type ReactNode, useState } from 'react';
import { type AuditLookups, showAuditValue } from '../../shared/audit/describe';
import { auditFieldLabel } from '../../shared/audit/labels';
import { ApiCallError } from './api';
import { notifyError } from './common';
import { useRegions } from './queries';

/** The core's answer when the record moved past the version sent: a `conflict` whose first field is `version`. */
export function isStaleSave(e: unknown): e is ApiCallError {
  return e instanceof ApiCallError && e.error.code === 'conflict' && e.error.fields?.[0]?.path === 'version';
}

interface Typed {
  label: string;
  value: string;
}

interface Conflict<V> {
  message: string;
  /** The form's values when the save was refused. */
  mine: V;
  /** After 载入最新内容: the clerk's values that differ from the record now in the form. */
  typed: Typed[] | null;
}

// biome-ignore lint/suspicious/noExplicitAny: the bound @mantine/form itself puts on form values
export function useSaveConflict<V extends Record<string, any>>(
  form: UseFormReturnType<V>,
  o: {
    /** The audit log's name for the record kind (`org`, `partyOrg`, `instructor`): field labels and codes. */
    entity: string;
    /** The fields the form edits (the loaded record carries more: its id, stamps, names). */
    fields: readonly string[];
    version: number | undefined;
    /** Reads the record again: its values as the form holds them, and its version. */
    reload: () => Promise<{ values: V; version: number }>;
  },
) {
  const [version, setVersion] = useState(o.version);
  const [conflict, setConflict] = useState<Conflict<V> | null>(null);
  const [loading, setLoading] = useState(false);
  const regions = useRegions();

  /** For the save's error handler: true when the error was this kind of conflict (now shown in the form). */
  const caught = (e: unknown, values: V): boolean => {
    if (!isStaleSave(e)) return false;
    setConflict({ message: e.error.message, mine: values, typed: null });
    return true;
  };

  const loadLatest = async () => {
    if (!conflict) return;
    setLoading(true);
    try {
      const latest = await o.reload();
      const look: AuditLookups = {
        names: {
          region: new Map((regions.data ?? []).map((r) => [r.id, r.name])),
          org: new Map(),
          partyOrg: new Map(),
          instructor: new Map(),
          leader: new Map(),
        },
        cases: new Map(),
        assignments: new Map(),
        seedStamps: new Set(),
        utcOffset: 0,
      };
      const typed: Typed[] = [];
      for (const k of o.fields) {
        const mine = conflict.mine[k];
        if (same(mine, latest.values[k])) continue;
        const value = k === 'regionId' && mine ? Number(mine) : mine;
        typed.push({ label: auditFieldLabel(o.entity, k) ?? k, value: showAuditValue(o.entity, 'update', k, value, look) });
      }
      form.setInitialValues(latest.values);
      form.setValues(latest.values);
      form.resetDirty(latest.values);
      form.clearErrors();
      setVersion(latest.version);
      setConflict({ ...conflict, typed });
    } catch (e) {
      notifyError(e, '未能载入最新内容');
    } finally {
      setLoading(false);
    }
  };

  const panel: ReactNode = conflict ? (
    <Alert color="orange" title="保存冲突：该记录已被他人修改" role="alert" data-testid="save-conflict">
      <Stack gap="xs">
        <Text size="sm">{conflict.message}</Text>
        {conflict.typed === null ? (
          <Group>
            <Button size="xs" color="orange" loading={loading} onClick={() => void loadLatest()}>
              载入最新内容
            </Button>
            <Text size="xs" c="dimmed">
              载入后，您刚才填写的内容会列在这里，供核对后重新填写
            </Text>
          </Group>
        ) : conflict.typed.length ? (
          <div data-testid="save-conflict-typed">
            <Text size="sm" fw={500}>
              已载入最新内容。您刚才填写、尚未保存的内容：
            </Text>
            <List size="sm">
              {conflict.typed.map((t) => (
                <List.Item key={t.label}>
                  {t.label}：「{t.value}」
                </List.Item>
              ))}
            </List>
          </div>
        ) : (
          <Text size="sm" data-testid="save-conflict-typed">
            已载入最新内容，与您刚才填写的相同。
          </Text>
        )}
      </Stack>
    </Alert>
  ) : null;

  return { version, caught, panel, clear: () => setConflict(null) };
}

/** Equal as the form holds them: an empty box and an empty field are one. */
function same(a: unknown, b: unknown): boolean {
  const norm = (x: unknown) => (x === '' || x === undefined ? null : x);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
