import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { ballot, sealedBallot } from '../../db/schema';
import { post } from '../helpers/app';
import { adoptFor, castVia, marksFor, openSession, optionIds, votingFixture } from '../helpers/votingFixture';
import { openVia, unsealVia } from '../helpers/ballotBoxVia';

const dirs: string[] = [];
const tempDbPath = () => {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-secrecy-'));
  dirs.push(dir);
  return join(dir, 'vote.db');
};
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('secrecy by storage design: nothing re-joins a ballot to a representative', () => {
  it('the ballot table has no voter column, no time column, no rowid; participation has no ballot column', async () => {
    const f = await votingFixture({ reps: 2, logins: 1 });
    const sqlite = f.db.$client;
    const cols = (t: string) => (sqlite.prepare(`pragma table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    const fks = (t: string) => (sqlite.prepare(`pragma foreign_key_list(${t})`).all() as { table: string }[]).map((k) => k.table);
    expect(cols('ballot')).toEqual(['id', 'poll_id', 'marks', 'valid', 'invalid_reason']);
    expect(fks('ballot')).toEqual(['poll']); // the only reference: which poll
    expect(cols('ballot').filter((c) => /rep|user|voter|actor|by|at$|time|date|created|seq|order/.test(c))).toEqual([]);
    const ddl = (sqlite.prepare("select sql from sqlite_master where type = 'table' and name = 'ballot'").get() as { sql: string }).sql;
    expect(ddl).toMatch(/WITHOUT ROWID/i);
    expect(() => sqlite.prepare('select rowid from ballot').all()).toThrow(/no such column: rowid/);
    // Nothing else indexes the ballot table (an index could keep an insertion-ordered copy).
    expect(sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'ballot' and sql is not null").all()).toEqual([]);
    expect(cols('participation')).toEqual(['poll_id', 'representative_id', 'channel', 'receipt_code']);
    // Participation and the sealed ballots keep no rowid either: no insertion order in a key.
    for (const t of ['participation', 'sealed_ballot']) {
      expect((sqlite.prepare('select sql from sqlite_master where type = \'table\' and name = ?').get(t) as { sql: string }).sql).toMatch(/WITHOUT ROWID/i);
      expect(() => sqlite.prepare(`select rowid from ${t}`).all()).toThrow(/no such column: rowid/);
    }
    expect(cols('sealed_ballot')).toEqual(['id', 'poll_id', 'sealed']);
    expect(fks('participation').sort()).toEqual(['poll', 'representative']);
    // No table anywhere holds a column that points at a ballot.
    const tables = (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%'").all() as { name: string }[]).map((t) => t.name);
    for (const t of tables) expect(cols(t).filter((c) => c === 'ballot_id')).toEqual([]);
  });

  // The order ballots were cast in, at each moment a copy of the files may be taken: test/secrecy/sealedBox.test.ts.

  it('through the app: ballots are sealed while the poll runs; 开箱 writes them out and empties the write-ahead log', async () => {
    const path = tempDbPath();
    const f = await votingFixture({ reps: 3, logins: 3, db: openDb(path) });
    const clerk = await f.login('qs.clerk');
    const s = openSession(f, 3);
    const res = await post(f.app, `/j/QS/sessions/${s.id}/polls`, { title: '票决', secrecy: 'secret' }, clerk);
    const pollId = Number(res.headers.get('location')!.split('/').at(-1));
    adoptFor(f, s);
    const slips = await openVia(f.app, pollId, clerk);
    const ids = optionIds(f, pollId);
    for (let i = 0; i < 3; i++) expect((await castVia(f, await f.login(f.usernameOf(i)), pollId, marksFor(ids, ['for']))).status).toBe(303);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    expect(f.db.select().from(ballot).all()).toHaveLength(0);
    expect(f.db.select().from(sealedBallot).all()).toHaveLength(3);
    expect((await post(f.app, `/j/QS/polls/${pollId}/close`, {}, clerk)).status).toBe(303);
    expect(f.db.select().from(ballot).all()).toHaveLength(0); // still sealed: nobody can count yet
    await unsealVia(f.app, pollId, slips, clerk, 'QS', [2, 0]);
    expect(statSync(`${path}-wal`).size).toBe(0);
    expect(f.db.select().from(sealedBallot).all()).toHaveLength(0);
    expect(f.db.select().from(ballot).all()).toHaveLength(3);
    f.db.$client.close();
  });

  it('a named poll keeps the voter with the choice, openly, and the anonymous table stays empty', async () => {
    const f = await votingFixture({ reps: 3, logins: 3 });
    const clerk = await f.login('qs.clerk');
    const rep = await f.login('qs.rep');
    const s = openSession(f, 3);
    const res = await post(f.app, `/j/QS/sessions/${s.id}/polls`, { title: '记名表决', secrecy: 'named' }, clerk);
    const pollId = Number(res.headers.get('location')!.split('/').at(-1));
    adoptFor(f, s);
    await post(f.app, `/j/QS/polls/${pollId}/open`, {}, clerk);
    const page = await (await f.app.request('/j/QS/vote', { headers: { Cookie: rep } })).text();
    expect(page).toContain('注意：本轮为记名投票。');
    const ids = optionIds(f, pollId);
    expect((await castVia(f, rep, pollId, marksFor(ids, ['for', 'against']))).status).toBe(303);
    const named = f.db.$client.prepare('select representative_id, marks from named_ballot').all() as { representative_id: number; marks: string }[];
    expect(named).toEqual([{ representative_id: f.roster[0]!.id, marks: JSON.stringify({ [ids[0]!]: 'for', [ids[1]!]: 'against', [ids[2]!]: 'abstain', [ids[3]!]: 'abstain' }) }]);
    expect(f.db.select().from(ballot).all()).toHaveLength(0);
    // Paper ballots are for secret polls only.
    const issue = await post(f.app, `/j/QS/polls/${pollId}/paper/issue`, { rep: String(f.roster[1]!.id) }, clerk);
    expect(issue.status).toBe(422);
    expect(await issue.text()).toContain('记名表决只用电子表决');
    await post(f.app, `/j/QS/polls/${pollId}/close`, {}, clerk);
    const sheet = await (await f.app.request(`/j/QS/polls/${pollId}/result`, { headers: { Cookie: clerk } })).text();
    expect(sheet).toContain('记名投票明细');
    expect(sheet).toContain('李强');
  });
});
