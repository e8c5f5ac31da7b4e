// npm run demo:remove [-- --yes] — deletes the demo database and its uploads, so the district can set up for real.
// Only a database the demo seed marked is deleted: real work is never wiped by this command.
import { existsSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { openDb } from '../db/client';
import { loadConfig } from '../src/config';
import { isDemo } from '../src/data/demoMarker';
import { uploadsOf } from './backup';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const path = loadConfig().databasePath;
if (!existsSync(path)) fail(`没有数据库文件 ${path}，无需删除。请运行 npm run setup 进行初始设置。`);

const db = openDb(path);
const demo = isDemo(db);
db.$client.close();
if (!demo) {
  fail(`不能删除：${path} 中不是演示数据（没有演示数据标记），可能已经用于正式工作。\n如确需重新开始，请先用 npm run backup 备份，再手动处理数据库文件。`);
}

const uploads = uploadsOf(path);
if (!process.argv.includes('--yes')) {
  if (!process.stdin.isTTY) fail('请确认：npm run demo:remove -- --yes');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  console.log(`将删除演示数据库 ${path}${existsSync(uploads) ? ` 及上传文件夹 ${uploads}` : ''}。请先停止正在运行的服务（npm start）。`);
  const answer = (await rl.question('确认删除请输入“删除”：')).trim();
  rl.close();
  if (answer !== '删除') fail('未删除。');
}

// The -wal/-shm files belong to the database: left behind, SQLite would replay them into the next one.
for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
rmSync(uploads, { recursive: true, force: true });
console.log(`已删除演示数据：${path}`);
console.log('下一步（正式使用）：运行 npm run setup 建立本区和第一个区级管理员，然后 npm start；');
console.log('或者 NODE_ENV=production npm start，打开控制台显示的初始设置链接。');
console.log('（注意：不先初始设置就直接 npm start，空数据库会重新载入演示数据。）');
