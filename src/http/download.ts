/**
 * Content-Disposition with a Chinese file name (RFC 6266 filename*) and a plain ASCII fallback. The name has
 * been made safe already (src/domain/downloadName.ts for uploads; our own names for exports).
 */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
