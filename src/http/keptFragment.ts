import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Db } from '../../db/client';
import { keptUntilWrite } from '../data/keptUntilWrite';

/**
 * A part of a page drawn from the database alone (and what `key` names), rendered once and served as the same HTML
 * until the next write: a dashboard or a page of the log is read far more often than anything changes, and building
 * its hundreds of elements again on every view cost more than the rest of the request. The key must name everything
 * the part shows besides the database (see keptUntilWrite); it must not show who is asking, unless the key names
 * them (a user's own desk, kept under their id and shown to no one else).
 */
export function keptFragment(db: Db, key: string, render: () => { toString(): string | Promise<string> }): HtmlEscapedString {
  return keptUntilWrite(db, `fragment|${key}`, () => {
    const text = render().toString();
    // Every part kept this way is rendered synchronously; an asynchronous component would be a mistake here.
    if (typeof text !== 'string') throw new Error(`fragment ${key} rendered asynchronously`);
    return raw(text);
  });
}
