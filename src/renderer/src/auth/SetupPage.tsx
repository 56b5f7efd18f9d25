/** First start of a new ledger: the 系统管理员 account is named before anything else can be done. */
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { LoginResult } from '../../../shared/records/accounts';
import { invoke } from '../api';
import { errorText } from '../common';
import { apiFieldErrors } from '../formErrors';
import { AuthFrame } from './AuthFrame';
import { CapsLockHint, useCapsLock } from './CapsLockHint';
import { newPasswordErrors, PASSWORD_RULE } from './passwordRule';

export function SetupPage({ onSignedIn }: { onSignedIn: (r: LoginResult) => void }) {
  const form = useForm({
    initialValues: { userName: 'admin', name: '', password: '', again: '' },
    validate: (v) => ({
      ...(v.userName.trim() ? {} : { userName: '请填写用户名' }),
      ...(v.name.trim() ? {} : { name: '请填写姓名' }),
      ...newPasswordErrors(v.password, v.again, v.userName),
    }),
  });
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const caps = useCapsLock();
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setFailure(null);
    try {
      onSignedIn(await invoke('auth.setup', { userName: v.userName.trim(), name: v.name.trim(), password: v.password }));
    } catch (e) {
      const fields = apiFieldErrors(e);
      if (Object.keys(fields).length) form.setErrors(fields);
      else setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  });
  return (
    <AuthFrame
      title="首次使用：设置系统管理员"
      note={<Text size="sm">这是一个新台账。请先设置系统管理员账号，之后由系统管理员在“账号管理”中为经办人员开设账号。</Text>}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <TextInput label="用户名" autoComplete="username" {...form.getInputProps('userName')} />
          <TextInput label="姓名" autoFocus {...form.getInputProps('name')} />
          <PasswordInput
            label="密码"
            description={PASSWORD_RULE}
            autoComplete="new-password"
            {...form.getInputProps('password')}
            {...caps.keyProps}
          />
          <PasswordInput label="再次输入密码" autoComplete="new-password" {...form.getInputProps('again')} {...caps.keyProps} />
          <CapsLockHint on={caps.on} />
          <Button type="submit" loading={busy} fullWidth>
            设置并登录
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
