/**
 * Leaving a half-filled form asks first, whichever way the clerk leaves: the sidebar, a link, a menu
 * command, 取消 (all go through the router, whose blocker asks here), or a reload / closing the window
 * (`beforeunload`).
 */
import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';

/** The one question before unsaved input is dropped: 放弃修改 runs `leave`, 继续填写 (or closing) `stay`. */
export function confirmDiscard(dirty: boolean, leave: () => void, stay?: () => void) {
  if (!dirty) return leave();
  modals.openConfirmModal({
    title: '放弃修改',
    children: <Text size="sm">填写的内容尚未保存，确定放弃吗？</Text>,
    labels: { confirm: '放弃修改', cancel: '继续填写' },
    confirmProps: { color: 'red' },
    onConfirm: leave,
    onCancel: stay,
    onClose: stay,
  });
}

export function useLeaveGuard(dirty: boolean) {
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  // Set just before leaving on purpose (after a save), so that navigation is not asked about.
  const released = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirtyRef.current && !released.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    confirmDiscard(
      true,
      () => blocker.proceed(),
      () => blocker.state === 'blocked' && blocker.reset(),
    );
  }, [blocker]);

  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [dirty]);

  return {
    /** Call right before navigating away on purpose (e.g. to the record just saved). */
    release() {
      released.current = true;
    },
  };
}
