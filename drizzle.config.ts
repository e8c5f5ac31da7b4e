import { defineConfig } from 'drizzle-kit';
import { loadConfig } from './src/config';

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
  dbCredentials: { url: loadConfig().databasePath },
});
