import type { DbConnection } from '../db/client';
import type { Assignment } from './domain/authz';
import type { Limiters } from './http/limiter';

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  assignments: Assignment[];
  /** Someone else chose this user's password: every page leads to /account/password until they choose their own. */
  mustChangePassword: boolean;
}


export type AppEnv = {
  Variables: {
    db: DbConnection;
    now: () => Date;
    rehearsal: boolean; // 演练模式 (AS_OF): the clock was set to a chosen date; the layout shows a banner
    user: CurrentUser | null;
    loginSessionId: string | null;
    limits: Limiters;
    ancestries: Map<number, number[]>; // jurisdiction id → its ancestry, memoised for one request (auth/authorize.ts)
    clientIp: string;
    secureCookies: boolean;
    publicUrl: string | undefined; // PUBLIC_URL: wins over the district's saved address (src/http/publicUrl.ts)
    uploadsDir: string | undefined; // progress photos; undefined = beside the database (src/data/photoFiles.ts)
  };
};

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>;
  }
}
