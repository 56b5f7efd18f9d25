import type { ApiError } from '../../shared/contract';

export { clip } from '../../shared/text';

/** An error meant for the clerk: a stable code and a Chinese message. */
export class AppError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly fields?: ApiError['fields'],
    /** The clerk's own text the message quotes (an account's user name, typed values): Latin there is no leak. */
    readonly echoes?: readonly string[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: number) => new AppError('not_found', `${what}（编号${id}）不存在或已删除`);

/**
 * What the clerk reads for an error the program did not expect. SQLite and the file system speak
 * English and name paths; the raw text goes to the log, the clerk gets one of these.
 */
const SYSTEM_ERRORS: [RegExp, string][] = [
  [/SQLITE_BUSY|SQLITE_LOCKED|database (table )?is locked/i, '数据库正忙，请稍后重试'],
  [/SQLITE_FULL|ENOSPC|disk is full|no space left/i, '磁盘空间不足，请清理磁盘后重试'],
  [/SQLITE_IOERR|disk I\/O error|\bEIO\b|input\/output error/i, '磁盘读写出错，请检查磁盘或U盘是否正常'],
  [/SQLITE_CORRUPT|SQLITE_NOTADB|malformed|not a database/i, '文件已损坏或不是台账数据文件'],
  [
    /SQLITE_READONLY|readonly database|\bEROFS\b|\bEACCES\b|\bEPERM\b|permission denied|operation not permitted/i,
    '没有权限读写该文件或文件夹',
  ],
  [/\bENOENT\b|\bENOTDIR\b|\bEISDIR\b|no such file|not a directory|is a directory/i, '文件不存在或无法访问'],
  [/\bEMFILE\b|\bENFILE\b|too many open files/i, '打开的文件过多，请稍后重试'],
  [/\bEEXIST\b|file already exists/i, '文件已存在'],
  [/\bENAMETOOLONG\b|name too long/i, '文件名或路径过长'],
  [/JSON|Unexpected token|Unexpected end of/i, '内容格式不正确，无法解析'],
  [/out of memory|allocation failed|Invalid string length|Array buffer allocation/i, '内容过大，无法处理'],
];

const INTERNAL = '操作失败：程序内部错误，详情已写入日志';

function describeSystem(text: string): string | null {
  for (const [pattern, message] of SYSTEM_ERRORS) if (pattern.test(text)) return message;
  return null;
}

/** Latin words, errno names and absolute paths: none of these may reach the clerk. */
// A path is a slash or drive followed by a name: “Excel/WPS” with its allowed words taken out is none.
const FOREIGN = /[A-Za-z]{4,}|(?:^|[\s“"'(（])(?:\/|[A-Za-z]:\\|\\\\)[^\s”"']+/;
/** Words the app's own Chinese messages legitimately contain. */
const ALLOWED_WORDS = /\b(?:Excel|WPS|PDF|CSV|JSON|POST|GET|HEAD|Ctrl|USCC|xlsx|sqlite|base64|Host|Origin)\b/gi;

export function hasForeignText(message: string): boolean {
  return FOREIGN.test(message.replace(/“[^”]{0,120}”/g, '').replace(ALLOWED_WORDS, ''));
}

function withoutEchoes(message: string, echoes: readonly string[] | undefined): string {
  let out = message;
  for (const echo of echoes ?? []) if (echo) out = out.split(echo).join('');
  return out;
}

/** The clerk's message for any error: an AppError's own text, unless it leaked English or a path. */
export function clerkMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  if (e instanceof AppError && !hasForeignText(withoutEchoes(raw, e.echoes))) return raw;
  const known = describeSystem(raw);
  if (e instanceof AppError) {
    // Keep the Chinese lead-in (“备份失败”, “无法读取”) and replace what followed it.
    const lead = raw.split(/[：:]/)[0] ?? '';
    const head = lead && lead !== raw && !hasForeignText(lead) ? lead : '';
    if (known) return head ? `${head}：${known}` : known;
    return head ? `${head}（详情已写入日志）` : INTERNAL;
  }
  return known ?? INTERNAL;
}
