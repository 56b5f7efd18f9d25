/**
 * The renderer's only way to the main process: window.api (Electron preload) when present,
 * otherwise `POST /api/<channel>` (browser mode). Failures throw ApiCallError with the Chinese message.
 * A write that succeeds drops the cached reads it can affect (see queries.ts), wherever it was called.
 */
import type { ApiError, ApiResult, Channel, Input, Output } from '../../shared/contract';
import { afterWrite } from './queryClient';

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

async function transport(channel: string, input: unknown, signal?: AbortSignal): Promise<ApiResult<unknown>> {
  // IPC cannot be called back: a superseded answer still arrives and the query cache ignores it.
  if (window.api) return window.api.invoke(channel, input);
  let res: Response;
  try {
    res = await fetch(`./api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      signal,
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    return { ok: false, error: { code: 'internal', message: '无法连接到本机数据服务，请确认程序仍在运行' } };
  }
  return (await res.json()) as ApiResult<unknown>;
}

export async function invoke<C extends Channel>(channel: C, input: Input<C>, signal?: AbortSignal): Promise<Output<C>> {
  const result = await transport(channel, input, signal);
  if (!result.ok) throw new ApiCallError(result.error);
  afterWrite(channel);
  return result.data as Output<C>;
}
