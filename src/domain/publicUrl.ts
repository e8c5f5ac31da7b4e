import { ok, refuse, type Result } from './result';

/**
 * The address printed on QR codes, posters, signs and slips: an origin (scheme + host + optional port), nothing
 * after it. A loopback address is refused: a phone scanning a poster can never reach 127.0.0.1.
 */
export function checkPublicUrl(raw: string): Result<string, 'publicUrl'> {
  const v = raw.trim().replace(/\/+$/, '');
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return refuse('请填写完整网址，例如 https://minsheng.example.gov.cn 或 http://192.168.1.10:3000', 'publicUrl');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return refuse('网址须以 http:// 或 https:// 开头', 'publicUrl');
  if (u.username || u.password || u.search || u.hash || (u.pathname !== '/' && u.pathname !== '')) {
    return refuse('只填写网址的主机部分（可含端口），不要带路径或参数', 'publicUrl');
  }
  if (isLoopbackHost(u.hostname)) return refuse('不能使用本机地址（localhost / 127.0.0.1），群众的手机无法访问', 'publicUrl');
  return ok(u.origin);
}

export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1|0\.0\.0\.0)$/i.test(hostname);
}
