import { z } from 'zod';
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
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv) {
  const e = envSchema.parse(env);
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
    production: e.NODE_ENV === 'production',
  };
}
