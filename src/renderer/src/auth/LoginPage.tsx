/** 登录: the server's own Chinese refusal is shown as is (it counts the tries left and the lockout's minutes). */
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { LoginResult } from '../../../shared/records/accounts';
import { invoke } from '../api';
import { errorText } from '../common';
import { AuthFrame } from './AuthFrame';
import { CapsLockHint, useCapsLock } from './CapsLockHint';

export function LoginPage({ message, onSignedIn }: { message: string | null; onSignedIn: (r: LoginResult) => void }) {
  const form = useForm({
    initialValues: { userName: '', password: '' },
    validate: { userName: (v) => (v.trim() ? null : '请填写用户名'), password: (v) => (v ? null : '请填写密码') },
  });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const caps = useCapsLock();
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    try {
      onSignedIn(await invoke('auth.login', { userName: v.userName.trim(), password: v.password }));
    } catch (e) {
      setRefusal(errorText(e));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  });
  const shown = refusal ?? message;
  return (
    <AuthFrame title="登录">
      <form onSubmit={submit} noValidate>
        <Stack>
          {shown && (
            <Alert color={refusal ? 'red' : 'yellow'} role="alert" data-testid="login-message">
              {shown}
            </Alert>
          )}
          <TextInput label="用户名" autoComplete="username" autoFocus {...form.getInputProps('userName')} />
          <PasswordInput label="密码" autoComplete="current-password" {...form.getInputProps('password')} {...caps.keyProps} />
          <CapsLockHint on={caps.on} />
          <Button type="submit" loading={busy} fullWidth>
            登录
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
