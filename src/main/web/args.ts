/**
 * Command-line options of browser mode:
 * `--port 5180 --data data/ledger.sqlite [--today YYYY-MM-DD] [--no-seed] [--allow-host NAME]…`.
 */
import { isValidDate } from '../../shared/rules/dates';

export interface WebArgs {
  port: number;
  data: string;
  today: string | null;
  seed: boolean;
  /** Host names accepted besides 127.0.0.1 / localhost (e.g. a hosts-file alias). */
  allowHosts: string[];
}

/** A DNS name, an IPv4 address or a bracketed IPv6 address; no port, no scheme. */
export const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])$/;

export function parseWebArgs(argv: string[]): WebArgs {
  const args: WebArgs = { port: 5180, data: 'data/ledger.sqlite', today: null, seed: true, allowHosts: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`参数 ${a} 缺少取值`);
      return v;
    };
    if (a === '--port') {
      const v = Number(next());
      if (!Number.isInteger(v) || v < 0 || v > 65535) throw new Error('--port 应为 0—65535 的整数');
      args.port = v;
    } else if (a === '--data') args.data = next();
    else if (a === '--today') {
      const v = next();
      if (!isValidDate(v)) throw new Error('--today 应为 YYYY-MM-DD 格式的日期');
      args.today = v;
    } else if (a === '--no-seed') args.seed = false;
    else if (a === '--allow-host') {
      const v = next().toLowerCase();
      if (!HOST_NAME.test(v)) throw new Error('--allow-host 应为主机名（如 taizhang.local）或 IP 地址，不含端口');
      args.allowHosts.push(v);
    } else throw new Error(`未知参数：${a}`);
  }
  return args;
}
