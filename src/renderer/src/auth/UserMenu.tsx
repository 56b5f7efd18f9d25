/** The header's account: 姓名 and role, with 修改密码 and 退出. */
import { Button, Menu, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { labelOf } from '../../../shared/domain/codes';
import { ROLES } from '../../../shared/domain/roles';
import type { Account } from '../../../shared/records/accounts';
import { notifyDone } from '../common';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useSignOut } from './signOutContext';

export function UserMenu({ account }: { account: Account }) {
  const signOut = useSignOut();
  const [changing, setChanging] = useState(false);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="subtle" color="dark" size="compact-md" data-testid="user-menu">
            {account.name}
            <Text span size="sm" c="dimmed" ml={6}>
              {labelOf(ROLES, account.role)}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>用户名：{account.userName}</Menu.Label>
          <Menu.Item onClick={() => setChanging(true)}>修改密码</Menu.Item>
          <Menu.Item color="red" onClick={() => void signOut(null)}>
            退出
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={changing} onClose={() => setChanging(false)} title="修改密码">
        <ChangePasswordForm
          userName={account.userName}
          onCancel={() => setChanging(false)}
          onDone={() => {
            setChanging(false);
            notifyDone('密码已修改');
          }}
        />
      </Modal>
    </>
  );
}
