/**
 * The one write rule (shared/workshop/writeRule.ts, SPEC HC1-HC4) over every workshop state:
 * fast-check draws locks, private writing, a role, an action and a dimension (valid, unknown or
 * none) and checks what every path relies on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIMENSION_IDS } from '../../shared/model/vocabulary';
import { ROLES } from '../../shared/protocol';
import { BOARD_ACTIONS, type BoardAction, mayWrite, OPEN_RULES, type WorkshopRules } from '../../shared/workshop/writeRule';

const SEED = 1616;
const RUNS = 500;

const rulesArb: fc.Arbitrary<WorkshopRules> = fc.record({
  lock: fc.record({ board: fc.boolean(), dimensions: fc.subarray([...DIMENSION_IDS]) }),
  privateWriting: fc.boolean(),
});
const roleArb = fc.constantFrom(...ROLES);
const actionArb = fc.constantFrom(...BOARD_ACTIONS);
/** A raw dimension as a record may hold it (G8): a valid one, one no lock can name, or none. */
const dimensionArb = fc.oneof(fc.constantFrom(...DIMENSION_IDS), fc.constantFrom('nope', ''), fc.constant(null));

const options = { seed: SEED, numRuns: RUNS };

/** Actions private writing keeps off the board: text others would read before the reveal. */
const PRIVATE_TEXT: readonly BoardAction[] = ['add', 'edit text', 'name theme'];

describe('the write rule over every workshop state', () => {
  it('[HC1] a viewer may change nothing and a facilitator anything, whatever the locks and private writing', () => {
    fc.assert(
      fc.property(rulesArb, actionArb, dimensionArb, (rules, action, dimension) => {
        const viewer = mayWrite('viewer', rules, action, dimension);
        expect(viewer.ok).toBe(false);
        if (!viewer.ok) expect(viewer.refusal).toBe('read-only');
        expect(mayWrite('facilitator', rules, action, dimension).ok).toBe(true);
      }),
      options,
    );
  });

  it('[HC1] a participant is refused exactly what the board lock, private writing or a locked dimension holds back', () => {
    fc.assert(
      fc.property(rulesArb, actionArb, dimensionArb, (rules, action, dimension) => {
        const expected = rules.lock.board
          ? 'board-locked'
          : rules.privateWriting && PRIVATE_TEXT.includes(action)
            ? 'private-writing'
            : dimension !== null && (rules.lock.dimensions as string[]).includes(dimension)
              ? 'dimension-locked'
              : null;
        const verdict = mayWrite('participant', rules, action, dimension);
        expect(verdict.ok ? null : verdict.refusal).toBe(expected);
        if (!verdict.ok) expect(verdict.reason.length).toBeGreaterThan(0);
      }),
      options,
    );
  });

  it('[HC1] a change is allowed in a dimension exactly when it is allowed anywhere and an edit there is, with the same reason', () => {
    // What lets the guard ask about one part of an update at a time.
    fc.assert(
      fc.property(rulesArb, roleArb, actionArb, dimensionArb, (rules, role, action, dimension) => {
        const whole = mayWrite(role, rules, action, dimension);
        const anywhere = mayWrite(role, rules, action, null);
        const there = mayWrite(role, rules, 'edit', dimension);
        expect(whole.ok).toBe(anywhere.ok && there.ok);
        if (!whole.ok) expect(whole).toEqual(anywhere.ok ? there : anywhere);
      }),
      options,
    );
  });

  it('[HC1] more restriction never allows what less refused', () => {
    const tighter = (rules: WorkshopRules, more: WorkshopRules): WorkshopRules => ({
      lock: { board: rules.lock.board || more.lock.board, dimensions: [...new Set([...rules.lock.dimensions, ...more.lock.dimensions])] },
      privateWriting: rules.privateWriting || more.privateWriting,
    });
    fc.assert(
      fc.property(rulesArb, rulesArb, roleArb, actionArb, dimensionArb, (rules, more, role, action, dimension) => {
        if (!mayWrite(role, rules, action, dimension).ok) expect(mayWrite(role, tighter(rules, more), action, dimension).ok).toBe(false);
      }),
      options,
    );
  });

  it('[HC3] revealing, moving, deleting, linking and editing your own text go on during private writing', () => {
    const rules: WorkshopRules = { ...OPEN_RULES, privateWriting: true };
    const allowed = BOARD_ACTIONS.filter((action) => mayWrite('participant', rules, action, 'strategy').ok);
    expect(allowed).toEqual(['reveal', 'edit', 'edit own text', 'delete', 'link']);
  });

  it('[HC1] [LG4] names the refusal the way a socket reason reads, and carries its code for the page', () => {
    const locked = (dimensions: WorkshopRules['lock']['dimensions'], board = false): WorkshopRules => ({
      lock: { board, dimensions },
      privateWriting: false,
    });
    expect(mayWrite('participant', locked([], true), 'delete', 'strategy')).toEqual({
      ok: false,
      refusal: 'board-locked',
      reason: 'the board is locked',
      problem: { code: 'sync.boardLocked' },
    });
    expect(mayWrite('participant', locked(['strategy']), 'link', 'strategy')).toEqual({
      ok: false,
      refusal: 'dimension-locked',
      reason: 'Cluster strategy is locked',
      problem: { code: 'sync.dimensionLocked', values: { dimension: 'Cluster strategy' } },
    });
    expect(mayWrite('participant', { ...OPEN_RULES, privateWriting: true }, 'add', 'structure')).toEqual({
      ok: false,
      refusal: 'private-writing',
      reason: 'private writing is on, so new notes go to your private notes first',
      problem: { code: 'sync.privateAdd' },
    });
  });
});
