import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { DbConnection } from '../db/client';
import type { AppEnv } from './env';
import { FailureLimiter, LOGIN_ACCOUNT_WINDOW, LOGIN_IP_WINDOW } from './http/limiter';
import { accessLog, clientIp } from './http/requestInfo';
import { handleError, handleNotFound } from './http/errors';
import { loadLoginSession } from './auth/middleware';
import { renderer } from './http/renderer';
import { assets } from './routes/assets';
import { health } from './routes/health';
import { auth } from './routes/auth';
import { home } from './routes/home';
import { cycles } from './routes/cycles';
import { settings } from './routes/settings';
import { audit } from './routes/audit';
import { adminUsers } from './routes/adminUsers';
import { adminJurisdictions } from './routes/adminJurisdictions';
import { publicPortal } from './routes/publicPortal';
import { proposals } from './routes/proposals';
import { stations } from './routes/stations';
import { screening } from './routes/screening';
import { candidates } from './routes/candidates';
import { session, sessions } from './routes/sessions';
import { jurisdictionSubject } from './http/subjects/jurisdiction';
import { sessionSubject } from './http/subjects/session';
import { congressRosterSubject, deliberationRosterSubject, repSubject } from './http/subjects/roster';
import { roster } from './routes/roster';
import { deliberationRoster, deliberationRosterCsv } from './routes/deliberationRoster';
import { polls } from './routes/polls';
import { voting } from './routes/voting';
import { deliberation } from './routes/deliberation';
import { delivery } from './routes/delivery';

export interface AppOptions {
  db: DbConnection;
  now?: () => Date;
  log?: (line: string) => void;
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  trustProxy?: boolean;
  /** Where uploaded progress photos are stored; default: uploads/ beside the database file. */
  uploadsDir?: string;
  /** PUBLIC_URL: the address printed on QR codes, posters and slips (else the district's saved one). */
  publicUrl?: string;
}

export function createApp(opts: AppOptions) {
  const limits = {
    loginByAccount: new FailureLimiter(LOGIN_ACCOUNT_WINDOW),
    loginByIp: new FailureLimiter(LOGIN_IP_WINDOW),
  };
  const now = opts.now ?? (() => new Date());
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set('db', opts.db);
    c.set('now', now);
    c.set('limits', limits);
    c.set('ancestries', new Map());
    c.set('uploadsDir', opts.uploadsDir);
    c.set('publicUrl', opts.publicUrl);
    c.set('user', null);
    c.set('loginSessionId', null);
    c.set('clientIp', clientIp(c, opts.trustProxy ?? false));
    const proto = opts.trustProxy ? c.req.header('x-forwarded-proto') : undefined;
    c.set('secureCookies', (proto ?? new URL(c.req.url).protocol.replace(':', '')) === 'https');
    await next();
  });
  app.use(accessLog(opts.log ?? ((line) => console.log(line))));
  app.use(secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
  }));
  app.use(csrf());
  app.use(loadLoginSession);
  app.use(renderer);

  // Where a URL becomes a subject (or a 404), before any route's guard reads it.
  app.use('/j/:code/*', jurisdictionSubject);
  app.use('/j/:code/sessions/:sessionId{[0-9]+}/*', sessionSubject);
  app.use('/j/:code/roster/*', congressRosterSubject);
  app.use('/j/:code/deliberation/reps/*', deliberationRosterSubject);
  app.use('/j/:code/deliberation/reps.csv', deliberationRosterSubject);
  app.use('/j/:code/roster/:repId{[0-9]+}/*', repSubject);
  app.use('/j/:code/deliberation/reps/:repId{[0-9]+}/*', repSubject);

  app.route('/', assets);
  app.route('/', health);
  app.route('/', auth);
  app.route('/', home);
  app.route('/', cycles);
  app.route('/', settings);
  app.route('/', audit);
  app.route('/', adminUsers);
  app.route('/', adminJurisdictions);
  app.route('/', publicPortal);
  app.route('/', proposals);
  app.route('/', stations);
  app.route('/', screening);
  app.route('/', candidates);
  app.route('/j/:code/sessions', sessions);
  app.route('/j/:code/sessions/:sessionId{[0-9]+}', session);
  app.route('/j/:code/roster', roster);
  app.route('/j/:code/deliberation/reps', deliberationRoster);
  app.route('/j/:code/deliberation/reps.csv', deliberationRosterCsv);
  app.route('/', polls);
  app.route('/', voting);
  app.route('/', deliberation);
  app.route('/', delivery);

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
