/**
 * A page form's 保存 (the button, Enter, Ctrl+S), the same for every record form: one save at a time; on
 * success the saved toast, the leave guard released and on to the next page; a refusal marked under its
 * fields and told in one toast, which the next success or failure replaces (no stale failure stays); a save
 * conflict the form shows itself gets no toast, so the clerk reads it once.
 */
import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { usePageCommand } from './commands';
import { hideErrors, notifyDone, notifyError, notifyRefused } from './common';
import { apiFieldErrors } from './formErrors';
import { useLeaveGuard } from './leaveGuard';

// biome-ignore lint/suspicious/noExplicitAny: the bound @mantine/form itself puts on form values (an interface has no index signature)
export function usePageFormSave<V extends Record<string, any>, R>(
  form: UseFormReturnType<V>,
  o: {
    /** Changes the form does not hold (a list kept beside it) also count as unsaved. */
    dirty?: boolean;
    run: (values: V) => Promise<R>;
    /** The toast's text and the page to go to, from what the core saved. */
    after: (saved: R) => { message: string; to: string };
    /** Shown for reading only: Ctrl+S saves nothing and leaving never asks. */
    readOnly?: boolean;
    /** Sees a refusal first; true when the form shows it itself (a save conflict, saveConflict.tsx): no toast then. */
    refused?: (e: unknown, values: V) => boolean;
  },
) {
  const navigate = useNavigate();
  const [saving, setSaving] = useState(false);
  const guard = useLeaveGuard(!o.readOnly && (form.isDirty() || !!o.dirty) && !saving);
  const save = form.onSubmit(async (values) => {
    if (saving) return;
    setSaving(true);
    try {
      const next = o.after(await o.run(values));
      form.resetDirty();
      notifyDone(next.message);
      guard.release();
      navigate(next.to);
    } catch (e) {
      if (o.refused?.(e, values)) {
        hideErrors();
        return;
      }
      form.setErrors(apiFieldErrors(e));
      notifyError(e, '未能保存');
    } finally {
      setSaving(false);
    }
  }, notifyRefused);
  usePageCommand('save', o.readOnly ? null : save);
  return { save, saving, guard };
}
