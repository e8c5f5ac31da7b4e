import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** A search box's text as a LIKE pattern body: % and _ match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** column contains text (case-insensitive for ASCII, exact for Chinese). */
export function contains(column: SQLWrapper, text: string): SQL {
  return sql`${column} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

export function startsWith(column: SQLWrapper, text: string): SQL {
  return sql`${column} like ${`${escapeLike(text)}%`} escape '\\'`;
}
