import { sql } from 'drizzle-orm';
import {
  sqliteTable, integer, text, blob, uniqueIndex, index, primaryKey, type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';

// Timestamps are integer milliseconds since the epoch (UTC), read as Date.
const at = (name: string) => integer(name, { mode: 'timestamp_ms' });
const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const JURISDICTION_KINDS = ['district', 'township', 'subdistrict', 'village', 'community'] as const;
export type JurisdictionKind = (typeof JURISDICTION_KINDS)[number];

export const jurisdiction = sqliteTable('jurisdiction', {
  id: integer('id').primaryKey(),
  parentId: integer('parent_id').references((): AnySQLiteColumn => jurisdiction.id),
  kind: text('kind', { enum: JURISDICTION_KINDS }).notNull(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: at('created_at').notNull().default(now),
}, (t) => [index('jurisdiction_parent').on(t.parentId)]);

export const STATION_KINDS = ['home', 'liaison', 'contact'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export const station = sqliteTable('station', {
  id: integer('id').primaryKey(),
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id),
  kind: text('kind', { enum: STATION_KINDS }).notNull(),
  name: text('name').notNull(),
  address: text('address').notNull().default(''),
  shortCode: text('short_code').notNull().unique(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
}, (t) => [index('station_jurisdiction').on(t.jurisdictionId)]);

export const user = sqliteTable('user', {
  id: integer('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: at('created_at').notNull().default(now),
});

export const ROLES = [
  'representative', 'deliberationRep', 'clerk', 'implementingUnit', 'supervisionMember', 'districtAdmin',
] as const;
export type Role = (typeof ROLES)[number];

export const roleAssignment = sqliteTable('role_assignment', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => user.id),
  role: text('role', { enum: ROLES }).notNull(),
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id),
}, (t) => [
  uniqueIndex('role_assignment_unique').on(t.userId, t.role, t.jurisdictionId),
  index('role_assignment_jurisdiction').on(t.jurisdictionId),
]);

// Lucia-guide sessions: only the SHA-256 of the token's secret is stored.
export const session = sqliteTable('session', {
  id: text('id').primaryKey(),
  secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
  userId: integer('user_id').notNull().references(() => user.id),
  createdAt: at('created_at').notNull(),
  lastVerifiedAt: at('last_verified_at').notNull(),
}, (t) => [index('session_user').on(t.userId)]);

export const REP_BODIES = ['congress', 'deliberation'] as const;
export type RepBody = (typeof REP_BODIES)[number];
export const REP_STATUSES = ['seated', 'retired'] as const;

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
  userId: integer('user_id').references(() => user.id),
}, (t) => [index('representative_jurisdiction').on(t.jurisdictionId, t.body, t.status)]);

// The groups of 13 (seed 004): a district representative linked to deliberation representatives, with history.
export const repLink = sqliteTable('rep_link', {
  id: integer('id').primaryKey(),
  districtRepId: integer('district_rep_id').notNull().references(() => representative.id),
  deliberationRepId: integer('deliberation_rep_id').notNull().references(() => representative.id),
  fromDate: text('from_date').notNull(),
  toDate: text('to_date'),
}, (t) => [index('rep_link_deliberation').on(t.deliberationRepId), index('rep_link_district').on(t.districtRepId)]);

export const PHASES = ['collection', 'screening', 'candidates', 'voting', 'delivery', 'evaluation', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export const cycle = sqliteTable('cycle', {
  id: integer('id').primaryKey(),
  jurisdictionId: integer('jurisdiction_id').notNull().references(() => jurisdiction.id),
  year: integer('year').notNull(),
  phase: text('phase', { enum: PHASES }).notNull().default('collection'),
  createdBy: integer('created_by').notNull().references(() => user.id),
  createdAt: at('created_at').notNull().default(now),
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
]);
