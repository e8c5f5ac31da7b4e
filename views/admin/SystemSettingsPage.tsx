import type { Jurisdiction } from '../../src/data/jurisdictions';
import type { PublicAddress } from '../../src/http/publicUrl';
import { Field, FormError, type FieldErrors, type FormValues } from '../components/form';

export function SystemSettingsPage(p: {
  district: Jurisdiction; saved: string | null; effective: PublicAddress; fromEnvironment?: string;
  values?: FormValues; errors?: FieldErrors;
}) {
  return (
    <section>
      <h1>系统设置</h1>
      <p class="muted">{p.district.name}全区通用的设置。</p>
      <div class="card">
        <h2 id="public-url">公开网址</h2>
        <p>群众用手机扫描的二维码、张贴的海报、代表登录单和会场大屏上的网址，都使用这个地址。
          请填写群众和代表的手机能够打开的网址（外网域名，或会场 Wi-Fi 中本机的地址）。</p>
        <dl class="facts">
          <dt>当前实际使用</dt>
          <dd>
            <code>{p.effective.origin}</code>
            {p.fromEnvironment ? '（来自服务器启动参数 PUBLIC_URL，优先于下面保存的网址）'
              : p.effective.configured ? '（来自下面保存的网址）'
              : '（尚未设置：暂按本次访问的地址推算，打印的二维码只有同一网络中的手机才能打开）'}
          </dd>
        </dl>
        {p.fromEnvironment && (
          <p class="warning" role="status">服务器以 PUBLIC_URL={p.fromEnvironment} 启动，这里保存的网址暂不生效；去掉该启动参数后才使用这里的设置。</p>
        )}
        <form method="post" action="/admin/settings/public-url" class="stack" novalidate>
          <FormError errors={p.errors} />
          <Field name="publicUrl" label="公开网址" type="url" inputmode="url" value={p.values?.publicUrl ?? p.saved ?? ''}
            error={p.errors?.publicUrl} maxlength={200}
            hint="例如 https://minsheng.example.gov.cn 或 http://192.168.1.10:3000；只填主机和端口，不带路径。留空并保存即清除" />
          <button type="submit">保存</button>
        </form>
      </div>
    </section>
  );
}
