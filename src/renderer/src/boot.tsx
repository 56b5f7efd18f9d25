/** Renderer entry: Mantine with a CJK font stack that exists on Windows and on Debian, notifications, dialogs, the query cache, and the session gate in front of the router. */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { SessionGate } from './auth/SessionGate';
import { queryClient } from './queryClient';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <MantineProvider
      theme={{
        fontFamily: "'Microsoft YaHei', 'Noto Sans CJK SC', 'PingFang SC', 'Source Han Sans SC', sans-serif",
        primaryColor: 'red',
        components: {
          Anchor: { defaultProps: { c: 'blue.8', inherit: true } },
          // A badge keeps its whole label (联合·挂靠·区域覆盖): its column widens rather than cutting it to “联合·挂…”.
          Badge: { styles: { root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } } },
          // A number out of range is kept as typed for the form to refuse in Chinese (不能为负数), not
          // silently clamped to 0 when the box is left.
          NumberInput: { defaultProps: { clampBehavior: 'none' } },
          // Mantine names the eye button in English (“Toggle password visibility”).
          PasswordInput: { defaultProps: { visibilityToggleButtonProps: { 'aria-label': '显示或隐藏密码' } } },
        },
      }}
    >
      <QueryClientProvider client={queryClient}>
        <ModalsProvider labels={{ confirm: '确定', cancel: '取消' }}>
          {/* Bottom right: the page's own buttons (编辑, 删除, 保存) sit in the top row. */}
          <Notifications position="bottom-right" />
          <SessionGate />
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}
