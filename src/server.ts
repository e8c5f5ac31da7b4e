import { serve } from '@hono/node-server';
import type { Server as HttpServer } from 'node:http';
import { networkInterfaces } from 'node:os';
import { openDb } from '../db/client';
import { DEFAULT_DEMO_PASSWORD, printLogins } from './demo/logins';
import { isEmpty, seedDemo } from './demo/seed';
import { createApp } from './app';
import { hashPassword } from './auth/password';
import { newSetupToken } from './auth/setupToken';
import { ConfigError, loadConfig } from './config';
import { rehearsalClock } from './clock';
import { isDemo } from './data/demoMarker';
import { hasAnyUser } from './data/firstRun';

const config = (() => {
  try {
    return loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
})();
// 演练模式: the whole instance — pages, deadlines, filing times, the demo data's dates — runs as of AS_OF.
const now = config.asOf ? rehearsalClock(config.asOf) : () => new Date();
if (config.asOf) console.log(`演练模式：系统日期为 ${config.asOf}（AS_OF），日期在午夜照常前进。不得用于正式工作。`);
const db = openDb(config.databasePath);

if (config.demo && !config.production && isEmpty(db)) {
  const password = config.demoPassword ?? DEFAULT_DEMO_PASSWORD;
  const logins = seedDemo(db, { passwordHash: await hashPassword(password), now: now() });
  console.log('数据库为空，已载入演示数据 (empty database: demo data loaded).');
  console.log('演示数据不能用于正式工作；正式使用前请运行 npm run demo:remove，再进行初始设置（见 README“正式使用”）。');
  printLogins(logins, password);
}
if (config.production && isEmpty(db)) console.log('NODE_ENV=production：不载入演示数据。');
if (config.production && isDemo(db)) {
  console.warn('警告：NODE_ENV=production，但数据库中是演示数据。请运行 npm run demo:remove 后再进行初始设置。');
}

// A database without users: nobody can log in until the district is set up, from this link or `npm run setup`.
const setupToken = hasAnyUser(db) ? undefined : newSetupToken();

const app = createApp({ db, now, rehearsal: config.asOf !== undefined, trustProxy: config.trustProxy, publicUrl: config.publicUrl, setupToken });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`民生实事票决 Minsheng listening on http://localhost:${info.port} (database ${config.databasePath})`);
  if (setupToken) printSetupLinks(info.port, setupToken);
});

// Phones in the hall keep their connection between taps. Node closes an idle one after 5 s; a phone (or a busy
// laptop) that sends its next request just then gets a reset, and a browser does not resend a POST such as a
// ballot. Idle connections are kept a minute instead (headersTimeout must stay above keepAliveTimeout).
const http1 = server as HttpServer;
http1.keepAliveTimeout = 65_000;
http1.headersTimeout = 66_000;

/** The link works once: the page is gone as soon as the first administrator exists. */
function printSetupLinks(port: number, token: string) {
  const hosts = ['localhost'];
  if (config.host === '0.0.0.0') {
    for (const a of Object.values(networkInterfaces()).flat()) if (a && a.family === 'IPv4' && !a.internal) hosts.push(a.address);
  } else if (config.host !== 'localhost') hosts.splice(0, 1, config.host);
  console.log('');
  console.log('尚未初始设置：数据库中还没有任何账号。请在浏览器中打开下面的链接，建立本区和第一个区级管理员（链接只能使用一次）：');
  for (const h of hosts) console.log(`  http://${h}:${port}/setup?token=${token}`);
  console.log('也可以在服务器的命令行运行 npm run setup，按提示填写。');
  console.log('');
}

function shutdown() {
  server.close(() => {
    db.$client.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
