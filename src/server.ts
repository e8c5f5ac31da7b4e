import { serve } from '@hono/node-server';
import { openDb } from '../db/client';
import { DEFAULT_DEMO_PASSWORD, printLogins } from './demo/logins';
import { isEmpty, seedDemo } from './demo/seed';
import { createApp } from './app';
import { hashPassword } from './auth/password';
import { loadConfig } from './config';

const config = loadConfig();
const db = openDb(config.databasePath);

if (config.demo && isEmpty(db)) {
  const password = config.demoPassword ?? DEFAULT_DEMO_PASSWORD;
  const logins = seedDemo(db, { passwordHash: await hashPassword(password), now: new Date() });
  console.log('数据库为空，已载入演示数据 (empty database: demo data loaded).');
  printLogins(logins, password);
}

const app = createApp({ db, trustProxy: config.trustProxy, publicUrl: config.publicUrl });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`民生实事票决 Minsheng listening on http://localhost:${info.port} (database ${config.databasePath})`);
});

function shutdown() {
  server.close(() => {
    db.$client.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
