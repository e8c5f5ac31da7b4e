// npm run restore <file> — replaces the database at DATABASE_PATH with a backup. Stop the server first.
import Database from 'better-sqlite3';
import { copyFileSync, cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config';
import { backupDb, defaultBackupPath, uploadsBackupOf, uploadsOf } from './backup';

/** Returns why `file` is not a usable Minsheng database, or null when it is one and passes integrity_check. */
export function checkDatabaseFile(file: string): string | null {
  if (!existsSync(file)) return `文件不存在：${file}`;
  let db: Database.Database | undefined;
  try {
    // Not readonly: closing a writable connection checkpoints a WAL file left beside the backup
    // into it (only the main file gets copied) and removes the -wal/-shm it would otherwise leave.
    db = new Database(file, { fileMustExist: true });
    // Reading the schema is what fails on a file that is not SQLite ("file is not a database").
    const t = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'jurisdiction'").get();
    if (!t) return '不是民生实事系统的数据库（缺少 jurisdiction 表）';
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const result = rows.map((r) => r.integrity_check).join('; ');
    return result === 'ok' ? null : `完整性检查未通过：${result}`;
  } catch (e) {
    return `无法作为 SQLite 数据库打开：${(e as Error).message}`;
  } finally {
    db?.close();
  }
}

async function main(file: string | undefined): Promise<number> {
  const target = loadConfig().databasePath;
  if (!file) { console.error('用法：npm run restore <备份文件>'); return 2; }
  console.warn('注意：恢复前必须先停止服务器，否则正在运行的服务器会继续使用旧数据并可能损坏新文件。');
  const problem = checkDatabaseFile(file);
  if (problem) { console.error(`拒绝恢复：${problem}`); return 1; }
  // A -wal file that outlives its connection means a server is (or was, until a crash) writing.
  if (existsSync(`${target}-wal`) && !process.env.FORCE) {
    console.error(`拒绝恢复：${target}-wal 存在，服务器可能仍在运行。请先停止服务器；确认已停止后用 FORCE=1 重试。`);
    return 1;
  }
  // Keep the data being replaced: restoring the wrong file must not be a one-way door.
  if (existsSync(target)) {
    const safety = defaultBackupPath(target, new Date()).replace(/\.db$/, '-before-restore.db');
    await backupDb(target, safety);
    console.log(`当前数据库已另存为 ${safety}`);
  }
  // Copy beside the target then rename, so the target is never a half-written file.
  copyFileSync(file, `${target}.restoring`);
  for (const f of [`${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
  renameSync(`${target}.restoring`, target);
  console.log(`已从 ${file} 恢复到 ${target}，现在可以启动服务器。`);
  const savedUploads = uploadsBackupOf(file);
  if (existsSync(savedUploads)) {
    const uploads = uploadsOf(target);
    if (existsSync(uploads)) renameSync(uploads, `${uploads}-before-restore-${Date.now()}`);
    cpSync(savedUploads, uploads, { recursive: true });
    console.log(`上传的照片和附件已从 ${savedUploads} 恢复。`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv[2]);
}
