import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { jurisdiction, user } from '../../db/schema';
import { verifyPassword } from '../../src/auth/password';
import { markDemo } from '../../src/data/demoMarker';
import { createFirstAdministrator } from '../../src/data/firstRun';
import { firstAdministrator } from '../helpers/firstRunCases';

/** Runs an npm script's file the way `npm run` does, without a terminal, on its own database. */
function run(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, NODE_ENV: '', ...env }, encoding: 'utf8', input: '', timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'minsheng-cli-')), 'minsheng.db');
const FLAGS = ['--district-code', 'yc', '--district-name', '渝川区', '--username', 'admin', '--display-name', '张三'];
const setup = (dbPath: string, args: string[]) => run('scripts/setup.ts', args, { DATABASE_PATH: dbPath });

/** A database already set up, made in this process (spawning a CLI costs seconds). */
async function installedDb(): Promise<string> {
  const path = tempDb();
  const db = openDb(path);
  createFirstAdministrator(db, await firstAdministrator(), new Date());
  db.$client.close();
  return path;
}

describe('npm run setup', () => {
  it('creates the district and administrator from flags; a generated password is printed once and must be changed', async () => {
    const path = tempDb();
    const r = setup(path, FLAGS);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已建立 渝川区（代码 YC）和区级管理员 admin（张三）');
    const password = /初始密码（只显示这一次，请妥善保管）：(\S+)/.exec(r.out)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(10);
    const db = openDb(path);
    const admin = db.select().from(user).get()!;
    expect(admin.mustChangePassword).toBe(true);
    expect(await verifyPassword(admin.passwordHash, password)).toBe(true);
    expect(db.select().from(jurisdiction).all()).toMatchObject([{ code: 'YC', kind: 'district' }]);
    db.$client.close();
  });

  it('takes a password from --password, not printed, not to be changed', () => {
    const path = tempDb();
    const r = setup(path, [...FLAGS, '--password', 'yuchuan-admin-2027']);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('yuchuan-admin-2027');
    const db = openDb(path);
    expect(db.select().from(user).get()!.mustChangePassword).toBe(false);
    db.$client.close();
  });

  it('refuses with exit code 1 and a Chinese message once an administrator exists', async () => {
    const path = await installedDb();
    const again = setup(path, ['--district-code', 'XY', '--district-name', '新区', '--username', 'other', '--display-name', '李四']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('已有区级管理员，初始设置只能进行一次');
    const db = openDb(path);
    expect(db.select().from(user).all()).toHaveLength(1);
    db.$client.close();
  });

  it('refuses with exit code 1 when a flag is missing and there is no terminal to ask in', () => {
    const r = setup(tempDb(), ['--district-code', 'YC']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('缺少 --district-name');
  });

  it('refuses bad values with one message per flag, creating nothing', () => {
    const path = tempDb();
    const r = setup(path, ['--district-code', 'Y', '--district-name', '渝川区', '--username', 'Zhang San', '--display-name', '张三', '--password', 'short']);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([
      '--district-code：代码须为 2–12 位字母或数字',
      '--username：用户名只能使用小写字母、数字、点（.）、下划线（_）和连字符（-）',
      '--password：密码至少 10 位',
    ]);
    const db = openDb(path);
    expect(db.select().from(user).all()).toHaveLength(0);
    db.$client.close();
  });
});

describe('npm run demo:remove and demo:reset', () => {
  const demoDb = () => {
    const path = tempDb();
    const db = openDb(path);
    const d = db.insert(jurisdiction).values({ kind: 'district', code: 'YC', name: '渝川区' }).returning().get();
    markDemo(db, d.id);
    db.$client.close();
    mkdirSync(join(path, '..', 'uploads'));
    writeFileSync(join(path, '..', 'uploads', 'photo.jpg'), 'x');
    return path;
  };

  it('removes a demo database and its uploads after --yes, and says how to set up', () => {
    const path = demoDb();
    const r = run('scripts/demo-remove.ts', ['--yes'], { DATABASE_PATH: path });
    expect(r.code).toBe(0);
    expect(r.out).toContain('npm run setup');
    expect(existsSync(path)).toBe(false);
    expect(existsSync(join(path, '..', 'uploads'))).toBe(false);
  });

  it('asks for confirmation: without a terminal and without --yes it removes nothing', () => {
    const path = demoDb();
    const r = run('scripts/demo-remove.ts', [], { DATABASE_PATH: path });
    expect(r.code).toBe(1);
    expect(existsSync(path)).toBe(true);
  });

  it('refuses a database without the demo marker', async () => {
    const path = await installedDb();
    const r = run('scripts/demo-remove.ts', ['--yes'], { DATABASE_PATH: path });
    expect(r.code).toBe(1);
    expect(r.err).toContain('不是演示数据');
    expect(existsSync(path)).toBe(true);
  });

  it('demo:reset refuses in production', () => {
    const prod = run('scripts/demo-reset.ts', [], { DATABASE_PATH: tempDb(), NODE_ENV: 'production' });
    expect(prod.code).toBe(1);
    expect(prod.err).toContain('NODE_ENV=production');
  });

  it('demo:reset refuses a real database', async () => {
    const path = await installedDb();
    const real = run('scripts/demo-reset.ts', [], { DATABASE_PATH: path });
    expect(real.code).toBe(1);
    expect(real.err).toContain('不是演示数据');
  });
});
