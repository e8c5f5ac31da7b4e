/**
 * Where to go after login: only a path on this site. Browsers strip TAB/CR/LF inside URLs and treat `\` as `/`,
 * so `/\t/evil.example` or `/\evil.example` become `//evil.example` — another host. Anything but a plain path of
 * safe characters falls back to the home page.
 */
const SAFE_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@%]+(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)*)?(?:\?[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)?$/;

export function safeNext(next: string | undefined | null): string {
  if (!next || next.length > 500 || !SAFE_PATH.test(next)) return '/';
  if (next.startsWith('//')) return '/';
  // Percent-encoded tricks: decode once and refuse what would decode into a second slash, backslash or control.
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return '/';
  }
  if (/^\/[/\\]/.test(decoded) || /[\u0000-\u001f\u007f\\]/.test(decoded)) return '/';
  // No empty or dot segments anywhere in the path: `/.//evil` and `/..//evil` normalise to `//evil` in some clients.
  const path = decoded.split('?')[0]!;
  if (path.includes('//') || /(^|\/)\.{1,2}(\/|$)/.test(path)) return '/';
  return next;
}
