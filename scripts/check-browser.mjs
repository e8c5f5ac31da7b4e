// Run first by `npm test`: the browser journeys need Debian's Chromium and CJK fonts, never a downloaded browser.
// Missing on a fresh Debian machine: installed here when we are root with apt-get; otherwise we stop before any
// test runs and print the one command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without a CJK font every Chinese character renders as a box: screenshots and print checks would be worthless.
const cjkFont = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const packages = [...(existsSync(chromium) ? [] : ['chromium']), ...(existsSync(cjkFont) ? [] : ['fonts-noto-cjk'])];
const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;

if (process.env.CHROMIUM_PATH && !existsSync(chromium)) {
  console.error(`CHROMIUM_PATH=${chromium} 不存在。请改正它，或去掉它以使用 Debian 的 /usr/bin/chromium。`);
  process.exit(1);
}
if (packages.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    console.error(`浏览器测试需要 ${packages.join(' 和 ')}（尚未安装）。请先运行：`);
    console.error(`  ${isRoot ? '' : 'sudo '}sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`正在安装 ${packages.join(' ')}（${command}）…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...packages]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`apt-get ${args.join(' ')} 失败（退出码 ${r.status}）。请手动运行：${command}`);
      process.exit(1);
    }
  }
  if (!existsSync(chromium)) {
    console.error(`安装后仍找不到 ${chromium}。`);
    process.exit(1);
  }
}
