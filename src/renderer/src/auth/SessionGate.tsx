/**
 * What is drawn at all depends on the session: the first-start page, the login page, the forced
 * 修改密码 page, or the app with `SessionContext` set. Losing the session (the core's
 * `unauthenticated`, 退出, or the clerk idle for `sessionIdleMinutes`) unmounts the whole app and
 * empties the query cache, so no dialog, half-filled form or record of the last account stays behind.
 */
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import type { Account, LoginResult } from '../../../shared/records/accounts';
import { invoke } from '../api';
import { Loading } from '../common';
import { dropEarly } from '../earlyReads';
import { queryClient } from '../queryClient';
import { router } from '../routes';
import { SessionContext } from '../session';
import { AuthFrame } from './AuthFrame';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useIdleSignOut } from './idle';
import { LoginPage } from './LoginPage';
import { SetupPage } from './SetupPage';
import { onSignedOut } from './signedOut';
import { SignOutContext } from './signOutContext';

type State =
  | { kind: 'loading'; error?: string }
  | { kind: 'setup' }
  | { kind: 'login'; message: string | null }
  | { kind: 'change'; user: Account }
  | { kind: 'in'; user: Account };

export const IDLE_MESSAGE = '长时间未操作，已自动退出，请重新登录';

export function SessionGate() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  // A new session draws the app afresh: nothing of the previous one's pages survives.
  const [generation, setGeneration] = useState(0);

  const leave = useCallback((message: string | null) => {
    modals.closeAll();
    notifications.clean();
    dropEarly();
    queryClient.clear();
    setState({ kind: 'login', message });
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => onSignedOut((message) => leave(message)), [leave]);

  useEffect(() => {
    invoke('auth.me', {}).then(
      (me) => setState(me.needsSetup ? { kind: 'setup' } : me.user ? enter(me.user) : { kind: 'login', message: null }),
      () => setState({ kind: 'loading', error: '无法连接到本机数据服务，请确认程序仍在运行后刷新页面' }),
    );
  }, []);

  const signedIn = (r: LoginResult) => {
    dropEarly();
    queryClient.clear();
    setState(r.mustChangePassword ? { kind: 'change', user: r.user } : { kind: 'in', user: r.user });
  };

  const signOut = useCallback(
    async (message: string | null) => {
      await invoke('auth.logout', {}).catch(() => undefined);
      // The next account starts on its own landing page, not on the last one's.
      void router.navigate('/');
      leave(message);
    },
    [leave],
  );

  if (state.kind === 'loading') return <Loading error={state.error} />;
  if (state.kind === 'setup') return <SetupPage onSignedIn={signedIn} />;
  if (state.kind === 'login') return <LoginPage key={generation} message={state.message} onSignedIn={signedIn} />;
  if (state.kind === 'change')
    return (
      <AuthFrame title="请修改密码" note="首次登录、密码被重置或已过期，请先设置新密码。">
        <ChangePasswordForm
          userName={state.user.userName}
          onDone={(user) => setState({ kind: 'in', user })}
          onCancel={() => void signOut(null)}
          cancelLabel="退出"
        />
      </AuthFrame>
    );
  return (
    <SessionContext.Provider value={state.user}>
      <SignOutContext.Provider value={signOut}>
        <IdleWatch onIdle={() => void signOut(IDLE_MESSAGE)} />
        <RouterProvider key={generation} router={router} />
      </SignOutContext.Provider>
    </SessionContext.Provider>
  );
}

const enter = (user: Account): State => (user.mustChangePassword ? { kind: 'change', user } : { kind: 'in', user });

function IdleWatch({ onIdle }: { onIdle: () => void }) {
  useIdleSignOut(onIdle);
  return null;
}
