import { sql } from 'drizzle-orm';
import {
  sqliteTable, integer, real, text, blob, uniqueIndex, index, primaryKey, type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import {
  AMENDMENT_KINDS, AMENDMENT_REASONS, AMENDMENT_STATES, BALLOT_FORMS, DECIDING_BODIES, DUTY_ACTIVITY_KINDS, ENTRY_CHANNELS, FEEDBACK_STATES, JURISDICTION_KINDS, RETIRE_REASONS, MEETING_ITEM_KINDS, OPINION_CATEGORIES, OPINION_CHANNELS, OPINION_STATES, PHASES, REFERRAL_LEVELS, POLL_KINDS, POOL_REASONS, PERSONAL_MATTERS, POLL_STATES, REDIRECT_TARGETS, PROJECT_STATUSES, PROPOSAL_CATEGORIES, PROPOSAL_SOURCES, PROPOSAL_STATUSES, RECTIFICATION_STATES, REP_BODIES, REP_STATUSES, ROLES, ROLL_MOMENTS, ROLL_STATES, SATISFACTIONS, SATISFACTION_RATINGS, SCREENING_DECISIONS, SESSION_KINDS, SESSION_OFFICER_ROLES, SESSION_STATES, STATION_KINDS, STATION_ROLES, GOAL_STATES, RECEPTION_STATES, SUPERVISION_MEMBER_ROLES, VISIT_RATINGS,
} from '../src/domain/vocabulary';

// Timestamps are integer milliseconds since the epoch (UTC), read as Date.
const at = (name: string) => integer(name, { mode: 'timestamp_ms' });
const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const jurisdiction = sqliteTable('jurisdiction', {
  id: integer('id').primaryKey(),
  parentId: integer('parent_id').references((): AnySQLiteColumn => jurisdiction.id),
  kind: text('kind', { enum: JURISDICTION_KINDS }).notNull(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: at('created_at').notNull().default(now),
}, (t) => [index('jurisdiction_parent').on(t.parentId)]);

export const station = sqliteTable('station', {
  id: integer('id').primaryKey(),
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id),
  kind: text('kind', { enum: STATION_KINDS }).notNull(),
  name: text('name').notNull(),
  address: text('address').notNull().default(''),
  // Free text as the station posts it on its door ("周一至周五 9:00–17:00"): residents read it, nothing computes with it.
  openingHours: text('opening_hours').notNull().default(''),
  shortCode: text('short_code').notNull().unique(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
}, (t) => [index('station_jurisdiction').on(t.jurisdictionId)]);

/** The emblem a town's portal shows, uploaded by the district administrator; metadata already stripped. */
export const jurisdictionEmblem = sqliteTable('jurisdiction_emblem', {
  jurisdictionId: integer('jurisdiction_id').primaryKey().references(() => jurisdiction.id),
  mime: text('mime').notNull(),
  image: blob('image', { mode: 'buffer' }).notNull(),
  updatedAt: at('updated_at').notNull(),
});

export const user = sqliteTable('user', {
  id: integer('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  // Set when an administrator or clerk chose the password (new account, reset): the owner must pick their own.
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  createdAt: at('created_at').notNull().default(now),
});

export const roleAssignment = sqliteTable('role_assignment', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => user.id),
  role: text('role', { enum: ROLES }).notNull(),
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id),
}, (t) => [
  uniqueIndex('role_assignment_unique').on(t.userId, t.role, t.jurisdictionId),
  index('role_assignment_jurisdiction').on(t.jurisdictionId),
]);

// Lucia-guide login sessions: only the SHA-256 of the token's secret is stored.
// (`session` is the congress session / deliberation meeting, below.)
export const loginSession = sqliteTable('login_session', {
  id: text('id').primaryKey(),
  secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
  userId: integer('user_id').notNull().references(() => user.id),
  createdAt: at('created_at').notNull(),
  lastVerifiedAt: at('last_verified_at').notNull(),
}, (t) => [index('login_session_user').on(t.userId)]);

// Login throttling survives a restart (an attacker cannot clear it by crashing the laptop; owners are not freed by it either).
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(), // 'account:<username>' or 'ip:<address>'
  failures: integer('failures').notNull(),
  lastFailureAt: integer('last_failure_at').notNull(),
});

// A browser that logged in before: the owner's correct password from it is never held back by throttling.
export const knownDevice = sqliteTable('known_device', {
  secretHash: blob('secret_hash', { mode: 'buffer' }).primaryKey(),
  userId: integer('user_id').notNull().references(() => user.id),
  createdAt: at('created_at').notNull(),
  lastUsedAt: at('last_used_at').notNull(),
}, (t) => [index('known_device_user').on(t.userId)]);

// A representative may have no login: paper ballots still count them.
export const representative = sqliteTable('representative', {
  id: integer('id').primaryKey(),
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id),
  body: text('body', { enum: REP_BODIES }).notNull(),
  name: text('name').notNull(),
  community: text('community').notNull().default(''),
  sector: text('sector').notNull().default(''),
  phone: text('phone').notNull().default(''),
  termFrom: text('term_from'),
  termTo: text('term_to'),
  status: text('status', { enum: REP_STATUSES }).notNull().default('seated'),
  // The seat's own dates: the seated count on any day is a fold over them (a session snapshots it).
  seatedOn: text('seated_on'),
  byElection: integer('by_election', { mode: 'boolean' }).notNull().default(false),
  retiredOn: text('retired_on'),
  retireReason: text('retire_reason', { enum: RETIRE_REASONS }),
  retireNote: text('retire_note'),
  userId: integer('user_id').references(() => user.id),
}, (t) => [index('representative_jurisdiction').on(t.jurisdictionId, t.body, t.status), index('representative_user').on(t.userId)]);

// The groups of 13 (seed 004): a district representative linked to deliberation representatives, with history.
export const repLink = sqliteTable('rep_link', {
  id: integer('id').primaryKey(),
  districtRepId: integer('district_rep_id').notNull().references(() => representative.id),
  deliberationRepId: integer('deliberation_rep_id').notNull().references(() => representative.id),
  fromDate: text('from_date').notNull(),
  toDate: text('to_date'),
}, (t) => [index('rep_link_deliberation').on(t.deliberationRepId), index('rep_link_district').on(t.districtRepId)]);

export const cycle = sqliteTable('cycle', {
  id: integer('id').primaryKey(),
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id),
  year: integer('year').notNull(),
  phase: text('phase', { enum: PHASES }).notNull().default('collection'),
  createdBy: integer('created_by').notNull().references(() => user.id),
  createdAt: at('created_at').notNull().default(now),
  // Collection window, China dates 'YYYY-MM-DD', both inclusive; null = not yet set.
  collectionOpens: text('collection_opens'),
  collectionCloses: text('collection_closes'),
  // Why the public window is shorter than the minimum (setting minCollectionDays); '' when it is not.
  collectionShortReason: text('collection_short_reason').notNull().default(''),
  // A published window closed before its announced day: when, and the notice shown on the portal.
  collectionClosedEarlyAt: at('collection_closed_early_at'),
  collectionCloseNotice: text('collection_close_notice').notNull().default(''),
  // The candidate list: N to select, and the presidium's approval that locks it.
  seatsToFill: integer('seats_to_fill'),
  candidatesLockedAt: at('candidates_locked_at'),
  candidatesLockedBy: integer('candidates_locked_by').references(() => user.id),
}, (t) => [uniqueIndex('cycle_jurisdiction_year').on(t.jurisdictionId, t.year)]);

export const phaseTransition = sqliteTable('phase_transition', {
  id: integer('id').primaryKey(),
  cycleId: integer('cycle_id').notNull().references(() => cycle.id),
  fromPhase: text('from_phase', { enum: PHASES }),
  toPhase: text('to_phase', { enum: PHASES }).notNull(),
  by: integer('by').notNull().references(() => user.id),
  at: at('at').notNull(),
  note: text('note').notNull().default(''),
}, (t) => [index('phase_transition_cycle').on(t.cycleId)]);

// Typed through src/domain/settings.ts; a missing row means the default.
export const setting = sqliteTable('setting', {
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id),
  key: text('key').notNull(),
  value: text('value').notNull(),
}, (t) => [primaryKey({ columns: [t.jurisdictionId, t.key] })]);

// Append-only: triggers in the migrations refuse UPDATE and DELETE; hash chains every row to the one before.
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey(),
  at: at('at').notNull(),
  actorId: integer('actor_id').references(() => user.id),
  actorName: text('actor_name').notNull().default(''),
  action: text('action').notNull(),
  targetType: text('target_type').notNull().default(''),
  targetId: text('target_id').notNull().default(''),
  jurisdictionId: integer('jurisdiction_id').references(() => jurisdiction.id),
  before: text('before'),
  after: text('after'),
  ip: text('ip').notNull().default(''),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [
  index('audit_log_jurisdiction').on(t.jurisdictionId, t.at),
  index('audit_log_action').on(t.action),
  index('audit_log_actor').on(t.actorId),
  index('audit_log_target').on(t.targetType, t.targetId),
]);

// ---------------------------------------------------------------- collection and screening (DOMAIN §3.1–3.3)

export const proposal = sqliteTable('proposal', {
  id: integer('id').primaryKey(),
  cycleId: integer('cycle_id').notNull().references(() => cycle.id),
  receipt: text('receipt').notNull().unique(), // e.g. 2027-QS-0042: year + jurisdiction code + sequence
  seq: integer('seq').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  placeId: integer('place_id').references(() => jurisdiction.id), // village/community; null = the whole township
  // The proposer chose "outside our area" (本辖区以外): placeId is null, and the in-jurisdiction rule fails.
  outsideArea: integer('outside_area', { mode: 'boolean' }).notNull().default(false),
  lat: real('lat'),
  lng: real('lng'),
  category: text('category', { enum: PROPOSAL_CATEGORIES }).notNull(),
  estimatedCost: integer('estimated_cost').notNull(), // yuan
  fundingSource: text('funding_source').notNull().default(''),
  fiscalSharePct: integer('fiscal_share_pct').notNull(),
  beneficiaries: text('beneficiaries').notNull().default(''),
  beneficiaryCount: integer('beneficiary_count'),
  durationMonths: integer('duration_months').notNull(),
  crossYear: integer('cross_year', { mode: 'boolean' }).notNull().default(false),
  proposerName: text('proposer_name').notNull(),
  proposerPhone: text('proposer_phone').notNull().default(''),
  source: text('source', { enum: PROPOSAL_SOURCES }).notNull(),
  entryChannel: text('entry_channel', { enum: ENTRY_CHANNELS }).notNull().default('online'),
  stationId: integer('station_id').references(() => station.id),
  submittedBy: integer('submitted_by').references(() => user.id), // the logged-in person who entered it, if any
  status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('submitted'),
  mergedIntoId: integer('merged_into_id').references((): AnySQLiteColumn => proposal.id),
  createdAt: at('created_at').notNull().default(now),
  // 项目储备库: why the item waits for a later cycle (null = not in the pool), and since when.
  poolReason: text('pool_reason', { enum: POOL_REASONS }),
  pooledAt: at('pooled_at'),
  // 个人事项: a resident's own matter sent on the personal path (no cost, no fiscal share), redirected at once and
  // published only masked. Null = a livelihood-project proposal.
  personalMatter: text('personal_matter', { enum: PERSONAL_MATTERS }),
}, (t) => [
  uniqueIndex('proposal_cycle_seq').on(t.cycleId, t.seq),
  index('proposal_cycle_status').on(t.cycleId, t.status),
  index('proposal_place').on(t.placeId),
]);

/** The timeline a proposer sees on the tracking page; `note` is public text, never personal data. */
export const proposalEvent = sqliteTable('proposal_event', {
  id: integer('id').primaryKey(),
  proposalId: integer('proposal_id').notNull().references(() => proposal.id),
  at: at('at').notNull(),
  actorId: integer('actor_id').references(() => user.id),
  kind: text('kind').notNull(), // submitted | screened | merged | mergedInto | redirected | reopened | candidate …
  note: text('note').notNull().default(''),
}, (t) => [index('proposal_event_proposal').on(t.proposalId)]);

export const screening = sqliteTable('screening', {
  id: integer('id').primaryKey(),
  proposalId: integer('proposal_id').notNull().references(() => proposal.id),
  decision: text('decision', { enum: SCREENING_DECISIONS }).notNull(),
  ruleResults: text('rule_results').notNull(), // JSON [{ code, outcome, explanation }] of the automatic evaluation
  failedRules: text('failed_rules').notNull().default('[]'), // JSON [code]: the rules the reviewer cites
  explanation: text('explanation').notNull().default(''), // shown to the proposer and the public
  overrideReason: text('override_reason').notNull().default(''), // required to pass over a failed automatic rule
  redirectTarget: text('redirect_target', { enum: REDIRECT_TARGETS }),
  decidedBy: integer('decided_by').notNull().references(() => user.id),
  at: at('at').notNull(),
}, (t) => [index('screening_proposal').on(t.proposalId)]);

export const candidate = sqliteTable('candidate', {
  id: integer('id').primaryKey(),
  cycleId: integer('cycle_id').notNull().references(() => cycle.id),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  budget: integer('budget').notNull(), // yuan
  unitName: text('unit_name').notNull(), // 承办单位 / responsible unit
  unitUserId: integer('unit_user_id').references(() => user.id), // its login, for progress reports
  leadOfficial: text('lead_official').notNull(),
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  crossYear: integer('cross_year', { mode: 'boolean' }).notNull().default(false),
  position: integer('position').notNull(),
  createdAt: at('created_at').notNull().default(now),
}, (t) => [index('candidate_cycle').on(t.cycleId)]);

export const candidateProposal = sqliteTable('candidate_proposal', {
  candidateId: integer('candidate_id').notNull().references(() => candidate.id),
  proposalId: integer('proposal_id').notNull().references(() => proposal.id),
}, (t) => [primaryKey({ columns: [t.candidateId, t.proposalId] }), index('candidate_proposal_proposal').on(t.proposalId)]);

export const milestone = sqliteTable('milestone', {
  id: integer('id').primaryKey(),
  candidateId: integer('candidate_id').notNull().references(() => candidate.id),
  title: text('title').notNull(),
  dueDate: text('due_date').notNull(),
  plannedPct: integer('planned_pct').notNull(), // cumulative % complete by the due date
  plannedSpend: integer('planned_spend').notNull().default(0), // cumulative yuan by the due date
  position: integer('position').notNull(),
}, (t) => [index('milestone_candidate').on(t.candidateId)]);

// ---------------------------------------------------------------- sessions and polls (DOMAIN §3.4): one mechanism for every vote

/** A congress session (人代会) or a subdistrict's deliberation meeting (议事代表会议). */
export const session = sqliteTable('session', {
  id: integer('id').primaryKey(),
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id),
  cycleId: integer('cycle_id').references(() => cycle.id),
  body: text('body', { enum: REP_BODIES }).notNull(),
  kind: text('kind', { enum: SESSION_KINDS }).notNull(),
  title: text('title').notNull(),
  date: text('date').notNull(), // China date
  startTime: text('start_time').notNull().default(''), // 'HH:MM'
  endTime: text('end_time').notNull().default(''),
  place: text('place').notNull().default(''),
  agenda: text('agenda').notNull().default(''),
  checkInCode: text('check_in_code').notNull(), // shown on the projector for self check-in
  state: text('state', { enum: SESSION_STATES }).notNull().default('planned'),
  createdBy: integer('created_by').notNull().references(() => user.id),
  createdAt: at('created_at').notNull().default(now),
}, (t) => [index('session_jurisdiction').on(t.jurisdictionId), index('session_cycle').on(t.cycleId)]);

/** The roster as of the session: every vote counts against this snapshot, not today's roster. */
export const sessionRoster = sqliteTable('session_roster', {
  sessionId: integer('session_id').notNull().references(() => session.id),
  representativeId: integer('representative_id').notNull().references(() => representative.id),
  name: text('name').notNull(),
  community: text('community').notNull().default(''),
}, (t) => [primaryKey({ columns: [t.sessionId, t.representativeId] }), index('session_roster_representative').on(t.representativeId)]);

/** 总监票人 / 监票人 / 计票人 of one session: a representative of its roster or a staff account, with the name as recorded. */
export const sessionOfficer = sqliteTable('session_officer', {
  id: integer('id').primaryKey(),
  sessionId: integer('session_id').notNull().references(() => session.id),
  role: text('role', { enum: SESSION_OFFICER_ROLES }).notNull(),
  representativeId: integer('representative_id').references(() => representative.id),
  userId: integer('user_id').references(() => user.id), // the login that acts as this officer (a representative's own, or staff)
  name: text('name').notNull(),
  assignedBy: integer('assigned_by').notNull().references(() => user.id),
  assignedAt: at('assigned_at').notNull(),
}, (t) => [index('session_officer_session').on(t.sessionId), index('session_officer_user').on(t.userId)]);

/**
 * 票决办法 of one session, adopted by show of hands before its first 票决 and frozen from then on: the text as read
 * out and printed, the rule it fixes (JSON, the same shape as a poll's rule), and the count of hands.
 */
export const votingProcedure = sqliteTable('voting_procedure', {
  sessionId: integer('session_id').primaryKey().references(() => session.id),
  text: text('text').notNull(),
  rule: text('rule').notNull(),
  forVotes: integer('for_votes').notNull(),
  againstVotes: integer('against_votes').notNull(),
  abstentions: integer('abstentions').notNull(),
  adoptedBy: integer('adopted_by').notNull().references(() => user.id),
  adoptedAt: at('adopted_at').notNull(),
});

/** Each representative's current place in the roll; its history is attendanceEvent. No row: not yet checked in. */
export const attendance = sqliteTable('attendance', {
  sessionId: integer('session_id').notNull().references(() => session.id),
  representativeId: integer('representative_id').notNull().references(() => representative.id),
  state: text('state', { enum: ROLL_STATES }).notNull().default('present'),
  at: at('at').notNull(), // when the current state was recorded
  checkedInBy: integer('checked_in_by').references(() => user.id), // who recorded it; null: the representative themself (check-in code)
  reason: text('reason').notNull().default(''), // 请假 / 离场 reason
}, (t) => [primaryKey({ columns: [t.sessionId, t.representativeId] })]);

/**
 * The roll's history, never edited: every state recorded, and every correction (a correction withdraws the latest
 * record it follows, with its reason). The current state in attendance is the fold of these rows.
 */
export const attendanceEvent = sqliteTable('attendance_event', {
  id: integer('id').primaryKey(),
  sessionId: integer('session_id').notNull().references(() => session.id),
  representativeId: integer('representative_id').notNull().references(() => representative.id),
  state: text('state', { enum: ROLL_STATES }), // null on a correction that leaves no record (back to 未签到)
  correction: integer('correction', { mode: 'boolean' }).notNull().default(false),
  reason: text('reason').notNull().default(''),
  at: at('at').notNull(),
  by: integer('by').references(() => user.id), // null: the representative themself
}, (t) => [index('attendance_event_rep').on(t.sessionId, t.representativeId)]);

export const poll = sqliteTable('poll', {
  id: integer('id').primaryKey(),
  sessionId: integer('session_id').notNull().references(() => session.id),
  kind: text('kind', { enum: POLL_KINDS }).notNull(),
  secrecy: text('secrecy', { enum: ['secret', 'named'] }).notNull().default('secret'),
  title: text('title').notNull(),
  seatsToFill: integer('seats_to_fill'), // N for 差额 selection and runoffs; null for evaluation polls
  state: text('state', { enum: POLL_STATES }).notNull().default('draft'),
  voidReason: text('void_reason').notNull().default(''),
  parentPollId: integer('parent_poll_id').references((): AnySQLiteColumn => poll.id), // the poll this one follows in the chain: a runoff's or a further poll's predecessor
  paperBallotsIssued: integer('paper_ballots_issued').notNull().default(0),
  ballotForm: text('ballot_form', { enum: BALLOT_FORMS }).notNull().default('perItem'),
  rule: text('rule'), // JSON: the rule in force when the poll opened (quorum, majority base, N, ballot form); the count reads only this
  // 试投票: a rehearsal on the real phones and projector; never counted, its ballots destroyed at close.
  isTest: integer('is_test', { mode: 'boolean' }).notNull().default(false),
  testSubmissions: integer('test_submissions'), // a closed test poll keeps only how many phones submitted
  openedAt: at('opened_at'),
  closedAt: at('closed_at'),
  publishedAt: at('published_at'),
  createdAt: at('created_at').notNull().default(now),
}, (t) => [index('poll_session').on(t.sessionId), index('poll_parent').on(t.parentPollId)]);

/** The roll as a poll opened and as it closed (roster × state): its sheet and quorum statement read this, not today's roll. */
export const pollRoll = sqliteTable('poll_roll', {
  pollId: integer('poll_id').notNull().references(() => poll.id),
  moment: text('moment', { enum: ROLL_MOMENTS }).notNull(),
  representativeId: integer('representative_id').notNull().references(() => representative.id),
  state: text('state', { enum: ROLL_STATES }).notNull(), // no record yet is taken as absent
}, (t) => [primaryKey({ columns: [t.pollId, t.moment, t.representativeId] })]);

export const pollOption = sqliteTable('poll_option', {
  id: integer('id').primaryKey(),
  pollId: integer('poll_id').notNull().references(() => poll.id),
  candidateId: integer('candidate_id').references(() => candidate.id),
  projectId: integer('project_id').references((): AnySQLiteColumn => project.id), // evaluation polls rate projects
  label: text('label').notNull(),
  position: integer('position').notNull(),
}, (t) => [index('poll_option_poll').on(t.pollId)]);

/**
 * Who voted in which poll — and nothing about the choice. One row per representative per poll (the primary key
 * makes a second ballot impossible). The receipt code confirms participation to the voter, not the content.
 */
export const participation = sqliteTable('participation', {
  pollId: integer('poll_id').notNull().references(() => poll.id),
  representativeId: integer('representative_id').notNull().references(() => representative.id),
  channel: text('channel', { enum: ['electronic', 'paper'] }).notNull(),
  receiptCode: text('receipt_code').notNull(),
}, (t) => [primaryKey({ columns: [t.pollId, t.representativeId] })]);

/**
 * What was chosen — and nothing about who. No voter, no time, a random 128-bit key and WITHOUT ROWID
 * (see the migrations), so neither ids nor insertion order re-join a ballot to a participation row. Keyed by
 * (poll, random id): a poll's ballots lie together and are read without scanning every poll's, and within a poll
 * the random id is the only order (a secret poll's ballots are all written at once, at 开箱, shuffled).
 */
export const ballot = sqliteTable('ballot', {
  id: text('id').notNull(),
  pollId: integer('poll_id').notNull().references(() => poll.id),
  marks: text('marks').notNull(), // compact: one character per option in position order (src/domain/compactMarks.ts)
  valid: integer('valid', { mode: 'boolean' }).notNull(),
  invalidReason: text('invalid_reason').notNull().default(''),
}, (t) => [primaryKey({ columns: [t.pollId, t.id] })]);

/**
 * A secret poll's sealed ballot box: the public key ballots are sealed to, and the private key wrapped under the
 * scrutineers' box code (null once the box is opened: the key is destroyed). openedAt marks the digital 开箱;
 * paperCountedAt the tellers' finished count, when it comes before the box is opened.
 */
export const ballotBox = sqliteTable('ballot_box', {
  pollId: integer('poll_id').primaryKey().references(() => poll.id),
  publicKey: blob('public_key', { mode: 'buffer' }).notNull(),
  wrappedKey: blob('wrapped_key', { mode: 'buffer' }),
  openedAt: at('opened_at'),
  paperCountedAt: at('paper_counted_at'),
});

/**
 * An electronic ballot of a secret poll while the box is sealed: ciphertext only, padded to one length, with a
 * random key (WITHOUT ROWID, see the migration). Deleted, with secure_delete, when the box is opened or destroyed.
 */
export const sealedBallot = sqliteTable('sealed_ballot', {
  id: text('id').primaryKey(),
  pollId: integer('poll_id').notNull().references(() => poll.id),
  sealed: blob('sealed', { mode: 'buffer' }).notNull(),
}, (t) => [index('sealed_ballot_poll').on(t.pollId)]);

/** Named (记名) polls keep the voter with the choice, openly; the ballot screen says so. */
export const namedBallot = sqliteTable('named_ballot', {
  id: integer('id').primaryKey(),
  pollId: integer('poll_id').notNull().references(() => poll.id),
  representativeId: integer('representative_id').notNull().references(() => representative.id),
  marks: text('marks').notNull(),
  valid: integer('valid', { mode: 'boolean' }).notNull(),
  invalidReason: text('invalid_reason').notNull().default(''),
}, (t) => [uniqueIndex('named_ballot_unique').on(t.pollId, t.representativeId)]);

/** Tellers' entries of returned paper ballots: each ballot entered twice, by two tellers, then reconciled. */
/**
 * 计票结果报告单 signed in the app: one row per scrutineer (总监票人 or 监票人) and poll, by that officer's own login. The
 * digest is of the certificate's figures as shown when signing, so a signature never silently covers other numbers.
 */
export const closureSignature = sqliteTable('closure_signature', {
  pollId: integer('poll_id').notNull().references(() => poll.id),
  officerId: integer('officer_id').notNull().references(() => sessionOfficer.id),
  userId: integer('user_id').notNull().references(() => user.id),
  role: text('role', { enum: SESSION_OFFICER_ROLES }).notNull(),
  name: text('name').notNull(),
  digest: text('digest').notNull(),
  signedAt: at('signed_at').notNull(),
}, (t) => [primaryKey({ columns: [t.pollId, t.officerId] })]);

export const paperEntry = sqliteTable('paper_entry', {
  id: integer('id').primaryKey(),
  pollId: integer('poll_id').notNull().references(() => poll.id),
  serial: text('serial').notNull(),
  pass: text('pass', { enum: ['first', 'second'] }).notNull(),
  tellerId: integer('teller_id').notNull().references(() => user.id),
  marks: text('marks').notNull(),
  invalid: integer('invalid', { mode: 'boolean' }).notNull().default(false),
  invalidReason: text('invalid_reason').notNull().default(''),
  at: at('at').notNull(),
}, (t) => [uniqueIndex('paper_entry_unique').on(t.pollId, t.serial, t.pass)]);

/** The tally as computed at close: a snapshot, so later roster changes never alter a result. */
export const pollResult = sqliteTable('poll_result', {
  pollId: integer('poll_id').primaryKey().references(() => poll.id),
  result: text('result').notNull(), // JSON of the domain tally, with every number used
  computedAt: at('computed_at').notNull(),
  /** 空白票, counted with the result so the certificate never reads the ballots again (null: not counted then). */
  blankBallots: integer('blank_ballots'),
});

export const resolution = sqliteTable('resolution', {
  id: integer('id').primaryKey(),
  cycleId: integer('cycle_id').notNull().references(() => cycle.id),
  sessionId: integer('session_id').notNull().references(() => session.id),
  title: text('title').notNull(),
  body: text('body').notNull(),
  publishedAt: at('published_at'),
  publishedBy: integer('published_by').references(() => user.id),
  updatedAt: at('updated_at').notNull(),
}, (t) => [uniqueIndex('resolution_session').on(t.sessionId)]);

// ---------------------------------------------------------------- delivery (DOMAIN §3.5)

/** An adopted candidate: the year's livelihood project. */
export const project = sqliteTable('project', {
  id: integer('id').primaryKey(),
  cycleId: integer('cycle_id').notNull().references(() => cycle.id),
  candidateId: integer('candidate_id').notNull().unique().references(() => candidate.id),
  pollId: integer('poll_id').references(() => poll.id),
  status: text('status', { enum: PROJECT_STATUSES }).notNull().default('planned'),
  createdAt: at('created_at').notNull().default(now),
}, (t) => [index('project_cycle').on(t.cycleId)]);

// ---------------------------------------------------------------- street deliberation (DOMAIN §4): public-opinion items and suggestions

export const opinionItem = sqliteTable('opinion_item', {
  id: integer('id').primaryKey(),
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id), // the subdistrict
  year: integer('year').notNull(), // China year of recording: statistics count by it
  seq: integer('seq').notNull(), // per subdistrict and year, for the number on paper: 2026-DC-007
  // The representative who brought it in: the deliberation representative (subdistricts), or the representative who
  // took it at a station's reception (townships). Null when a resident sent it themselves.
  raisedById: integer('raised_by_id').references(() => representative.id),
  recordedBy: integer('recorded_by').references(() => user.id), // null: a resident sent it from their phone
  channel: text('channel', { enum: OPINION_CHANNELS }).notNull(),
  title: text('title').notNull(),
  text: text('text').notNull(),
  place: text('place').notNull().default(''),
  affected: integer('affected'), // roughly how many people; null = not known
  category: text('category', { enum: OPINION_CATEGORIES }).notNull(),
  state: text('state', { enum: OPINION_STATES }).notNull().default('recorded'),
  recordedAt: at('recorded_at').notNull(),
  // The clerk's triage: the answer given on the spot, or the department and the note sent with it.
  triagedAt: at('triaged_at'),
  triagedBy: integer('triaged_by').references(() => user.id),
  response: text('response').notNull().default(''),
  department: text('department').notNull().default(''),
  handedToRepId: integer('handed_to_rep_id').references(() => representative.id), // the district representative
  // Townships' stations (seed 000 §四(七)): where it came in, how the resident follows it, and its handling by level.
  stationId: integer('station_id').references(() => station.id),
  receipt: text('receipt').unique(), // the resident's 回执号; null for subdistricts' items, which residents do not follow
  contactName: text('contact_name').notNull().default(''), // never public
  contactPhone: text('contact_phone').notNull().default(''), // never public
  addressedToRepId: integer('addressed_to_rep_id').references(() => representative.id), // sent through a representative's QR code
  referralLevel: text('referral_level', { enum: REFERRAL_LEVELS }),
  referredOn: text('referred_on'), // China dates from here on
  dueOn: text('due_on'),
  extendedTo: text('extended_to'),
  extensionReason: text('extension_reason').notNull().default(''),
  reply: text('reply').notNull().default(''), // the answer the resident reads by receipt after a referral
  repliedOn: text('replied_on'),
  proposalId: integer('proposal_id').references((): AnySQLiteColumn => proposal.id), // the project proposal it became
}, (t) => [
  uniqueIndex('opinion_item_number').on(t.jurisdictionId, t.year, t.seq),
  index('opinion_item_state').on(t.jurisdictionId, t.state),
  index('opinion_item_raised_by').on(t.raisedById),
  index('opinion_item_handed_to').on(t.handedToRepId),
  index('opinion_item_station').on(t.stationId),
  index('opinion_item_addressed_to').on(t.addressedToRepId),
]);

/** The referring office's follow-up notes on a referred opinion (分级督查). */
export const opinionFollowUp = sqliteTable('opinion_follow_up', {
  id: integer('id').primaryKey(),
  opinionItemId: integer('opinion_item_id').notNull().references(() => opinionItem.id),
  note: text('note').notNull(),
  by: integer('by').notNull().references(() => user.id),
  at: at('at').notNull(),
}, (t) => [index('opinion_follow_up_item').on(t.opinionItemId)]);

/**
 * 亮数字身份: the random token a representative's QR code carries, and the station whose wall it hangs on.
 * Random, so nobody reaches a representative's form by counting ids.
 */
export const repContactCode = sqliteTable('rep_contact_code', {
  token: text('token').primaryKey(),
  representativeId: integer('representative_id').notNull().unique().references(() => representative.id),
  stationId: integer('station_id').notNull().references(() => station.id),
  createdAt: at('created_at').notNull(),
});

/** Photos and PDFs; the bytes live in files next to the database (data/uploads/), the row says what they are. */
export const opinionAttachment = sqliteTable('opinion_attachment', {
  id: integer('id').primaryKey(),
  opinionItemId: integer('opinion_item_id').notNull().references(() => opinionItem.id),
  fileName: text('file_name').notNull(), // as uploaded, shown to staff only
  storedName: text('stored_name').notNull().unique(), // random: never a path from the user
  mimeType: text('mime_type').notNull(),
  size: integer('size').notNull(),
  createdAt: at('created_at').notNull(),
}, (t) => [index('opinion_attachment_item').on(t.opinionItemId)]);

/**
 * 代表建议: a district representative's suggestion made from a handed-over item, assigned to a handling unit.
 * Dates are China calendar dates ('YYYY-MM-DD'): the deadline is counted in months (src/domain/suggestionDeadline.ts).
 */
export const suggestion = sqliteTable('suggestion', {
  id: integer('id').primaryKey(),
  opinionItemId: integer('opinion_item_id').notNull().unique().references(() => opinionItem.id),
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id), // the item's subdistrict
  representativeId: integer('representative_id').notNull().references(() => representative.id),
  title: text('title').notNull(), // public
  text: text('text').notNull(),
  unitName: text('unit_name').notNull(),
  unitUserId: integer('unit_user_id').references(() => user.id), // its login, when it answers itself
  assignedOn: text('assigned_on').notNull(),
  dueOn: text('due_on').notNull(),
  extendedTo: text('extended_to'),
  extensionApprovedBy: text('extension_approved_by').notNull().default(''),
  extensionApprovedOn: text('extension_approved_on'),
  extensionReason: text('extension_reason').notNull().default(''),
  extendedAt: at('extended_at'),
  extendedBy: integer('extended_by').references(() => user.id),
  answer: text('answer').notNull().default(''),
  answeredOn: text('answered_on'),
  answeredAt: at('answered_at'),
  answeredBy: integer('answered_by').references(() => user.id),
  satisfaction: text('satisfaction', { enum: SATISFACTIONS }),
  satisfactionNote: text('satisfaction_note').notNull().default(''),
  ratedAt: at('rated_at'),
  createdBy: integer('created_by').notNull().references(() => user.id),
  createdAt: at('created_at').notNull(),
}, (t) => [
  index('suggestion_jurisdiction').on(t.jurisdictionId),
  index('suggestion_representative').on(t.representativeId),
  index('suggestion_unit').on(t.unitUserId),
]);
// ---------------------------------------------------------------- delivery supervision (DOMAIN §3.5): 月跟踪、季监督、期中报告、年底评议

/**
 * A clerk's change to a project's plan, with its reason: the whole new plan, so the plan in force is the
 * latest row. The original plan (the candidate and its milestone rows) is never edited and stays on show.
 */
export const planAdjustment = sqliteTable('plan_adjustment', {
  id: integer('id').primaryKey(),
  projectId: integer('project_id').notNull().references(() => project.id),
  budget: integer('budget').notNull(), // yuan
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  milestones: text('milestones').notNull(), // JSON [{ title, dueDate, plannedPct, plannedSpend }]
  reason: text('reason').notNull(),
  adjustedBy: integer('adjusted_by').notNull().references(() => user.id), // who entered it (the request's author)
  at: at('at').notNull(),
  // A lawful amendment (调整、暂停、终止): requested with reason and evidence, in force only once decided.
  kind: text('kind', { enum: AMENDMENT_KINDS }).notNull().default('adjust'),
  state: text('state', { enum: AMENDMENT_STATES }).notNull().default('decided'),
  reasonCategory: text('reason_category', { enum: AMENDMENT_REASONS }),
  evidence: text('evidence').notNull().default(''),
  decidedBody: text('decided_body', { enum: DECIDING_BODIES }),
  sessionId: integer('session_id').references(() => session.id), // the mid-year / extraordinary session
  agendaItem: text('agenda_item').notNull().default(''),
  pollId: integer('poll_id').references(() => poll.id), // where it was voted: the poll whose result decided it
  decidedOn: text('decided_on'), // China date the decision took effect
  decidedBy: integer('decided_by').references(() => user.id), // who recorded the decision
  announcement: text('announcement').notNull().default(''), // 公告 on the portal once decided
}, (t) => [index('plan_adjustment_project').on(t.projectId)]);

/**
 * 实施方案: a voted project's plan — responsible unit and official, yearly targets, funds by source, safeguards —
 * drafted by the unit or the clerk and published by the deadline the clerk sets. Its milestones are the plan in
 * force (the candidate's, then each decided amendment's). A soft project (政策、服务类) sets a target unit word and
 * quantity, and reports achieved units instead of a works %.
 */
export const implementationPlan = sqliteTable('implementation_plan', {
  projectId: integer('project_id').primaryKey().references(() => project.id),
  responsibleUnit: text('responsible_unit').notNull().default(''),
  responsibleOfficial: text('responsible_official').notNull().default(''),
  yearlyTargets: text('yearly_targets').notNull().default(''),
  funds: text('funds').notNull().default('[]'), // JSON [{ source, amount }] yuan
  safeguards: text('safeguards').notNull().default(''),
  targetUnit: text('target_unit'), // soft project: 户, 万人次 …; null = works measured in %
  targetQuantity: real('target_quantity'),
  publishBy: text('publish_by'), // China date set by the clerk
  publishedAt: at('published_at'),
  updatedBy: integer('updated_by').references(() => user.id),
  updatedAt: at('updated_at'),
});

/** 月跟踪: one report per project per month ('YYYY-MM'), amended in place; filedAt stays the first filing. */
export const progressReport = sqliteTable('progress_report', {
  id: integer('id').primaryKey(),
  projectId: integer('project_id').notNull().references(() => project.id),
  month: text('month').notNull(),
  pct: integer('pct').notNull(), // cumulative % complete
  spent: integer('spent').notNull(), // cumulative yuan
  milestones: text('milestones').notNull().default('[]'), // JSON [{ title, dueDate, state, expectedDate }]
  problems: text('problems').notNull().default(''), // public
  helpNeeded: text('help_needed').notNull().default(''), // internal: never on the portal
  backwardsReason: text('backwards_reason').notNull().default(''), // required when pct falls below the month before
  achievedUnits: real('achieved_units'), // soft project: cumulative units achieved; pct is then its whole share
  filedBy: integer('filed_by').notNull().references(() => user.id),
  filedAt: at('filed_at').notNull(),
  updatedAt: at('updated_at').notNull(),
}, (t) => [uniqueIndex('progress_report_month').on(t.projectId, t.month)]);

/** Photos are files under the uploads folder beside the database; no thumbnails are generated (no image library). */
export const progressPhoto = sqliteTable('progress_photo', {
  id: integer('id').primaryKey(),
  reportId: integer('report_id').notNull().references(() => progressReport.id),
  fileName: text('file_name').notNull().unique(), // random stored name, relative to the uploads folder
  originalName: text('original_name').notNull().default(''),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  uploadedAt: at('uploaded_at').notNull(),
}, (t) => [index('progress_photo_report').on(t.reportId)]);

/** 专项监督小组 = 人大干部 + 专业代表; beneficiaries and media may join as observers (seed 004). */
export const supervisionGroup = sqliteTable('supervision_group', {
  id: integer('id').primaryKey(),
  cycleId: integer('cycle_id').notNull().references(() => cycle.id),
  name: text('name').notNull(),
  createdAt: at('created_at').notNull(),
}, (t) => [index('supervision_group_cycle').on(t.cycleId)]);

/** A member may have no login (a beneficiary, a reporter); userId links those who record visits. */
export const supervisionGroupMember = sqliteTable('supervision_group_member', {
  id: integer('id').primaryKey(),
  groupId: integer('group_id').notNull().references(() => supervisionGroup.id),
  name: text('name').notNull(),
  role: text('role', { enum: SUPERVISION_MEMBER_ROLES }).notNull(),
  observer: integer('observer', { mode: 'boolean' }).notNull().default(false),
  userId: integer('user_id').references(() => user.id),
}, (t) => [index('supervision_group_member_group').on(t.groupId)]);

/** One group supervises a project. */
export const supervisionAssignment = sqliteTable('supervision_assignment', {
  projectId: integer('project_id').primaryKey().references(() => project.id),
  groupId: integer('group_id').notNull().references(() => supervisionGroup.id),
}, (t) => [index('supervision_assignment_group').on(t.groupId)]);

/** 季监督: a group's visit to one project in a quarter ('YYYY-Qn'). Findings reach the portal once published. */
export const supervisionVisit = sqliteTable('supervision_visit', {
  id: integer('id').primaryKey(),
  projectId: integer('project_id').notNull().references(() => project.id),
  groupId: integer('group_id').notNull().references(() => supervisionGroup.id),
  quarter: text('quarter').notNull(),
  date: text('date').notNull(),
  membersPresent: text('members_present').notNull().default('[]'), // JSON [name]: kept as they were that day
  findings: text('findings').notNull(),
  problems: text('problems').notNull().default(''),
  rating: text('rating', { enum: VISIT_RATINGS }).notNull(),
  publishedAt: at('published_at'),
  recordedBy: integer('recorded_by').notNull().references(() => user.id),
  recordedAt: at('recorded_at').notNull(),
}, (t) => [index('supervision_visit_project').on(t.projectId)]);

/** 整改要求: open → answered (the unit) → accepted | reopened (the group) → answered … */
export const rectification = sqliteTable('rectification', {
  id: integer('id').primaryKey(),
  visitId: integer('visit_id').notNull().references(() => supervisionVisit.id),
  projectId: integer('project_id').notNull().references(() => project.id),
  demand: text('demand').notNull(),
  deadline: text('deadline').notNull(), // China date; a reopening may set a new one
  state: text('state', { enum: RECTIFICATION_STATES }).notNull().default('open'),
  response: text('response').notNull().default(''), // the unit's latest answer
  updatedAt: at('updated_at').notNull(),
}, (t) => [index('rectification_project').on(t.projectId), index('rectification_visit').on(t.visitId)]);

/** The demand's history: every answer, acceptance and reopening with its note. */
export const rectificationEvent = sqliteTable('rectification_event', {
  id: integer('id').primaryKey(),
  rectificationId: integer('rectification_id').notNull().references(() => rectification.id),
  kind: text('kind', { enum: ['demand', 'answer', 'accept', 'reopen'] }).notNull(),
  text: text('text').notNull().default(''),
  deadline: text('deadline'),
  by: integer('by').notNull().references(() => user.id),
  at: at('at').notNull(),
}, (t) => [index('rectification_event_rectification').on(t.rectificationId)]);

/** 期中报告: the summary is edited until publication; the project figures are frozen into `snapshot` then. */
export const midtermReport = sqliteTable('midterm_report', {
  id: integer('id').primaryKey(),
  cycleId: integer('cycle_id').notNull().unique().references(() => cycle.id),
  summary: text('summary').notNull().default(''),
  snapshot: text('snapshot'), // JSON of the report's rows at publication
  publishedAt: at('published_at'),
  publishedBy: integer('published_by').references(() => user.id),
  updatedAt: at('updated_at').notNull(),
  updatedBy: integer('updated_by').notNull().references(() => user.id),
});

/** 码上评/码上提: a beneficiary's rating and words, anonymous; shown publicly only after a clerk publishes it. */
export const feedback = sqliteTable('feedback', {
  id: integer('id').primaryKey(),
  projectId: integer('project_id').notNull().references(() => project.id),
  rating: text('rating', { enum: SATISFACTION_RATINGS }),
  text: text('text').notNull().default(''),
  state: text('state', { enum: FEEDBACK_STATES }).notNull().default('pending'),
  createdAt: at('created_at').notNull(),
  moderatedBy: integer('moderated_by').references(() => user.id),
  moderatedAt: at('moderated_at'),
}, (t) => [index('feedback_project').on(t.projectId, t.state)]);

/** 年底评议 outcome per project, written from the evaluation poll's tally; `marked` = below the threshold then. */
export const evaluationResult = sqliteTable('evaluation_result', {
  projectId: integer('project_id').primaryKey().references(() => project.id),
  pollId: integer('poll_id').references(() => poll.id),
  satisfied: integer('satisfied').notNull(),
  basic: integer('basic').notNull(),
  dissatisfied: integer('dissatisfied').notNull(),
  thresholdPct: integer('threshold_pct').notNull(),
  marked: integer('marked', { mode: 'boolean' }).notNull(),
  recordedAt: at('recorded_at').notNull(),
});

/** The rectification a project below the satisfaction threshold must make, and its outcome. */
export const evaluationFollowUp = sqliteTable('evaluation_follow_up', {
  id: integer('id').primaryKey(),
  projectId: integer('project_id').notNull().unique().references(() => project.id),
  measures: text('measures').notNull().default(''),
  deadline: text('deadline'),
  state: text('state', { enum: ['open', 'done'] }).notNull().default('open'),
  outcome: text('outcome').notNull().default(''),
  createdAt: at('created_at').notNull(),
  updatedBy: integer('updated_by').references(() => user.id),
  updatedAt: at('updated_at'),
});

/** A cross-year project continued in the next year's cycle (without a new vote). */
export const carryOver = sqliteTable('carry_over', {
  fromProjectId: integer('from_project_id').primaryKey().references(() => project.id),
  toProjectId: integer('to_project_id').notNull().unique().references(() => project.id),
  by: integer('by').notNull().references(() => user.id),
  at: at('at').notNull(),
});

// ---------------------------------------------------------------- deliberation meetings (DOMAIN §4): agenda items and minutes

/** An agenda item of a deliberation meeting, with its part of the minutes (纪要): what was said and what was decided. */
export const meetingItem = sqliteTable('meeting_item', {
  id: integer('id').primaryKey(),
  sessionId: integer('session_id').notNull().references(() => session.id),
  position: integer('position').notNull(),
  kind: text('kind', { enum: MEETING_ITEM_KINDS }).notNull(),
  title: text('title').notNull(),
  pollId: integer('poll_id').references(() => poll.id), // project selection: one poll of the session; null = all its selection polls
  cycleId: integer('cycle_id').references(() => cycle.id), // report hearing: the year whose mid-term report is heard
  minutes: text('minutes').notNull().default(''), // the discussion, for the record
  decision: text('decision').notNull().default(''), // public once the minutes are signed off
  updatedAt: at('updated_at').notNull(),
  updatedBy: integer('updated_by').notNull().references(() => user.id),
}, (t) => [index('meeting_item_session').on(t.sessionId, t.position)]);

/** The public-opinion items an agenda item discusses; their triage stays on the item's own page. */
export const meetingItemOpinion = sqliteTable('meeting_item_opinion', {
  meetingItemId: integer('meeting_item_id').notNull().references(() => meetingItem.id),
  opinionItemId: integer('opinion_item_id').notNull().references(() => opinionItem.id),
}, (t) => [primaryKey({ columns: [t.meetingItemId, t.opinionItemId] }), index('meeting_item_opinion_item').on(t.opinionItemId)]);

/** The minutes' header and sign-off; no row = a draft nobody has touched. Signed off = immutable (src/domain/minutes.ts). */
export const meetingMinutes = sqliteTable('meeting_minutes', {
  sessionId: integer('session_id').primaryKey().references(() => session.id),
  chair: text('chair').notNull().default(''), // 主持人
  recorder: text('recorder').notNull().default(''), // 记录人
  signedOffAt: at('signed_off_at'),
  signedOffBy: integer('signed_off_by').references(() => user.id),
  updatedAt: at('updated_at').notNull(),
  updatedBy: integer('updated_by').notNull().references(() => user.id),
});

/**
 * 码上评 window: residents may rate a cycle's projects only between these China dates (both inclusive), set by
 * the clerk; no row = not set, so only suggestions (码上提) are taken.
 */
export const feedbackWindow = sqliteTable('feedback_window', {
  cycleId: integer('cycle_id').primaryKey().references(() => cycle.id),
  opens: text('opens').notNull(),
  closes: text('closes').notNull(),
  updatedAt: at('updated_at').notNull(),
  updatedBy: integer('updated_by').notNull().references(() => user.id),
});

// ---------------------------------------------------------------- 履职台账: station activities recorded by hand

/**
 * One representative's station activity (走访、调研、视察、培训、其他) as the liaison officer or clerk wrote it in the
 * ledger. Never deleted: a wrong line is withdrawn with its reason, so the yearly report can be checked against it.
 */
export const dutyActivity = sqliteTable('duty_activity', {
  id: integer('id').primaryKey(),
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id), // whose ledger holds it
  representativeId: integer('representative_id').notNull().references(() => representative.id),
  kind: text('kind', { enum: DUTY_ACTIVITY_KINDS }).notNull(),
  date: text('date').notNull(), // China date of the activity
  place: text('place').notNull().default(''),
  detail: text('detail').notNull(),
  recordedBy: integer('recorded_by').notNull().references(() => user.id),
  recordedAt: at('recorded_at').notNull(),
  withdrawnAt: at('withdrawn_at'),
  withdrawnBy: integer('withdrawn_by').references(() => user.id),
  withdrawReason: text('withdraw_reason').notNull().default(''),
}, (t) => [index('duty_activity_rep').on(t.representativeId, t.date), index('duty_activity_jurisdiction').on(t.jurisdictionId)]);

/** Each representative sits at one station (seed 000 §四(五) 应进必进); 1–2 of a station's are its conveners (召集人). */
export const stationMember = sqliteTable('station_member', {
  representativeId: integer('representative_id').primaryKey().references(() => representative.id),
  stationId: integer('station_id').notNull().references(() => station.id),
  role: text('role', { enum: STATION_ROLES }).notNull().default('member'),
}, (t) => [index('station_member_station').on(t.stationId)]);

/** The station's liaison officer (联络员, seed 001 §二); a login only when they record things themselves. */
export const stationLiaison = sqliteTable('station_liaison', {
  stationId: integer('station_id').primaryKey().references(() => station.id),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  userId: integer('user_id').references(() => user.id),
});

/** A yearly work goal (年度代表工作目标) and its completion, published at the station (seed 000 §四(五)). */
export const stationGoal = sqliteTable('station_goal', {
  id: integer('id').primaryKey(),
  stationId: integer('station_id').notNull().references(() => station.id),
  year: integer('year').notNull(),
  text: text('text').notNull(),
  state: text('state', { enum: GOAL_STATES }).notNull().default('open'),
  note: text('note').notNull().default(''),
  reportedOn: text('reported_on'), // the China date the completion was recorded
}, (t) => [index('station_goal_station').on(t.stationId, t.year)]);

/** 接待群众日: representatives at a station on a day and time, planned per quarter (seed 001 §五), then held or not. */
export const reception = sqliteTable('reception', {
  id: integer('id').primaryKey(),
  stationId: integer('station_id').notNull().references(() => station.id),
  date: text('date').notNull(),
  startTime: text('start_time').notNull(), // 'HH:MM', China time
  endTime: text('end_time').notNull(),
  state: text('state', { enum: RECEPTION_STATES }).notNull().default('scheduled'),
  notHeldReason: text('not_held_reason').notNull().default(''),
  residents: integer('residents'), // how many residents were received, when held
}, (t) => [index('reception_station').on(t.stationId, t.date)]);

export const receptionRep = sqliteTable('reception_rep', {
  receptionId: integer('reception_id').notNull().references(() => reception.id),
  representativeId: integer('representative_id').notNull().references(() => representative.id),
}, (t) => [primaryKey({ columns: [t.receptionId, t.representativeId] }), index('reception_rep_rep').on(t.representativeId)]);
