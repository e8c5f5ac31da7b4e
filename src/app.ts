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
import { cycle, jurisdictionHome } from './routes/cycles';
import { settings } from './routes/settings';
import { audit } from './routes/audit';
import { adminUsers } from './routes/adminUsers';
import { adminJurisdictions } from './routes/adminJurisdictions';
import { publicPortal, publicYear } from './routes/publicPortal';
import { propose } from './routes/propose';
import { receipt, tracked, tracking } from './routes/tracking';
import { collectionWindow } from './routes/collectionWindow';
import { proposals } from './routes/proposals';
import { station, stationLinks, stations } from './routes/stations';
import { screening, screeningDecision } from './routes/screening';
import { candidate, candidates } from './routes/candidates';
import { session, sessions } from './routes/sessions';
import { cycleSubject, jurisdictionSubject, publicJurisdictionSubject, townOnly } from './http/subjects/jurisdiction';
import {
  candidateSubject, jurisdictionStationSubject, proposalSubject, stationLinkSubject, trackedSubject,
} from './http/subjects/collection';
import { sessionSubject } from './http/subjects/session';
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

/** A year's cycle of a jurisdiction: the prefix of every area of the yearly work. */
const CYCLE = '/j/:code/cycles/:year{[0-9]{4}}';

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
  app.use(`${CYCLE}/*`, cycleSubject);
  app.use(`${CYCLE}/proposals/:proposalId{[0-9]+}/*`, proposalSubject);
  app.use(`${CYCLE}/candidates/:candidateId{[0-9]+}/*`, candidateSubject);
  app.use('/j/:code/stations/:stationId{[0-9]+}/*', jurisdictionStationSubject);
  // The public portal and form: a retired jurisdiction's are gone, and only towns collect proposals.
  app.use('/p/:code', publicJurisdictionSubject, townOnly);
  app.use('/p/:code/propose', publicJurisdictionSubject, townOnly);
  app.use('/p/:code/:year{[0-9]{4}}', publicJurisdictionSubject, townOnly, cycleSubject);
  app.use('/s/:shortCode/*', stationLinkSubject);
  app.use('/track/:receipt/*', trackedSubject('/track'));
  app.use('/receipt/:receipt/*', trackedSubject('/receipt'));

  app.route('/', assets);
  app.route('/', health);
  app.route('/', auth);
  app.route('/', home);
  app.route('/j/:code', jurisdictionHome);
  app.route(CYCLE, cycle);
  app.route('/j/:code/settings', settings);
  app.route('/', audit);
  app.route('/', adminUsers);
  app.route('/', adminJurisdictions);
  app.route('/p/:code', publicPortal);
  app.route('/p/:code/:year{[0-9]{4}}', publicYear);
  app.route('/p/:code/propose', propose);
  app.route('/track', tracking);
  app.route('/track/:receipt', tracked);
  app.route('/receipt/:receipt', receipt);
  app.route(`${CYCLE}/collection`, collectionWindow);
  app.route(`${CYCLE}/proposals`, proposals);
  app.route(`${CYCLE}/proposals/:proposalId{[0-9]+}`, screeningDecision);
  app.route(`${CYCLE}/screening`, screening);
  app.route(`${CYCLE}/candidates`, candidates);
  app.route(`${CYCLE}/candidates/:candidateId{[0-9]+}`, candidate);
  app.route('/j/:code/stations', stations);
  app.route('/j/:code/stations/:stationId{[0-9]+}', station);
  app.route('/s/:shortCode', stationLinks);
  app.route('/j/:code/sessions', sessions);
  app.route('/j/:code/sessions/:sessionId{[0-9]+}', session);
  app.route('/', polls);
  app.route('/', voting);
  app.route('/', deliberation);
  app.route('/', delivery);

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
