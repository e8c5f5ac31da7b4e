import { describe, expect, it } from 'vitest';
import { defaultItemTitle } from '../../src/domain/meetingItems';
import { checkMinutes, minutesState, type MinutesAction, type MinutesContext, type MinutesState } from '../../src/domain/minutes';

const item = (title: string, decision: string) => ({ title, decision });
const ready: MinutesContext = { sessionState: 'closed', items: [item('票选项目', '通过'), item('听取报告', '同意')] };

describe('the minutes (纪要): editable as a draft, signed off once the meeting has closed, then immutable', () => {
  it.each<[string, MinutesState, MinutesAction, MinutesContext, boolean, number?, string?]>([
    ['a draft is edited while the meeting is planned', 'draft', 'edit', { sessionState: 'planned', items: [] }, true],
    ['a draft is edited during the meeting', 'draft', 'edit', { sessionState: 'open', items: [] }, true],
    ['a draft is edited after the meeting', 'draft', 'edit', ready, true],
    ['signed off: no edit, whatever the meeting', 'signedOff', 'edit', ready, false, 409, '纪要已签发，不能再修改'],
    ['signed off: no edit, even of an empty agenda', 'signedOff', 'edit', { sessionState: 'closed', items: [] }, false, 409, '纪要已签发'],
    ['signed off twice: refused', 'signedOff', 'signOff', ready, false, 409, '纪要已签发'],
    ['sign-off of a complete draft after the meeting closed', 'draft', 'signOff', ready, true],
    ['sign-off during the meeting: not yet', 'draft', 'signOff', { ...ready, sessionState: 'open' }, false, 422, '会议闭会后才能签发纪要'],
    ['sign-off before the meeting: not yet', 'draft', 'signOff', { ...ready, sessionState: 'planned' }, false, 422, '会议闭会后'],
    ['sign-off with no agenda', 'draft', 'signOff', { sessionState: 'closed', items: [] }, false, 422, '议程为空'],
    ['sign-off with an item lacking its decision names the item', 'draft', 'signOff',
      { sessionState: 'closed', items: [item('票选项目', '通过'), item('听取报告', '')] }, false, 422, '第 2 项“听取报告”还没有填写会议决定'],
    ['a decision of blanks is no decision', 'draft', 'signOff', { sessionState: 'closed', items: [item('议决民意事项', '  \n ')] }, false, 422, '第 1 项'],
  ])('%s', (_name, state, action, ctx, ok, status, text) => {
    const r = checkMinutes(state, action, ctx);
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.status).toBe(status);
      expect(r.error).toContain(text);
    }
  });

  it.each<[Date | null | undefined, MinutesState]>([[null, 'draft'], [undefined, 'draft'], [new Date('2026-07-10T08:00:00Z'), 'signedOff']])(
    'signed off at %s → %s', (at, state) => expect(minutesState(at)).toBe(state));

  it.each([
    ['projectSelection', '票选2026年度民生实事项目'],
    ['reportHearing', '听取街道办事处关于2026年度民生实事项目实施情况的报告'],
    ['opinionItems', '议决议事代表提出的民意事项'],
  ] as const)('a blank %s item is titled “%s”', (kind, title) => expect(defaultItemTitle(kind, 2026)).toBe(title));
});
