// npm run backup [dest] — online copy of the live database; safe while the server is running.
import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config';

/** `<db dir>/backups/minsheng-YYYYMMDD-HHMMSS.db`: data/backups for the default DATABASE_PATH. */
export function defaultBackupPath(dbPath: string, now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return join(dirname(dbPath), 'backups', `minsheng-${stamp}.db`);
}

/** Copies `source` to `dest` with SQLite's backup API, which sees one consistent snapshot even under writes. */
export async function backupDb(source: string, dest: string): Promise<number> {
  if (!existsSync(source)) throw new Error(`数据库不存在：${source}`);
  mkdirSync(dirname(dest), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(dest);
  } finally {
    db.close();
  }
  // The copy inherits WAL mode; switch it to a rollback journal so the backup is one self-contained file.
  const copy = new Database(dest);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  return statSync(dest).size;
}

/** Photos and attachments live beside the database in uploads/; a backup `x.db` keeps them in `x-uploads/`. */
export function uploadsOf(dbPath: string): string {
  return join(dirname(dbPath), 'uploads');
}

export function uploadsBackupOf(backupPath: string): string {
  return backupPath.replace(/\.db$/, '') + '-uploads';
}

/** Copies the uploaded files next to a database backup; returns whether there were any. */
export function backupUploads(dbPath: string, backupPath: string): boolean {
  const from = uploadsOf(dbPath);
  if (!existsSync(from)) return false;
  cpSync(from, uploadsBackupOf(backupPath), { recursive: true });
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const source = loadConfig().databasePath;
  const dest = process.argv[2] ?? defaultBackupPath(source, new Date());
  try {
    const size = await backupDb(source, dest);
    console.log(`已备份到 ${dest}（${(size / 1024).toFixed(1)} KiB）`);
    if (backupUploads(source, dest)) console.log(`上传的照片和附件已备份到 ${uploadsBackupOf(dest)}`);
  } catch (e) {
    console.error(`备份失败：${(e as Error).message}`);
    process.exitCode = 1;
  }
}
