import { describe, expect, it } from 'vitest';
import { downloadName } from '../../src/domain/downloadName';

describe('downloadName: the typed name, made safe, with the sniffed type\'s extension', () => {
  it.each([
    ['现场照片.jpg', 'jpg', '现场照片.jpg'],
    ['现场照片.JPG', 'jpg', '现场照片.jpg'],
    ['report.pdf.html', 'pdf', 'report.pdf.pdf'],
    ['evil.html', 'pdf', 'evil.pdf'],
    ['../../etc/passwd', 'png', 'passwd.png'],
    ['C:\\Users\\张三\\照片.jpeg', 'jpg', '照片.jpg'],
    ['a\r\nb: c.jpg', 'jpg', 'ab_ c.jpg'],
    ['\u0000\u0001.jpg', 'jpg', '附件.jpg'],
    ['...', 'webp', '附件.webp'],
    ['"quoted";name.png', 'png', '_quoted__name.png'],
  ])('%j as %s → %j', (typed, ext, expected) => expect(downloadName(typed, ext)).toBe(expected));

  it('keeps at most 80 characters of the base name', () => {
    expect(downloadName(`${'长'.repeat(200)}.pdf`, 'pdf')).toBe(`${'长'.repeat(80)}.pdf`);
  });
});
