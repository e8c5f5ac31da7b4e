// The domain's vocabulary: every enumerated value the schema stores, named once here (db/schema.ts imports it).

export const JURISDICTION_KINDS = ['district', 'township', 'subdistrict', 'village', 'community'] as const;
export type JurisdictionKind = (typeof JURISDICTION_KINDS)[number];

export const STATION_KINDS = ['home', 'liaison', 'contact'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export const ROLES = [
  'representative', 'deliberationRep', 'clerk', 'implementingUnit', 'supervisionMember', 'districtAdmin',
] as const;
export type Role = (typeof ROLES)[number];

export const REP_BODIES = ['congress', 'deliberation'] as const;
export type RepBody = (typeof REP_BODIES)[number];

export const REP_STATUSES = ['seated', 'retired'] as const;

/** Why a seat ended (代表资格终止): death, resignation, recall, moving away from the constituency, other. */
export const RETIRE_REASONS = ['death', 'resignation', 'recall', 'movedAway', 'other'] as const;
export type RetireReason = (typeof RETIRE_REASONS)[number];

export const PHASES = ['collection', 'screening', 'candidates', 'voting', 'delivery', 'evaluation', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export const PROPOSAL_CATEGORIES = [
  'education', 'health', 'elderly', 'transport', 'water', 'environment', 'culture', 'safety', 'other',
] as const;
export type ProposalCategory = (typeof PROPOSAL_CATEGORIES)[number];

/** Who proposes (DOMAIN §3.1): the public, representatives, village/community committees, departments, deliberation reps. */
export const PROPOSAL_SOURCES = ['public', 'representative', 'deliberationRep', 'villageCommittee', 'department'] as const;
export type ProposalSource = (typeof PROPOSAL_SOURCES)[number];

/** How it reached us: the web form (possibly via a station's QR code), a paper form typed in, a spreadsheet import. */
export const ENTRY_CHANNELS = ['online', 'paper', 'import'] as const;

export const PROPOSAL_STATUSES = ['submitted', 'screening', 'eligible', 'ineligible', 'merged', 'redirected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Where a matter that is not a livelihood project is sent: 信访, the courts, labour arbitration, administrative review, the 12345 hotline / reporting channels. */
export const REDIRECT_TARGETS = ['petition', 'court', 'arbitration', 'adminReview', 'hotline'] as const;
export type RedirectTarget = (typeof REDIRECT_TARGETS)[number];

/** A resident's own or family's matter (个人事项), sent on the personal path of the public form instead of as a project. */
export const PERSONAL_MATTERS = ['land', 'labour', 'civil', 'adminDecision', 'complaint'] as const;
export type PersonalMatter = (typeof PERSONAL_MATTERS)[number];

/** Why an item is in the reserve pool (项目储备库): eligible but not listed, not adopted by the vote, late, sent between windows. */
export const POOL_REASONS = ['unselected', 'notAdopted', 'late', 'betweenWindows'] as const;
export type PoolReason = (typeof POOL_REASONS)[number];

export const SCREENING_DECISIONS = ['eligible', 'ineligible', 'merged', 'redirected'] as const;
export type ScreeningDecision = (typeof SCREENING_DECISIONS)[number];

export const SESSION_KINDS = ['startOfYear', 'midYear', 'extraordinary'] as const;

export const SESSION_STATES = ['planned', 'open', 'closed'] as const;

export const POLL_KINDS = ['selection', 'runoff', 'further', 'evaluation'] as const;
/** The polls that fill the year's places: the selection, its runoffs (平票) and further polls (另行票决) after a shortfall. */
export const SELECTION_POLL_KINDS = ['selection', 'runoff', 'further'] as const;

/** A representative's place in the roll: 出席 / 请假 / 缺席 / 离场 / 返场 (no record yet reads as 未签到). */
export const ROLL_STATES = ['present', 'leave', 'absent', 'departed', 'returned'] as const;
export type RollState = (typeof ROLL_STATES)[number];
/** When a poll's roll was taken: as it opened and as it closed. */
export const ROLL_MOMENTS = ['open', 'close'] as const;

export const POLL_STATES = ['draft', 'open', 'closed', 'published', 'void'] as const;

/**
 * How a selection ballot is marked (DOMAIN §6): per item 赞成/反对/弃权, or 勾选 — tick at most N, a tick is a vote
 * for. Chosen when the poll is created; evaluation polls keep their own rating form.
 */
export const BALLOT_FORMS = ['perItem', 'tick'] as const;
export type BallotForm = (typeof BALLOT_FORMS)[number];
/**
 * The session's officers for counting (DOMAIN §3.4): 总监票人 and 监票人 are elected by the session from the
 * representatives; 计票人 may be staff. Each holds exactly the rights the count needs, for that session only.
 */
export const SESSION_OFFICER_ROLES = ['chiefScrutineer', 'scrutineer', 'teller'] as const;
export type SessionOfficerRole = (typeof SESSION_OFFICER_ROLES)[number];
export const SESSION_OFFICER_ROLE_WORDS: Record<SessionOfficerRole, string> = { chiefScrutineer: '总监票人', scrutineer: '监票人', teller: '计票人' };
export type PollState = (typeof POLL_STATES)[number];

export const PROJECT_STATUSES = ['planned', 'inProgress', 'completed', 'accepted'] as const;

// States and their transitions are the pure machine in src/domain/opinionTriage.ts.
export const OPINION_STATES = ['recorded', 'answered', 'referred', 'handedToRep', 'converted', 'replied', 'proposed'] as const;

/** What residents raise is not a livelihood project: its own, smaller list. */
export const OPINION_CATEGORIES = [
  'roads', 'environment', 'housing', 'elderly', 'safety', 'health', 'education', 'culture', 'facilities', 'other',
] as const;

/** Who typed it in: the deliberation representative on their phone, or the clerk at a meeting or at the office. */
export const OPINION_CHANNELS = ['self', 'meeting', 'office', 'resident', 'reception', 'station', 'repCode'] as const;

/** Where a station's opinion is referred (分级交办, seeds 000 §四(七), 001 §五): this township, or the level above. */
export const REFERRAL_LEVELS = ['township', 'district', 'city'] as const;
export type ReferralLevel = (typeof REFERRAL_LEVELS)[number];

export const SATISFACTIONS = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;

export const MILESTONE_STATES = ['done', 'onTrack', 'late'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export const SUPERVISION_MEMBER_ROLES = ['staff', 'professionalRep', 'beneficiary', 'media'] as const;
export type SupervisionMemberRole = (typeof SUPERVISION_MEMBER_ROLES)[number];

export const VISIT_RATINGS = ['good', 'fair', 'poor'] as const;
export type VisitRating = (typeof VISIT_RATINGS)[number];

export const RECTIFICATION_STATES = ['open', 'answered', 'accepted', 'reopened'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

export const SATISFACTION_RATINGS = ['satisfied', 'basic', 'dissatisfied'] as const;
export type SatisfactionRating = (typeof SATISFACTION_RATINGS)[number];

export const FEEDBACK_STATES = ['pending', 'published', 'hidden'] as const;

// Meetings themselves are sessions with body 'deliberation' (roll, attendance and polls are the session's).
export const MEETING_ITEM_KINDS = ['projectSelection', 'reportHearing', 'opinionItems'] as const;

// 项目调整、暂停、终止 (plan amendments): what changed, why, and who decided it.
export const AMENDMENT_KINDS = ['adjust', 'suspend', 'resume', 'terminate'] as const;
export const AMENDMENT_REASONS = ['forceMajeure', 'policyChange', 'fundsChange', 'siteChange', 'other'] as const;
export const AMENDMENT_STATES = ['requested', 'decided', 'rejected'] as const;
export const DECIDING_BODIES = ['congress', 'presidium', 'subdistrictMeeting', 'clerk'] as const;

// 履职台账: what a liaison officer or clerk records by hand beside what the system already knows (走访、调研、视察、培训、其他).
export const DUTY_ACTIVITY_KINDS = ['visit', 'survey', 'inspection', 'training', 'other'] as const;
export type DutyActivityKind = (typeof DUTY_ACTIVITY_KINDS)[number];

// Stations as the representatives' front door (seed 000 §四(五), seed 001 §二、§五).
export const STATION_ROLES = ['member', 'convener'] as const; // 召集人: 1–2 per station
export type StationRole = (typeof STATION_ROLES)[number];
export const GOAL_STATES = ['open', 'partly', 'done'] as const; // a yearly work goal: not yet / partly / done
export type GoalState = (typeof GOAL_STATES)[number];
export const RECEPTION_STATES = ['scheduled', 'held', 'notHeld'] as const; // 接待群众日, afterwards held or not
export type ReceptionState = (typeof RECEPTION_STATES)[number];
