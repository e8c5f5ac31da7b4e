/**
 * A file name safe to hand back in Content-Disposition: whatever the uploader typed (control characters, `../`,
 * `evil.html` on a PDF), the name keeps only its readable base and takes the extension of the type the bytes
 * were sniffed as, so a browser never treats a download as something else.
 */
export function downloadName(typed: string, extension: string, fallback = '附件'): string {
  const base = typed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .split(/[\\/]/).pop()!
    .replace(/\.[^.]*$/, '')
    .replace(/["<>:|?*;]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 80);
  return `${base || fallback}.${extension}`;
}
