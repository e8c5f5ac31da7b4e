export const ERROR_TEXT: Record<number, { title: string; body: string }> = {
  400: { title: '请求有误', body: '提交的内容无法识别，请返回上一页检查后重试。' },
  403: { title: '无权访问', body: '您没有权限查看或操作此内容。如确需办理，请联系本辖区人大工作人员或区级管理员。' },
  404: { title: '页面不存在', body: '找不到您要的页面或事项，可能地址有误，或该事项已被删除。' },
  413: { title: '内容过大', body: '提交的内容超过了允许的大小。' },
  429: { title: '操作过于频繁', body: '请稍后再试。' },
  500: { title: '系统出错', body: '服务器处理时出现错误，已记录。请稍后重试；如反复出现，请联系管理员。' },
  503: { title: '服务暂不可用', body: '数据库暂时无法使用，请稍后重试。' },
};

export function ErrorPage(p: { status: number }) {
  const t = ERROR_TEXT[p.status] ?? ERROR_TEXT[500]!;
  return (
    <section class="error-page">
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <p class="muted">错误代码 {p.status}</p>
      <p><a href="/">返回首页</a></p>
    </section>
  );
}
