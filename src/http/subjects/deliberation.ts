import { deliberationScope, getRep, type Representative } from '../../data/representatives';
import { getMeetingItem, type MeetingItem } from '../../data/meetings';
import { getAttachment, getItem, type OpinionAttachment, type OpinionItem } from '../../data/opinionItems';
import { suggestionOfItem, type Suggestion } from '../../data/suggestions';
import { notFoundWhen, subject, idParam, type JurisdictionEnv } from './jurisdiction';
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
export const activeOnly = notFoundWhen<JurisdictionEnv>((c) => !c.get('jurisdiction').active);

export const opinionItemSubject = subject<OpinionItemEnv, 'opinionItem'>('opinionItem', (c) => getItem(c.get('db'), c.get('jurisdiction').id, idParam(c.req.param('itemId'))));

export const attachmentSubject = subject<AttachmentEnv, 'attachment'>('attachment', (c) => getAttachment(c.get('db'), c.get('opinionItem').id, idParam(c.req.param('attachmentId'))));

/** An item that has not become a suggestion has nothing to extend, answer or rate: 404. */
export const suggestionSubject = subject<SuggestionEnv, 'suggestion'>('suggestion', (c) => suggestionOfItem(c.get('db'), c.get('opinionItem').id));

export const deliberationRepSubject = subject<DeliberationRepEnv, 'deliberationRep'>('deliberationRep', (c) => getRep(c.get('db'), deliberationScope(c.get('jurisdiction').id), idParam(c.req.param('repId'))));

/** Agenda and minutes belong to deliberation meetings: a township congress session has none (404). */
export const deliberationMeetingOnly = notFoundWhen<SessionEnv>((c) => c.get('session').body !== 'deliberation');

export const meetingItemSubject = subject<MeetingItemEnv, 'meetingItem'>('meetingItem', (c) => getMeetingItem(c.get('db'), c.get('session').id, idParam(c.req.param('itemId'))));
