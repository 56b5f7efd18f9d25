/** “大写锁定已打开” under a password box: a wrong password is most often typed with Caps Lock on. */
import { Text } from '@mantine/core';
import { type KeyboardEvent, useState } from 'react';

export function useCapsLock() {
  const [on, setOn] = useState(false);
  const watch = (e: KeyboardEvent) => setOn(e.getModifierState('CapsLock'));
  return { on, keyProps: { onKeyDown: watch, onKeyUp: watch } };
}

export function CapsLockHint({ on }: { on: boolean }) {
  if (!on) return null;
  return (
    <Text size="sm" c="orange.8" role="status">
      大写锁定已打开，密码区分大小写
    </Text>
  );
}
