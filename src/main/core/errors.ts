import type { ApiError } from '../../shared/contract';

/** An error meant for the clerk: a stable code and a Chinese message. */
export class AppError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly fields?: ApiError['fields'],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: number) => new AppError('not_found', `${what}（编号${id}）不存在或已删除`);
