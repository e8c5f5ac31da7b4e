import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The application's folder (the one with package.json). Files the server reads at run time — db/migrations,
 * views/static — are found from it, so they are found the same whether this code runs from src/ under tsx or
 * from the single dist/server.js that `npm start` builds.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`package.json not found above ${from}`);
  }
}

export const appRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

export function appPath(...parts: string[]): string {
  return join(appRoot, ...parts);
}
