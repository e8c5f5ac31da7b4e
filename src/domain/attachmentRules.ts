import { ok, refuse, type Result } from './result';

/**
 * What a deliberation representative may attach to an item: photos from a phone and PDFs, small enough for a
 * hall's Wi-Fi. The type is read from the file's first bytes, never trusted from its name or the browser.
 */
export const MAX_ATTACHMENTS = 4;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const ATTACHMENT_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

export function sniffType(head: Uint8Array): AttachmentType | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50) return 'image/webp';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}

export interface IncomingFile { name: string; size: number; head: Uint8Array }
/** Each file's sniffed type, in order; a refusal belongs beside the attachments field. */
export function checkAttachments(files: readonly IncomingFile[]): Result<AttachmentType[]> {
  if (files.length > MAX_ATTACHMENTS) return refuse(`最多上传 ${MAX_ATTACHMENTS} 个附件`, 'attachments');
  const types: AttachmentType[] = [];
  for (const f of files) {
    if (f.size > MAX_ATTACHMENT_BYTES) return refuse(`“${f.name}”超过 5 MB，请压缩后再上传`, 'attachments');
    const t = sniffType(f.head);
    if (!t) return refuse(`“${f.name}”不是照片（JPG、PNG、WebP）或 PDF 文件`, 'attachments');
    types.push(t);
  }
  return ok(types);
}
