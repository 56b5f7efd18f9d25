/** 设置 → 账号安全 (系统管理员): the four account rules the core applies at login and on every call. */
import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useEffect } from 'react';
import { settingsSchema } from '../../../shared/schemas';
import { notifyDone, notifyError } from '../common';
import { apiFieldErrors } from '../formErrors';
import { useApiMutation, useSettings } from '../queries';

const securitySchema = settingsSchema.pick({
  loginMaxFailures: true,
  loginLockMinutes: true,
  passwordMaxAgeDays: true,
  sessionIdleMinutes: true,
});

type Values = Record<keyof typeof securitySchema.shape, number | string>;

export function AccountSecurityCard() {
  const { data } = useSettings();
  const form = useForm<Values>({
    initialValues: { loginMaxFailures: 5, loginLockMinutes: 15, passwordMaxAgeDays: 90, sessionIdleMinutes: 30 },
    validate: schemaResolver(securitySchema, { sync: true }),
  });
  const update = useApiMutation('settings.update');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the saved settings when they (re)load
  useEffect(() => {
    if (!data) return;
    const values = {
      loginMaxFailures: data.loginMaxFailures,
      loginLockMinutes: data.loginLockMinutes,
      passwordMaxAgeDays: data.passwordMaxAgeDays,
      sessionIdleMinutes: data.sessionIdleMinutes,
    };
    form.setValues(values);
    form.resetDirty(values);
  }, [data]);
  const save = form.onSubmit(async (values) => {
    try {
      await update.mutateAsync(securitySchema.parse(values));
      notifyDone('账号安全设置已保存');
    } catch (e) {
      form.setErrors(apiFieldErrors(e));
      notifyError(e, '设置未保存');
    }
  });
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        账号安全
      </Title>
      <form onSubmit={save}>
        <Stack>
          <SimpleGrid cols={2}>
            <NumberInput label="连续输错密码几次后锁定" suffix=" 次" min={1} max={20} {...form.getInputProps('loginMaxFailures')} />
            <NumberInput label="锁定时长" suffix=" 分钟" min={1} max={1440} {...form.getInputProps('loginLockMinutes')} />
            <NumberInput
              label="密码有效期"
              description="到期后登录须先修改密码；填 0 表示永不过期"
              suffix=" 天"
              min={0}
              max={3650}
              {...form.getInputProps('passwordMaxAgeDays')}
            />
            <NumberInput
              label="无操作自动退出"
              description="这么久没有操作，程序自动退出登录"
              suffix=" 分钟"
              min={1}
              max={1440}
              {...form.getInputProps('sessionIdleMinutes')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              保存
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
