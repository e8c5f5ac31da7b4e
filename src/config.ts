import { z } from 'zod';
import { isChinaDate } from './domain/chinaDate';
import { checkPublicUrl } from './domain/publicUrl';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'), // phones in the hall reach the laptop over Wi-Fi
  DATABASE_PATH: z.string().min(1).default('data/minsheng.db'),
  DEMO_PASSWORD: z.string().min(8, 'DEMO_PASSWORD must be at least 8 characters').optional(),
  NO_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  // How many reverse proxies stand in front (1 for one nginx); 'true' means 1.
  TRUST_PROXY: z.string().regex(/^(\d|true|false)$/, 'TRUST_PROXY must be a number of proxies (0-9), true or false').optional(),
  NODE_ENV: z.string().optional(),
  PUBLIC_URL: z.string().optional().transform((v, ctx) => {
    if (!v) return undefined;
    const r = checkPublicUrl(v);
    if (!r.ok) { ctx.addIssue({ code: 'custom', message: `PUBLIC_URL: ${r.error}` }); return z.NEVER; }
    return r.value;
  }),
  // 演练模式: the China date the instance runs as of (AS_OF=YYYY-MM-DD or --as-of YYYY-MM-DD).
  AS_OF: z.string().optional().refine((v) => v === undefined || v === '' || isChinaDate(v), 'AS_OF must be a date YYYY-MM-DD'),
});

/** Refused settings that are not a malformed value: the message is what the operator reads at start-up. */
export class ConfigError extends Error {}

/** `--as-of 2027-06-30` or `--as-of=2027-06-30` on the command line; the command line wins over AS_OF. */
function asOfArg(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--as-of' || a.startsWith('--as-of='));
  if (i < 0) return undefined;
  const a = argv[i]!;
  return a === '--as-of' ? (argv[i + 1] ?? '') : a.slice('--as-of='.length);
}

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv) {
  const arg = asOfArg(argv);
  const e = envSchema.parse(arg === undefined ? env : { ...env, AS_OF: arg || '(missing)' });
  const production = e.NODE_ENV === 'production';
  const asOf = e.AS_OF || undefined;
  // A real installation's dates are deadlines and filing times people rely on: never a chosen date.
  if (asOf && production) {
    throw new ConfigError('演练模式（AS_OF / --as-of）不能用于正式环境：NODE_ENV=production 时拒绝启动。请去掉 AS_OF 或 --as-of。'
      + ' (AS_OF / --as-of is refused when NODE_ENV=production.)');
  }
  const yes = (v?: string) => v === '1' || v === 'true';
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    demoPassword: e.DEMO_PASSWORD,
    demo: !(yes(e.NO_DEMO) || argv.includes('--no-demo')),
    trustProxy: e.TRUST_PROXY === 'true' ? 1 : e.TRUST_PROXY === 'false' || !e.TRUST_PROXY ? 0 : Number(e.TRUST_PROXY),
    publicUrl: e.PUBLIC_URL,
    /** NODE_ENV=production: a real installation, where demo data is never loaded. */
    production,
    /** 演练模式: the China date the clock starts at (src/clock.ts); undefined = the real date. */
    asOf,
  };
}
