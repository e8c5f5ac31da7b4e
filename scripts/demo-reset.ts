// npm run demo:reset — throws away the database at DATABASE_PATH and builds the demo district afresh.
import { rmSync } from 'node:fs';
import { openDb } from '../db/client';
import { loadConfig } from '../src/config';
import { hashPassword } from '../src/auth/password';
import { DEFAULT_DEMO_PASSWORD, printLogins } from '../src/demo/logins';
import { seedDemo } from '../src/demo/seed';

const config = loadConfig();
const path = config.databasePath;
const password = config.demoPassword ?? DEFAULT_DEMO_PASSWORD;

// The -wal/-shm files belong to the old database: left behind, SQLite would replay them into the new one.
for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });

const db = openDb(path);
// One hash for every demo account: argon2 is deliberately slow, hundreds of hashes would take minutes.
const logins = seedDemo(db, { passwordHash: await hashPassword(password), now: new Date() });
db.$client.close();

console.log(`已重建演示数据：${path}`);
printLogins(logins, password);
