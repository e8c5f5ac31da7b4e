import { describe, expect, it } from 'vitest';
import { isAllowed, PERMISSIONS, ROLES, type Action, type Role } from '../../src/domain/authz';

// district 1 → township 2 (village 4), township 3
const DISTRICT = [1];
const TOWN_A = [2, 1];
const VILLAGE_A = [4, 2, 1];
const TOWN_B = [3, 1];

describe('isAllowed: role × jurisdiction', () => {
  // [role, held in jurisdiction, action, target ancestry, allowed]
  it.each<[Role, number, Action, number[], boolean]>([
    ['clerk', 2, 'cycle.manage', TOWN_A, true],
    ['clerk', 2, 'cycle.manage', VILLAGE_A, true], // covers what lies below
    ['clerk', 2, 'cycle.manage', DISTRICT, false], // not what lies above
    ['clerk', 2, 'cycle.manage', TOWN_B, false],
    ['clerk', 2, 'settings.edit', TOWN_A, true],
    ['clerk', 2, 'audit.view', TOWN_A, true],
    ['clerk', 2, 'admin.users', TOWN_A, false],
    ['representative', 2, 'cycle.view', TOWN_A, true],
    ['representative', 2, 'cycle.manage', TOWN_A, false],
    ['representative', 2, 'settings.view', TOWN_A, false],
    ['districtAdmin', 1, 'admin.users', DISTRICT, true],
    ['districtAdmin', 1, 'cycle.view', TOWN_B, true],
    ['districtAdmin', 1, 'cycle.manage', TOWN_A, false], // the clerk runs the cycle
    ['districtAdmin', 2, 'admin.users', DISTRICT, false], // admin rights only where held
    ['implementingUnit', 2, 'cycle.view', TOWN_A, true],
    ['supervisionMember', 2, 'audit.view', TOWN_A, false],
    // a district representative (held in the district) is no representative of the towns below …
    ['representative', 1, 'cycle.view', DISTRICT, true],
    ['representative', 1, 'cycle.view', TOWN_A, false],
    ['representative', 1, 'deliberation.view', TOWN_A, false],
    ['representative', 1, 'proposal.submitOnBehalf', TOWN_A, false],
    ['representative', 1, 'delivery.view', TOWN_B, false],
    ['representative', 1, 'ballot.cast', TOWN_A, false],
    ['representative', 2, 'cycle.view', VILLAGE_A, false], // nor a town's of its villages
    // … but reaches down for what the route then narrows to their own group and suggestions
    ['representative', 1, 'deliberation.linked', TOWN_A, true],
    ['representative', 1, 'suggestion.convert', TOWN_A, true],
    ['representative', 1, 'suggestion.rate', TOWN_B, true],
    ['representative', 2, 'deliberation.linked', TOWN_B, false],
    ['clerk', 2, 'deliberation.linked', TOWN_A, false],
  ])('%s held in %i may %s in %j → %s', (role, heldIn, action, ancestry, expected) => {
    expect(isAllowed([{ role, jurisdictionId: heldIn }], action, ancestry)).toBe(expected);
  });

  // Every role scoped to town A is denied every action in town B.
  const scoped = ROLES.filter((r) => r !== 'districtAdmin');
  it.each(scoped)('%s of town A is denied everything in town B', (role) => {
    for (const action of Object.keys(PERMISSIONS) as Action[]) {
      expect(isAllowed([{ role, jurisdictionId: 2 }], action, TOWN_B)).toBe(false);
    }
  });

  it('no assignments, nothing allowed', () => {
    expect(isAllowed([], 'cycle.view', TOWN_A)).toBe(false);
  });
});
