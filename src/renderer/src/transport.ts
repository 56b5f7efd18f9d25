/**
 * One call to the core: window.api (Electron preload) when present, otherwise `POST /api/<channel>`
 * (browser mode). Kept free of imports so the first screen's reads can start before the rest of the
 * renderer is evaluated (see earlyReads.ts).
 */
import type { ApiResult } from '../../shared/contract';

export async function transport(channel: string, input: unknown, signal?: AbortSignal): Promise<ApiResult<unknown>> {
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
