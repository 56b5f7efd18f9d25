/** 修改密码: the forced page after a reset or on first login, and the header menu's dialog. */
import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { Account } from '../../../shared/records/accounts';
import { invoke } from '../api';
import { errorText } from '../common';
import { apiFieldErrors } from '../formErrors';
import { CapsLockHint, useCapsLock } from './CapsLockHint';
import { newPasswordErrors, PASSWORD_RULE } from './passwordRule';

export function ChangePasswordForm(o: { userName: string; onDone: (a: Account) => void; onCancel?: () => void; cancelLabel?: string }) {
  const form = useForm({
    initialValues: { oldPassword: '', password: '', again: '' },
    validate: (v) => ({
      ...(v.oldPassword ? {} : { oldPassword: '请填写原密码' }),
      ...newPasswordErrors(v.password, v.again, o.userName),
    }),
  });
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const caps = useCapsLock();
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setFailure(null);
    try {
      o.onDone(await invoke('auth.changePassword', { oldPassword: v.oldPassword, newPassword: v.password }));
    } catch (e) {
      const fields = apiFieldErrors(e);
      if (Object.keys(fields).length) form.setErrors({ ...fields, ...(fields.newPassword ? { password: fields.newPassword } : {}) });
      else setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <PasswordInput label="原密码" autoComplete="current-password" autoFocus {...form.getInputProps('oldPassword')} {...caps.keyProps} />
        <PasswordInput
          label="新密码"
          description={PASSWORD_RULE}
          autoComplete="new-password"
          {...form.getInputProps('password')}
          {...caps.keyProps}
        />
        <PasswordInput label="再次输入新密码" autoComplete="new-password" {...form.getInputProps('again')} {...caps.keyProps} />
        <CapsLockHint on={caps.on} />
        <Group justify="flex-end">
          {o.onCancel && (
            <Button variant="default" onClick={o.onCancel}>
              {o.cancelLabel ?? '取消'}
            </Button>
          )}
          <Button type="submit" loading={busy}>
            修改密码
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
