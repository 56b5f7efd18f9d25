/**
 * The renderer's only way to the main process (through transport.ts, or an answer asked early for the
 * first screen by earlyReads.ts). Failures throw ApiCallError with the Chinese message.
 * A write that succeeds drops the cached reads it can affect (see queries.ts), wherever it was called.
 */
import type { ApiError, Channel, Input, Output } from '../../shared/contract';
import { isWriteChannel } from '../../shared/writeChannels';
import { reportSignedOut } from './auth/signedOut';
import { dropEarly, takeEarly } from './earlyReads';
import { afterWrite } from './queryClient';
import { transport } from './transport';

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

export async function invoke<C extends Channel>(channel: C, input: Input<C>, signal?: AbortSignal): Promise<Output<C>> {
  if (isWriteChannel(channel)) dropEarly();
  const result = await (takeEarly(channel, input) ?? transport(channel, input, signal));
  if (!result.ok) {
    // The login page's own refusals (wrong password, locked) are its message, not a lost session.
    if (result.error.code === 'unauthenticated' && channel !== 'auth.login' && channel !== 'auth.setup')
      reportSignedOut(result.error.message);
    throw new ApiCallError(result.error);
  }
  afterWrite(channel);
  return result.data as Output<C>;
}
