/** 新建账号 and 编辑: 负责属地 is asked only of a 乡镇经办 (the other roles see the whole county or no records). */
import { Alert, Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ROLES, type RoleCode, roleHasRegions } from '../../../shared/domain/roles';
import type { Account } from '../../../shared/records/accounts';
import { passwordProblem } from '../../../shared/rules/password';
import { invoke } from '../api';
import { PASSWORD_RULE } from '../auth/passwordRule';
import { errorText, notifyDone } from '../common';
import { apiFieldErrors } from '../formErrors';
import { useRegionOptions } from '../ledgerBits';

interface Values {
  userName: string;
  name: string;
  role: string | null;
  regionIds: string[];
  password: string;
}

export function UserDialog({ user, onClose }: { user: Account | 'new'; onClose: () => void }) {
  const isNew = user === 'new';
  const regions = useRegionOptions();
  const form = useForm<Values>({
    initialValues: isNew
      ? { userName: '', name: '', role: null, regionIds: [], password: '' }
      : { userName: user.userName, name: user.name, role: user.role, regionIds: user.regionIds.map(String), password: '' },
    validate: (v) => ({
      ...(isNew && !v.userName.trim() ? { userName: '请填写用户名' } : {}),
      ...(v.name.trim() ? {} : { name: '请填写姓名' }),
      ...(v.role ? {} : { role: '请选择角色' }),
      ...(v.role === 'township' && v.regionIds.length === 0 ? { regionIds: '乡镇经办请至少选择一个属地' } : {}),
      ...(isNew && passwordProblem(v.password, v.userName) ? { password: passwordProblem(v.password, v.userName) ?? '' } : {}),
    }),
  });
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const withRegions = form.values.role ? roleHasRegions(form.values.role as RoleCode) : false;
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setFailure(null);
    const role = v.role as RoleCode;
    const regionIds = roleHasRegions(role) ? v.regionIds.map(Number) : [];
    try {
      if (isNew) {
        await invoke('users.create', { userName: v.userName.trim(), name: v.name.trim(), role, regionIds, password: v.password });
        notifyDone(`账号“${v.userName.trim()}”已建立，首次登录时须修改密码`);
      } else {
        await invoke('users.update', { id: user.id, name: v.name.trim(), role, regionIds });
        notifyDone(`账号“${user.userName}”已保存`);
      }
      onClose();
    } catch (e) {
      const fields = apiFieldErrors(e);
      if (Object.keys(fields).length) form.setErrors(fields);
      else setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  });
  return (
    <Modal opened onClose={onClose} title={isNew ? '新建账号' : `编辑账号：${user.userName}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <TextInput label="用户名" disabled={!isNew} data-autofocus={isNew || undefined} {...form.getInputProps('userName')} />
          <TextInput label="姓名" {...form.getInputProps('name')} />
          <Select
            label="角色"
            data={ROLES.map((r) => ({ value: r.code, label: r.label }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          {withRegions && (
            <MultiSelect label="负责属地" data={regions} searchable placeholder="选择属地" {...form.getInputProps('regionIds')} />
          )}
          {isNew && (
            <PasswordInput label="初始密码" description={PASSWORD_RULE} autoComplete="new-password" {...form.getInputProps('password')} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              取消
            </Button>
            <Button type="submit" loading={busy}>
              保存
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ResetPasswordDialog({ user, onClose }: { user: Account; onClose: () => void }) {
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (v) => passwordProblem(v, user.userName) },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setFailure(null);
    try {
      await invoke('users.resetPassword', { id: user.id, password: v.password });
      notifyDone(`“${user.name}”的密码已重置，下次登录时须修改密码`);
      onClose();
    } catch (e) {
      const fields = apiFieldErrors(e);
      if (fields.password) form.setErrors(fields);
      else setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  });
  return (
    <Modal opened onClose={onClose} title={`重置密码：${user.name}（${user.userName}）`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Alert color="yellow">重置后原密码立即失效，也会解除锁定；该用户下次登录时必须修改密码。请把新密码当面告知本人。</Alert>
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <PasswordInput
            label="新的初始密码"
            description={PASSWORD_RULE}
            autoComplete="new-password"
            data-autofocus
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              取消
            </Button>
            <Button type="submit" color="red" loading={busy}>
              确定重置
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
