import { PROJECT_STATUS_LABELS } from '../../src/domain/projectStatus';
import type { PortalResults as Results } from '../../src/data/portalResults';
import { yuanWords } from '../proposals/format';

/** The published result on the portal home: which projects were adopted and where each stands. */
export function PortalResults(p: { code: string; year: number; results: Results }) {
  const base = `/p/${p.code}/${p.year}`;
  return (
    <section class="card portal-results" aria-labelledby="results-h">
      <h2 id="results-h">表决结果：确定实施的项目</h2>
      {p.results.sessions.map((s) => (
        <>
          <p class="muted">{s.title}（{s.date}）票决产生 {s.adopted.length} 项{s.seatsToFill ? `（应选 ${s.seatsToFill} 项）` : ''}。</p>
          {s.adopted.length === 0 ? <p>本次没有项目获得通过。</p> : (
            <table class="adopted">
              <caption class="sr-only">确定实施的项目与进展</caption>
              <thead><tr><th scope="col">项目</th><th scope="col">预算</th><th scope="col">进展</th></tr></thead>
              <tbody>
                {s.adopted.map((a) => (
                  <tr>
                    <td>
                      {a.projectId ? <a href={`${base}/projects/${a.projectId}`}>{a.title}</a> : a.title}
                      <div class="muted">承办 {a.unitName} · 赞成 {a.for} 票</div>
                    </td>
                    <td>{yuanWords(a.budget)}</td>
                    <td>
                      {a.pct === null ? '待开工' : (
                        <>
                          <progress max={100} value={a.pct} aria-label={`${a.title} 完成 ${a.pct}%`}>{a.pct}%</progress>
                          <div>{a.pct}%{a.status ? ` · ${PROJECT_STATUS_LABELS[a.status]}` : ''}</div>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ))}
      <p><a href={`${base}/results`}>表决结果与决议全文</a> · <a href={`${base}/projects`}>全部项目进展</a></p>
    </section>
  );
}
