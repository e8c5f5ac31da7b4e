import { ROLES, type Role } from './vocabulary';

export { ROLES, type Role };

export const ROLE_LABELS: Record<Role, string> = {
  representative: '人大代表',
  deliberationRep: '议事代表',
  clerk: '人大工作人员',
  implementingUnit: '承办单位',
  supervisionMember: '监督小组成员',
  districtAdmin: '区级管理员',
};

const staff: Role[] = ['clerk', 'districtAdmin'];
const insiders: Role[] = ['clerk', 'districtAdmin', 'representative', 'deliberationRep', 'implementingUnit', 'supervisionMember'];

/**
 * Every action a logged-in person can take, and the roles that may take it.
 * The public (no login) needs no entry: public pages check nothing.
 */
export const PERMISSIONS = {
  'jurisdiction.view': insiders,
  'cycle.view': insiders,
  'cycle.manage': ['clerk'],
  'settings.view': staff,
  'settings.edit': ['clerk'],
  'audit.view': staff,
  'admin.users': ['districtAdmin'],
  'admin.jurisdictions': ['districtAdmin'],
  // collection and screening
  'proposal.submitOnBehalf': ['clerk', 'representative', 'deliberationRep'],
  'proposal.enterPaper': ['clerk'], // paper forms and spreadsheet imports
  'proposal.review': ['clerk', 'districtAdmin'], // the intake list with personal data, CSV export
  'proposal.screen': ['clerk'],
  'collection.manage': ['clerk'], // the collection window
  'candidate.manage': ['clerk'],
  'candidate.approve': ['clerk'], // records the presidium's approval
  // sessions and polls
  'session.view': insiders,
  'session.manage': ['clerk'],
  'session.checkIn': ['clerk'],
  'poll.manage': ['clerk'],
  'poll.tally': ['clerk'], // tellers' paper-ballot entry
  'poll.unseal': ['clerk'], // 开箱: with two scrutineers' slips, which only they hold
  'ballot.cast': ['representative', 'deliberationRep'],
  'result.publish': ['clerk'],
  // rosters: the township congress's seated representatives and a subdistrict's deliberation representatives
  'roster.view': staff, // the congress roster (names, villages, seat dates); the deliberation roster is deliberation.view
  'roster.manage': ['clerk'], // either roster: entries, imports and exports with phones, representatives' logins
  // street deliberation: links to district representatives, public-opinion items and suggestions
  'deliberation.view': insiders,
  // a district representative in a subdistrict: the items of their linked group, those handed to them, their suggestions
  'deliberation.linked': ['representative'],
  'repLink.manage': ['clerk'],
  'opinion.record': ['deliberationRep', 'clerk'],
  'opinion.triage': ['clerk'],
  'suggestion.convert': ['representative'], // and only the district representative the item was handed to
  'suggestion.extend': ['clerk'], // records the assigning body's approval
  'suggestion.answer': ['implementingUnit', 'clerk'], // the chosen unit, or the clerk on the unit's behalf
  'suggestion.rate': ['representative'], // and only the representative who made the suggestion
  // townships' stations: residents' opinions handled by level (seed 000 §四(七)) and representatives' QR codes
  'stationOpinion.view': ['clerk', 'districtAdmin', 'representative'], // a representative: those they took or were sent
  'stationOpinion.record': ['clerk', 'representative'], // the liaison/clerk, or a representative at a reception
  'stationOpinion.handle': ['clerk'], // refer by level, follow up, extend, answer the resident, make a proposal
  'repCode.manage': ['clerk'], // issue representatives' QR codes, print their cards
  // delivery supervision (月跟踪、季监督、期中报告、年底评议)
  'delivery.view': insiders, // project pages with internal notes
  'delivery.manage': ['clerk'], // plan adjustments, groups, acceptance, mid-term report, follow-ups, carry-over
  'delivery.dashboard': staff,
  'progress.report': ['implementingUnit'],
  'rectification.answer': ['implementingUnit'],
  'supervision.record': ['supervisionMember', 'clerk'],
  'feedback.view': ['clerk', 'supervisionMember', 'districtAdmin'], // every beneficiary message, moderated or not
  'feedback.moderate': ['clerk'],
  // 履职台账: every representative's year; a representative reads their own through the route's own check
  'ledger.view': staff,
  'ledger.record': ['clerk'], // hand-recorded station activities (the liaison officer's, once stations name one)

  // stations (代表之家/联络站): their people, goals and reception days; the public page checks nothing
  'station.view': staff,
  'station.manage': ['clerk'], // conveners, liaison, members, goals, the reception schedule and whether it was held
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export interface Assignment { role: Role; jurisdictionId: number }

/** A district representative's actions in the subdistricts below, each limited by its route to what concerns them. */
export const REACHES_DOWN: ReadonlySet<Action> = new Set<Action>(['deliberation.linked', 'suggestion.convert', 'suggestion.rate']);

/**
 * A role held in a jurisdiction covers it and everything below it (a township clerk covers its villages), except a
 * representative's: a district representative is not a representative of each town below (DOMAIN §2, README
 * "District representatives"). What a district representative does in a subdistrict is `REACHES_DOWN`, and the
 * route then checks the row (their group's item, the item handed to them, their own suggestion).
 * `ancestry` lists the target jurisdiction's id first, then all its ancestors' ids.
 */
export function isAllowed(assignments: readonly Assignment[], action: Action, ancestry: readonly number[]): boolean {
  const roles: readonly Role[] = PERMISSIONS[action];
  return assignments.some((a) => roles.includes(a.role)
    && (a.jurisdictionId === ancestry[0] || (ancestry.includes(a.jurisdictionId) && (a.role !== 'representative' || REACHES_DOWN.has(action)))));
}

/** Roles that grant an action anywhere, for navigation ("does this user ever manage cycles?"). */
export function hasAnyRoleFor(assignments: readonly Assignment[], action: Action): boolean {
  const roles: readonly Role[] = PERMISSIONS[action];
  return assignments.some((a) => roles.includes(a.role));
}

/** The jurisdictions where the user holds a role for `action`: the tops of the subtrees it covers (an administrator's district). */
export function jurisdictionsFor(assignments: readonly Assignment[], action: Action): number[] {
  const roles: readonly Role[] = PERMISSIONS[action];
  return [...new Set(assignments.filter((a) => roles.includes(a.role)).map((a) => a.jurisdictionId))];
}
