import { describe, expect, it } from 'vitest';
import { initialFlowContext } from '../../../src/core/flows/registry-actions.ts';
import { createRegistryGuards, isSupervisorOfRegion } from '../../../src/core/flows/registry-guards.ts';
import { admin, caseRegion, defaultFlow, officer, supervisor } from './flow-fixture.ts';

describe('isSupervisorOfRegion', () => {
  it('is true for a supervisor whose region path is a prefix of the case region', () => {
    expect(isSupervisorOfRegion(supervisor('/1/'), caseRegion)).toBe(true); // province
    expect(isSupervisorOfRegion(supervisor('/1/7/'), caseRegion)).toBe(true); // city
    expect(isSupervisorOfRegion(supervisor('/1/7/42/'), caseRegion)).toBe(true); // county
  });

  it('is false for a supervisor of another region or of a region below the case', () => {
    expect(isSupervisorOfRegion(supervisor('/1/8/'), caseRegion)).toBe(false);
    expect(isSupervisorOfRegion(supervisor('/1/7/42/9/'), caseRegion)).toBe(false);
    expect(isSupervisorOfRegion(supervisor('/1/7'), '/1/70/3/')).toBe(false); // "/1/7" is not the city "/1/70/"
    expect(isSupervisorOfRegion(supervisor(''), caseRegion)).toBe(false);
  });

  it('is false for the officer of the case, and true for an admin (who may do everything)', () => {
    expect(isSupervisorOfRegion(officer(), caseRegion)).toBe(false);
    expect(isSupervisorOfRegion(admin(), caseRegion)).toBe(true);
  });
});

describe('the registry guards', () => {
  const guards = createRegistryGuards(defaultFlow());
  const context = initialFlowContext({ householdId: 1, officerId: '11', regionPath: caseRegion });
  const at = { state: 'verifying' };

  it('isAssignedOfficer admits the assigned officer and a delegate, nobody else', () => {
    expect(guards.isAssignedOfficer(context, { type: 'X', actor: officer() }, at)).toBe(true);
    expect(
      guards.isAssignedOfficer(context, { type: 'X', actor: officer({ personId: '12', isAssignedOfficer: false, isDelegate: true }) }, at),
    ).toBe(true);
    expect(guards.isAssignedOfficer(context, { type: 'X', actor: officer({ personId: '13', isAssignedOfficer: false }) }, at)).toBe(false);
    expect(guards.isAssignedOfficer(context, { type: 'X', actor: supervisor() }, at)).toBe(false);
  });

  it('isAdmin admits admins only', () => {
    expect(guards.isAdmin(context, { type: 'X', actor: admin() }, at)).toBe(true);
    expect(guards.isAdmin(context, { type: 'X', actor: supervisor('/') }, at)).toBe(false);
  });

  it('hasRequiredForm checks the button form of the state the transition belongs to', () => {
    const form = { persons: 3, causes: ['收入低'], visit_date: '2020-03-02' };
    expect(guards.hasRequiredForm(context, { type: 'VERIFIED', actor: officer(), form }, at)).toBe(true);
    expect(guards.hasRequiredForm(context, { type: 'VERIFIED', actor: officer(), form: { ...form, persons: undefined } }, at)).toBe(false);
    expect(guards.hasRequiredForm(context, { type: 'VERIFIED', actor: officer(), form: { ...form, causes: ['没钱'] } }, at)).toBe(false);
    expect(guards.hasRequiredForm(context, { type: 'VERIFIED', actor: officer(), form: { ...form, persons: 31 } }, at)).toBe(false);
    // CLOSE is declared on `working`: its button is found in the steps' cards.
    expect(guards.hasRequiredForm(context, { type: 'CLOSE', actor: admin(), form: {} }, { state: 'working' })).toBe(false);
    expect(guards.hasRequiredForm(context, { type: 'CLOSE', actor: admin(), form: { reason: '退休' } }, { state: 'working' })).toBe(true);
  });
});
