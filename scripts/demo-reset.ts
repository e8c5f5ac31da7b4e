// npm run demo:reset — throws away the database at DATABASE_PATH and builds the demo district afresh.
// Refused in production, and on a database that holds anything but the demo: real work is never wiped.
import { existsSync, rmSync } from 'node:fs';
import { openDb } from '../db/client';
import { loadConfig } from '../src/config';
import { hashPassword } from '../src/auth/password';
import { isDemo } from '../src/data/demoMarker';
import { DEFAULT_DEMO_PASSWORD, printLogins } from '../src/demo/logins';
import { isEmpty, seedDemo, wasSeededAsDemo } from '../src/demo/seed';

const config = loadConfig();
const path = config.databasePath;
const password = config.demoPassword ?? DEFAULT_DEMO_PASSWORD;

if (config.production) {
  console.error('NODE_ENV=production：不能载入演示数据。演示请在另一台电脑或另一个 DATABASE_PATH 上进行。');
  process.exit(1);
}
if (existsSync(path)) {
  const current = openDb(path);
  const replaceable = isEmpty(current) || isDemo(current) || wasSeededAsDemo(current);
  current.$client.close();
  if (!replaceable) {
    console.error(`不能重建演示数据：${path} 中不是演示数据，可能已经用于正式工作。演示请换一个 DATABASE_PATH。`);
    process.exit(1);
  }
}

// The -wal/-shm files belong to the old database: left behind, SQLite would replay them into the new one.
for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });

const db = openDb(path);
// One hash for every demo account: argon2 is deliberately slow, hundreds of hashes would take minutes.
const logins = seedDemo(db, { passwordHash: await hashPassword(password), now: new Date() });
db.$client.close();

console.log(`已重建演示数据：${path}`);
printLogins(logins, password);
