/** 退出 for the header menu: the session gate's sign-out (the message shown on the login page, or none). */
import { createContext, useContext } from 'react';

export const SignOutContext = createContext<(message: string | null) => Promise<void>>(async () => undefined);

export const useSignOut = () => useContext(SignOutContext);
