// npm run setup -- --district-code YC --district-name 渝川区 --username admin --display-name 张三 [--password …]
// Installs Minsheng for a district: the district and its first administrator, on an empty database.
// In a terminal, whatever the flags leave out is asked for; without a terminal (a script), every flag but
// --password is required, and a missing password is generated and printed once.
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openDb } from '../db/client';
import { generatePassword, hashPassword } from '../src/auth/password';
import { loadConfig } from '../src/config';
import { createFirstAdministrator, SETUP_ACTOR, setupRefusal } from '../src/data/firstRun';
import { adminPasswordSchema } from '../src/domain/account';
import { firstAdministratorSchema, type FirstAdministratorForm } from '../src/domain/firstRun';

type Field = Exclude<keyof FirstAdministratorForm, 'password'>;
const FIELDS: { key: Field; flag: string; label: string }[] = [
  { key: 'districtName', flag: 'district-name', label: '区（县）名称，例如 渝川区' },
  { key: 'districtCode', flag: 'district-code', label: '区（县）代码，2–12 位字母或数字，例如 YC' },
  { key: 'username', flag: 'username', label: '管理员用户名，例如 admin' },
  { key: 'displayName', flag: 'display-name', label: '管理员姓名' },
];

const USAGE = `用法：npm run setup -- --district-code YC --district-name 渝川区 --username admin --display-name 张三 [--password 密码]
  在终端中运行时，未给出的项目会逐项询问；密码可直接回车，由系统生成并只显示一次。
  不给 --password 时生成随机密码（管理员首次登录后须设置新密码）。数据库位置取自 DATABASE_PATH。`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      'district-name': { type: 'string' }, 'district-code': { type: 'string' }, username: { type: 'string' },
      'display-name': { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
}
try {
  args = parse();
} catch (e) {
  fail(`参数有误：${(e as Error).message}\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const config = loadConfig();
const db = openDb(config.databasePath);
// Refuse before asking anything: nobody should type a password for a district that is already set up.
const blocked = setupRefusal(db);
if (blocked) {
  db.$client.close();
  fail(`不能进行初始设置：${blocked.error}\n（数据库：${config.databasePath}）`);
}

const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
let muted = false;
const rl = interactive
  ? createInterface({
    input: process.stdin, terminal: true,
    // A password typed at the prompt is not echoed.
    output: new Writable({ write(chunk, encoding, done) { if (!muted) process.stdout.write(chunk, encoding); done(); } }),
  })
  : undefined;

const fieldSchemas = firstAdministratorSchema.shape;
async function ask(key: Field, label: string): Promise<string> {
  for (;;) {
    const answer = await rl!.question(`${label}：`);
    const checked = fieldSchemas[key].safeParse(answer);
    if (checked.success) return checked.data;
    console.log(`  ${checked.error.issues[0]!.message}`);
  }
}

async function askHidden(label: string): Promise<string> {
  process.stdout.write(label);
  muted = true;
  try {
    return await rl!.question('');
  } finally {
    muted = false;
    process.stdout.write('\n');
  }
}

/** Typed twice in a terminal, or generated (then shown once and changed at first login). */
async function choosePassword(): Promise<{ password: string; generated: boolean }> {
  if (args.password !== undefined) return { password: args.password, generated: false };
  if (!rl) return { password: generatePassword(16), generated: true };
  for (;;) {
    const first = await askHidden('管理员密码（至少 10 位；直接回车则自动生成）：');
    if (first === '') return { password: generatePassword(16), generated: true };
    const checked = adminPasswordSchema.safeParse(first);
    if (!checked.success) { console.log(`  ${checked.error.issues[0]!.message}`); continue; }
    if ((await askHidden('再次输入密码：')) === first) return { password: first, generated: false };
    console.log('  两次输入的密码不一致，请重新输入');
  }
}

const raw: Partial<Record<Field, string>> = {};
for (const f of FIELDS) {
  const given = args[f.flag as keyof typeof args];
  if (typeof given === 'string') raw[f.key] = given;
  else if (rl) raw[f.key] = await ask(f.key, f.label);
  else fail(`缺少 --${f.flag}（${f.label}）\n${USAGE}`);
}
const { password, generated } = await choosePassword();
rl?.close();

const parsed = firstAdministratorSchema.safeParse({ ...raw, password });
if (!parsed.success) {
  const flagOf = (key: PropertyKey) => FIELDS.find((f) => f.key === key)?.flag ?? String(key);
  const firstPerFlag = new Map(parsed.error.issues.reverse().map((i) => [flagOf(i.path[0] ?? ''), i.message]));
  fail([...firstPerFlag].reverse().map(([flag, message]) => `--${flag}：${message}`).join('\n'));
}
const input = parsed.data;
const r = createFirstAdministrator(db, {
  districtName: input.districtName, districtCode: input.districtCode, username: input.username, displayName: input.displayName,
  passwordHash: await hashPassword(input.password), mustChangePassword: generated,
}, new Date(), { ...SETUP_ACTOR, name: '初始设置（命令行）' });
db.$client.close();
if (!r.ok) fail(`不能进行初始设置：${r.error}`);

console.log(`已建立 ${r.value.jurisdiction.name}（代码 ${r.value.jurisdiction.code}）和区级管理员 ${r.value.user.username}（${r.value.user.displayName}）。`);
if (generated) {
  console.log(`初始密码（只显示这一次，请妥善保管）：${input.password}`);
  console.log('该管理员首次登录后须设置自己的新密码。');
}
console.log('下一步：npm start，用此账号登录，在“辖区管理”中新增镇（乡）、街道和村（社区），在“系统设置”中填写公开网址。');
