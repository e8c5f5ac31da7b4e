import type { PublicAddress } from '../../src/http/publicUrl';

/**
 * On every printed QR code, poster, sign and slip: when nobody set the public address, say so on the paper
 * itself, so a sheet pointing at the laptop's own network is never posted by mistake.
 */
export function PublicUrlWarning(p: { address: PublicAddress }) {
  if (p.address.configured) return null;
  return (
    <p class="warning public-url-warning" role="status">
      ⚠ 尚未设置公开网址：本页二维码和网址指向 {p.address.origin}，只有连接同一网络的手机才能打开。
      请区级管理员在“系统设置 → 公开网址”中填写群众可以访问的网址后再打印张贴。
    </p>
  );
}
