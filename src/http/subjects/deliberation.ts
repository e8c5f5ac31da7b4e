import { createMiddleware } from 'hono/factory';
import { getDeliberationRep, type Representative } from '../../data/deliberationReps';
import { getMeetingItem, type MeetingItem } from '../../data/meetings';
import { getAttachment, getItem, type OpinionAttachment, type OpinionItem } from '../../data/opinionItems';
import { suggestionOfItem, type Suggestion } from '../../data/suggestions';
import { idParam, notFound, type JurisdictionEnv } from './jurisdiction';
import type { SessionEnv } from './session';

/** A request under /j/:code/deliberation/items/:itemId: the subdistrict's public-opinion item. */
export type OpinionItemEnv = JurisdictionEnv & { Variables: { opinionItem: OpinionItem } };
/** …/items/:itemId/attachments/:attachmentId: one of the item's files. */
export type AttachmentEnv = OpinionItemEnv & { Variables: { attachment: OpinionAttachment } };
/** …/items/:itemId/{extend,answer,rate}: the suggestion the item became. */
export type SuggestionEnv = OpinionItemEnv & { Variables: { suggestion: Suggestion } };
/** /j/:code/deliberation/links/:repId: one of the subdistrict's deliberation representatives. */
export type DeliberationRepEnv = JurisdictionEnv & { Variables: { deliberationRep: Representative } };
/** /j/:code/sessions/:sessionId/agenda/:itemId: one item of the meeting's agenda. */
export type MeetingItemEnv = SessionEnv & { Variables: { meetingItem: MeetingItem } };

/** The public page of a subdistrict that is no longer in use is gone, like an unknown code. */
export const activeOnly = createMiddleware<JurisdictionEnv>(async (c, next) => {
  if (!c.var.jurisdiction.active) notFound();
  await next();
});

export const opinionItemSubject = createMiddleware<OpinionItemEnv>(async (c, next) => {
  const item = getItem(c.var.db, c.var.jurisdiction.id, idParam(c.req.param('itemId')));
  if (!item) notFound();
  c.set('opinionItem', item);
  await next();
});

export const attachmentSubject = createMiddleware<AttachmentEnv>(async (c, next) => {
  const a = getAttachment(c.var.db, c.var.opinionItem.id, idParam(c.req.param('attachmentId')));
  if (!a) notFound();
  c.set('attachment', a);
  await next();
});

/** An item that has not become a suggestion has nothing to extend, answer or rate: 404. */
export const suggestionSubject = createMiddleware<SuggestionEnv>(async (c, next) => {
  const s = suggestionOfItem(c.var.db, c.var.opinionItem.id);
  if (!s) notFound();
  c.set('suggestion', s);
  await next();
});

export const deliberationRepSubject = createMiddleware<DeliberationRepEnv>(async (c, next) => {
  const rep = getDeliberationRep(c.var.db, c.var.jurisdiction.id, idParam(c.req.param('repId')));
  if (!rep) notFound();
  c.set('deliberationRep', rep);
  await next();
});

/** Agenda and minutes belong to deliberation meetings: a township congress session has none (404). */
export const deliberationMeetingOnly = createMiddleware<SessionEnv>(async (c, next) => {
  if (c.var.session.body !== 'deliberation') notFound();
  await next();
});

export const meetingItemSubject = createMiddleware<MeetingItemEnv>(async (c, next) => {
  const item = getMeetingItem(c.var.db, c.var.session.id, idParam(c.req.param('itemId')));
  if (!item) notFound();
  c.set('meetingItem', item);
  await next();
});
