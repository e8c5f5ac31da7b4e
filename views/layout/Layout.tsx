import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import { staticUrl } from '../../src/http/staticFiles';

export interface NavLink { href: string; label: string; current?: boolean }
export interface NavModel {
  user: { displayName: string; username: string } | null;
  links: NavLink[];
  jurisdictions: { code: string; name: string }[];
  currentCode?: string;
  /** The database holds the demo district: every page, printed ones too, says so. */
  demo?: boolean;
  /** 演练模式: the China date the instance runs as of; every page shows it. */
  rehearsalDate?: string;
}

const htmxConfig = JSON.stringify({
  includeIndicatorStyles: false, // the CSP allows no inline style
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 0, // pages may hold personal data: keep none in localStorage
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true }, // a form with errors comes back filled in
    { code: '[45]..', swap: true, error: true },
  ],
});

/**
 * The head's settings, stylesheet and scripts, the same on every page: rendered once to a string rather than as
 * elements on every request (before and after the page's title, which stays where it always was).
 */
let fixedHead: { beforeTitle: HtmlEscapedString; afterTitle: HtmlEscapedString } | undefined;
function headParts() {
  return fixedHead ??= {
    beforeTitle: raw(String(
      <>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={htmxConfig} />
      </>,
    )),
    afterTitle: raw(String(
      <>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={staticUrl('app.css')} />
        <script src={staticUrl('htmx.min.js')} defer></script>
        <script src={staticUrl('app.js')} defer></script>
        <script src={staticUrl('forms.js')} defer></script>
      </>,
    )),
  };
}

/**
 * The banners and the header: a function of the navigation model alone, rendered once per distinct model (a user's
 * menu on the pages of one area) rather than element by element on every page.
 */
const chromes = new Map<string, HtmlEscapedString>();
const CHROMES_KEPT = 500;
function chromeOf(nav: NavModel): HtmlEscapedString {
  const key = JSON.stringify(nav);
  let hit = chromes.get(key);
  if (hit) return hit;
  hit = raw(String(<SiteChrome nav={nav} />));
  if (chromes.size >= CHROMES_KEPT) chromes.delete(chromes.keys().next().value!);
  chromes.set(key, hit);
  return hit;
}

function SiteChrome({ nav }: { nav: NavModel }) {
  return (
    <>
      {nav.rehearsalDate && <aside class="demo-banner rehearsal-banner" aria-label="演练模式">演练模式：系统日期为 {nav.rehearsalDate}</aside>}
      {nav.demo && <aside class="demo-banner" aria-label="提示">演示数据：请勿用于正式工作</aside>}
      <header class="site">
        <a class="brand" href="/">民生实事票决</a>
        <nav aria-label="主导航">
          <ul>
            {nav.links.map((l) => (
              <li><a href={l.href} aria-current={l.current ? 'page' : undefined}>{l.label}</a></li>
            ))}
          </ul>
        </nav>
        <div class="who">
          {nav.jurisdictions.length > 1 && (
            <form method="get" action="/go" class="switcher">
              <label for="switch-j" class="sr-only">切换辖区</label>
              <select id="switch-j" name="j" data-autosubmit>
                {nav.jurisdictions.map((j) => (
                  <option value={j.code} selected={j.code === nav.currentCode}>{j.name}</option>
                ))}
              </select>
              <button type="submit" class="small">切换</button>
            </form>
          )}
          {nav.user ? (
            <>
              <a href="/account/password" title={nav.user.username}>{nav.user.displayName}</a>
              <form method="post" action="/logout" class="inline">
                <button type="submit" class="link">退出</button>
              </form>
            </>
          ) : (
            <a href="/login">登录</a>
          )}
        </div>
      </header>
    </>
  );
}

export function Layout(props: { title: string; nav: NavModel; flash?: string; children?: Child }) {
  const { nav } = props;
  const head = headParts();
  return (
    <html lang="zh-CN">
      <head>
        {head.beforeTitle}
        <title>{`${props.title} · 民生实事票决`}</title>
        {head.afterTitle}
      </head>
      <body hx-boost="true">
        <a class="skip" href="#main">跳到正文</a>
        {chromeOf(nav)}
        <main id="main" tabindex={-1}>
          {props.flash && <p class="flash" role="status">{props.flash}</p>}
          {props.children}
        </main>
        <footer class="site">民生实事项目人大代表票决制 · 项目由群众定、实施让群众看、效果交群众评</footer>
      </body>
    </html>
  );
}
