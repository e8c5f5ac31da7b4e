import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { DbConnection } from '../db/client';
import type { AppEnv } from './env';
import { newLimiters } from './http/limiter';
import { limitLookups } from './http/lookupLimit';
import { accessLog, clientIp } from './http/requestInfo';
import { lightPages } from './http/revalidation';
import { pageCache } from './http/pageCache';
import { BODY_LIMIT_BYTES, declaredLength } from './http/requestBody';
import { errorResponse, handleError, handleNotFound } from './http/errors';
import { loadLoginSession, newPasswordFirst } from './auth/middleware';
import { renderer } from './http/renderer';
import { assets } from './routes/assets';
import { health } from './routes/health';
import { auth } from './routes/auth';
import { account } from './routes/account';
import { setup } from './routes/setup';
import { home } from './routes/home';
import { cycle, jurisdictionHome } from './routes/cycles';
import { settings } from './routes/settings';
import { audit } from './routes/audit';
import { adminUser, adminUsers } from './routes/adminUsers';
import { adminJurisdiction, adminJurisdictions, adminStation } from './routes/adminJurisdictions';
import { adminSettings } from './routes/adminSettings';
import { districtSubject, managedJurisdictionSubject, stationSubject, userSubject } from './http/subjects/admin';
import { portalEmblem } from './routes/portalEmblem';
import { portalStation, portalStations, publicStationSubject } from './routes/portalStations';
import { stationDesk, stationGoals } from './routes/stationDesk';
import { stationReception, stationReceptions, townReceptions } from './routes/receptions';
import { publicPortal } from './routes/publicPortal';
import { publicYear } from './routes/publicPortal';
import { propose } from './routes/propose';
import { contactSubject, opinionTrack, publicOpinions, repMessage, townshipOnly, trackedOpinionSubject } from './routes/opinionIntake';
import { stationOpinions } from './routes/stationOpinions';
import { repCards } from './routes/repCards';
import { receipt, tracked, tracking } from './routes/tracking';
import { collectionWindow } from './routes/collectionWindow';
import { pool } from './routes/pool';
import { transfer } from './routes/transfer';
import { proposals } from './routes/proposals';
import { station, stationLinks, stations } from './routes/stations';
import { screening, screeningDecision } from './routes/screening';
import { candidate, candidates } from './routes/candidates';
import { session, sessions } from './routes/sessions';
import { votingProcedureRoutes } from './routes/votingProcedure';
import { cycleSubject, jurisdictionSubject, publicJurisdictionSubject, subdistrictOnly, townOnly } from './http/subjects/jurisdiction';
import {
  candidateSubject, jurisdictionStationSubject, proposalSubject, stationLinkSubject, trackedSubject,
} from './http/subjects/collection';
import { pollSubject, sessionSubject } from './http/subjects/session';
import { voterSubject } from './http/subjects/vote';
import {
  activeOnly, attachmentSubject, deliberationMeetingOnly, deliberationRepSubject, meetingItemSubject, opinionItemSubject, suggestionSubject,
} from './http/subjects/deliberation';
import { polls, publicResults } from './routes/polls';
import { closureCertificates } from './routes/closureCertificates';
import { sessionOfficers } from './routes/sessionOfficers';
import { ballot, voting } from './routes/voting';
import { congressRosterSubject, deliberationRosterSubject, repSubject } from './http/subjects/roster';
import { roster } from './routes/roster';
import { deliberationRoster, deliberationRosterCsv } from './routes/deliberationRoster';
import { deliberation } from './routes/deliberation';
import { deliberationPublic } from './routes/deliberationPublic';
import { meetingRecord } from './routes/meetings';
import { delivery, deliveryPortal, districtDelivery } from './routes/delivery';
import { dutyLedger, myLedger } from './routes/dutyLedger';
import { ledgerRepSubject } from './http/subjects/ledger';
import {
  feedbackSubject, groupSubject, projectSubject, rectificationSubject, reportMonthSubject, visitSubject,
} from './http/subjects/delivery';

export interface AppOptions {
  db: DbConnection;
  now?: () => Date;
  /** 演练模式 (AS_OF): `now` is a chosen date, and every page says so. */
  rehearsal?: boolean;
  log?: (line: string) => void;
  /** Behind this many trusted reverse proxies (true = 1): X-Forwarded-For / X-Forwarded-Proto are read from them. */
  trustProxy?: boolean | number;
  /** Where uploaded progress photos are stored; default: uploads/ beside the database file. */
  uploadsDir?: string;
  /** PUBLIC_URL: the address printed on QR codes, posters and slips (else the district's saved one). */
  publicUrl?: string;
  /** The one-time /setup link's secret, while the database has no administrator (src/server.ts prints it). */
  setupToken?: string;
}

export { BODY_LIMIT_BYTES };
const UPLOAD_ROUTES = new RegExp([
  String.raw`^/j/[^/]+/cycles/\d{4}/proposals/import$`,
  String.raw`^/j/[^/]+/cycles/\d{4}/projects/\d+/reports/[^/]+$`,
  String.raw`^/j/[^/]+/deliberation/items$`,
  String.raw`^/j/[^/]+/deliberation/reps/import$`,
  String.raw`^/j/[^/]+/roster/import$`,
].join('|'));

/** A year's cycle of a jurisdiction: the prefix of every area of the yearly work. */
const CYCLE = '/j/:code/cycles/:year{[0-9]{4}}';

export function createApp(opts: AppOptions) {
  const limits = newLimiters();
  const now = opts.now ?? (() => new Date());
  const proxies = opts.trustProxy === true ? 1 : Number(opts.trustProxy ?? 0);
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set('db', opts.db);
    c.set('now', now);
    c.set('rehearsal', opts.rehearsal ?? false);
    c.set('limits', limits);
    c.set('ancestries', new Map());
    c.set('uploadsDir', opts.uploadsDir);
    c.set('publicUrl', opts.publicUrl);
    c.set('user', null);
    c.set('loginSessionId', null);
    c.set('clientIp', clientIp(c, proxies));
    const proto = proxies > 0 ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
    c.set('secureCookies', proto !== undefined ? proto === 'https' : c.req.url.startsWith('https:'));
    await next();
  });
  app.use(accessLog(opts.log ?? ((line) => console.log(line))));
  app.use(pageCache());
  app.use(lightPages);
  // Every body is bounded before anything reads it (a phone on the hall's Wi-Fi must not exhaust the laptop).
  // Upload routes (photos, attachments, spreadsheets) set their own larger limit, after their guard.
  const generalLimit = bodyLimit({ maxSize: BODY_LIMIT_BYTES, onError: (c) => errorResponse(c, 413) });
  // A GET or HEAD carries no body: asking for one would build the whole web Request the Node adapter spares us.
  app.use(async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || (method === 'POST' && UPLOAD_ROUTES.test(c.req.path))) return next();
    // A declared length is checked as it stands, as bodyLimit does, but without asking for the body: on Node that
    // would build the web Request, which a form read from the Node request (http/requestBody.ts) never needs.
    const length = declaredLength(c);
    if (length !== undefined) return length > BODY_LIMIT_BYTES ? errorResponse(c, 413) : next();
    return generalLimit(c, next);
  });
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
  app.use(newPasswordFirst);
  app.use(renderer);

  // Where a URL becomes a subject (or a 404), before any route's guard reads it.
  app.use('/j/:code/*', jurisdictionSubject);
  app.use('/j/:code/sessions/:sessionId{[0-9]+}/*', sessionSubject);
  app.use('/j/:code/polls/:pollId{[0-9]+}/*', pollSubject);
  app.use('/j/:code/vote/*', voterSubject);
  app.use('/p/:code/:year{[0-9]{4}}/results', jurisdictionSubject);
  // Street deliberation: '/*' covers the overview at the bare prefix as well.
  app.use('/j/:code/deliberation/*', subdistrictOnly);
  app.use('/j/:code/deliberation/items/:itemId{[0-9]+}/*', opinionItemSubject);
  app.use('/j/:code/deliberation/items/:itemId{[0-9]+}/attachments/:attachmentId{[0-9]+}', attachmentSubject);
  for (const step of ['extend', 'answer', 'rate']) app.use(`/j/:code/deliberation/items/:itemId{[0-9]+}/${step}`, suggestionSubject);
  app.use('/j/:code/deliberation/links/:repId{[0-9]+}/*', deliberationRepSubject);
  app.use('/j/:code/sessions/:sessionId{[0-9]+}/agenda/*', deliberationMeetingOnly);
  app.use('/j/:code/sessions/:sessionId{[0-9]+}/minutes/*', deliberationMeetingOnly);
  app.use('/j/:code/sessions/:sessionId{[0-9]+}/agenda/:itemId{[0-9]+}/*', meetingItemSubject);
  app.use('/p/:code/deliberation', jurisdictionSubject, subdistrictOnly, activeOnly);
  app.use(`${CYCLE}/*`, cycleSubject);
  app.use('/j/:code/cycles/:year{[0-9]{4}}/projects/:projectId{[0-9]+}/*', projectSubject);
  app.use('/j/:code/cycles/:year{[0-9]{4}}/projects/:projectId{[0-9]+}/reports/:month/*', reportMonthSubject);
  app.use('/j/:code/cycles/:year{[0-9]{4}}/projects/:projectId{[0-9]+}/visits/:visitId{[0-9]+}/*', visitSubject);
  app.use('/j/:code/cycles/:year{[0-9]{4}}/projects/:projectId{[0-9]+}/rectifications/:rectificationId{[0-9]+}/*', rectificationSubject);
  app.use('/j/:code/cycles/:year{[0-9]{4}}/supervision/groups/:groupId{[0-9]+}/*', groupSubject);
  app.use('/j/:code/cycles/:year{[0-9]{4}}/feedback/:feedbackId{[0-9]+}/*', feedbackSubject);
  // The public progress pages name their jurisdiction and year too: an unknown one is a 404 before any page runs.
  app.use('/p/:code/:year{[0-9]{4}}/projects/*', jurisdictionSubject, cycleSubject);
  app.use('/p/:code/:year{[0-9]{4}}/projects/:projectId{[0-9]+}/*', projectSubject);
  app.use('/admin/users/:userId{[0-9]+}/*', userSubject);
  app.use('/admin/jurisdictions/:jurisdictionId{[0-9]+}/*', managedJurisdictionSubject);
  app.use('/admin/jurisdictions/:jurisdictionId{[0-9]+}/stations/:stationId{[0-9]+}/*', stationSubject);
  app.use('/admin/settings/*', districtSubject);
  app.use('/j/:code/roster/*', congressRosterSubject);
  app.use('/j/:code/deliberation/reps/*', deliberationRosterSubject);
  app.use('/j/:code/deliberation/reps.csv', deliberationRosterSubject);
  app.use('/j/:code/roster/:repId{[0-9]+}/*', repSubject);
  app.use('/j/:code/deliberation/reps/:repId{[0-9]+}/*', repSubject);
  app.use('/j/:code/ledger/:repId{[0-9]+}/*', ledgerRepSubject);

  app.use(`${CYCLE}/proposals/:proposalId{[0-9]+}/*`, proposalSubject);
  app.use(`${CYCLE}/candidates/:candidateId{[0-9]+}/*`, candidateSubject);
  app.use('/j/:code/stations/:stationId{[0-9]+}/*', jurisdictionStationSubject);
  // The public portal and form: a retired jurisdiction's are gone, and only towns collect proposals.
  app.use('/p/:code', publicJurisdictionSubject, townOnly);
  app.use('/p/:code/propose', publicJurisdictionSubject, townOnly);
  app.use('/p/:code/stations', publicJurisdictionSubject, townOnly);
  app.use('/p/:code/stations/:shortCode', publicJurisdictionSubject, townOnly, publicStationSubject);
  app.use('/p/:code/emblem', publicJurisdictionSubject, townOnly);
  app.use('/p/:code/propose/reserve', publicJurisdictionSubject, townOnly);
  app.use('/p/:code/propose/personal', publicJurisdictionSubject, townOnly);
  app.use('/p/:code/:year{[0-9]{4}}', publicJurisdictionSubject, townOnly, cycleSubject);
  app.use('/s/:shortCode/*', stationLinkSubject);
  app.use('/p/:code/opinions/*', publicJurisdictionSubject, townshipOnly);
  app.use('/j/:code/opinions/*', townshipOnly);
  app.use('/r/:token/*', contactSubject);
  app.use('/opinion/*', limitLookups);
  app.use('/opinion/:receipt/*', trackedOpinionSubject);
  app.use('/track/*', limitLookups);
  app.use('/receipt/*', limitLookups);
  app.use('/track/:receipt/*', trackedSubject('/track'));
  app.use('/receipt/:receipt/*', trackedSubject('/receipt'));

  app.route('/static', assets);
  app.route('/healthz', health);
  app.route('/setup', setup(opts.setupToken));
  app.route('/', auth); // /login, /logout
  app.route('/account', account);
  app.route('/', home); // /, /go
  app.route('/j/:code', jurisdictionHome);
  app.route(CYCLE, cycle);
  app.route('/j/:code/settings', settings);
  app.route('/audit', audit);
  app.route('/admin/users', adminUsers);
  app.route('/admin/users/:userId{[0-9]+}', adminUser);
  app.route('/admin/jurisdictions', adminJurisdictions);
  app.route('/admin/jurisdictions/:jurisdictionId{[0-9]+}', adminJurisdiction);
  app.route('/admin/jurisdictions/:jurisdictionId{[0-9]+}/stations/:stationId{[0-9]+}', adminStation);
  app.route('/admin/settings', adminSettings);
  app.route('/p/:code', publicPortal);
  app.route('/p/:code/:year{[0-9]{4}}', publicYear);
  app.route('/p/:code/propose', propose);
  app.route('/p/:code/stations', portalStations);
  app.route('/p/:code/stations/:shortCode', portalStation);
  app.route('/p/:code/emblem', portalEmblem);
  app.route('/track', tracking);
  app.route('/track/:receipt', tracked);
  app.route('/receipt/:receipt', receipt);
  app.route('/p/:code/opinions', publicOpinions);
  app.route('/r/:token', repMessage);
  app.route('/opinion/:receipt', opinionTrack);
  app.route('/j/:code/opinions/cards', repCards);
  app.route('/j/:code/opinions', stationOpinions);
  app.route(`${CYCLE}/collection`, collectionWindow);
  app.route('/j/:code/pool', pool);
  app.route(`${CYCLE}/proposals`, proposals);
  app.route(`${CYCLE}/proposals/:proposalId{[0-9]+}/transfer`, transfer);
  app.route(`${CYCLE}/proposals/:proposalId{[0-9]+}`, screeningDecision);
  app.route(`${CYCLE}/screening`, screening);
  app.route(`${CYCLE}/candidates`, candidates);
  app.route(`${CYCLE}/candidates/:candidateId{[0-9]+}`, candidate);
  app.route('/j/:code/stations', stations);
  app.route('/j/:code/stations/:stationId{[0-9]+}', station);
  app.route('/j/:code/stations/:stationId{[0-9]+}', stationDesk);
  app.route('/j/:code/stations/:stationId{[0-9]+}/goals', stationGoals);
  app.route('/j/:code/stations/:stationId{[0-9]+}/receptions', stationReceptions);
  app.route('/j/:code/stations/:stationId{[0-9]+}/receptions', stationReception);
  app.route('/j/:code/receptions', townReceptions);
  app.route('/s/:shortCode', stationLinks);
  app.route('/j/:code/sessions', sessions);
  app.route('/j/:code/sessions/:sessionId{[0-9]+}', session);
  app.route('/j/:code/sessions/:sessionId{[0-9]+}', meetingRecord);
  app.route('/j/:code/sessions/:sessionId{[0-9]+}', sessionOfficers);
  app.route('/j/:code/sessions/:sessionId{[0-9]+}/procedure', votingProcedureRoutes);
  app.route('/j/:code/polls/:pollId{[0-9]+}', polls);
  app.route('/j/:code/polls/:pollId{[0-9]+}/certificate', closureCertificates);
  app.route('/j/:code/vote', voting);
  app.route('/j/:code/vote/:pollId{[0-9]+}', ballot);
  app.route('/p/:code/:year{[0-9]{4}}/results', publicResults);
  app.route('/j/:code/deliberation', deliberation);
  app.route('/p/:code/deliberation', deliberationPublic);
  app.route(CYCLE, delivery);
  app.route('/j/:code/delivery', districtDelivery);
  app.route('/p/:code/:year{[0-9]{4}}/projects', deliveryPortal);
  app.route('/j/:code/roster', roster);
  app.route('/j/:code/deliberation/reps', deliberationRoster);
  app.route('/j/:code/deliberation/reps.csv', deliberationRosterCsv);
  app.route('/j/:code/ledger', dutyLedger);
  app.route('/my/ledger', myLedger);

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
