/**
 * The renderer's only way to the main process: window.api (Electron preload) when present,
 * otherwise `POST /api/<channel>` (browser mode). Failures throw ApiCallError with the Chinese message.
 */
import type { ApiError, ApiResult, Channel, Input, Output } from '../../shared/contract';

declare global {
  interface Window {
    /** Present in Electron (the preload); absent in browser mode. */
    api?: {
      invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
      onPageCommand?(listener: (command: string) => void): () => void;
    };
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

async function transport(channel: string, input: unknown): Promise<ApiResult<unknown>> {
  if (window.api) return window.api.invoke(channel, input);
  let res: Response;
  try {
    res = await fetch(`./api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: '无法连接到本机数据服务，请确认程序仍在运行' } };
  }
  return (await res.json()) as ApiResult<unknown>;
}

export async function invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await transport(channel, input);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.data as Output<C>;
}
