import { inboundMovesSla } from './follow-up.processor';

describe('inboundMovesSla', () => {
  it('moves the clocks when the message opened or resumed the conversation, or routing assigned it', () => {
    expect(inboundMovesSla({ opened: true, resumed: false }, false)).toBe(true);
    expect(inboundMovesSla({ opened: false, resumed: true }, false)).toBe(true);
    expect(inboundMovesSla({ opened: false, resumed: false }, true)).toBe(true);
  });

  it('treats a job queued without the resumed flag as possibly resuming', () => {
    expect(inboundMovesSla({ opened: false }, false)).toBe(true);
  });

  it('leaves the decision to the conversation state for a follow-up message in an open conversation', () => {
    expect(inboundMovesSla({ opened: false, resumed: false }, false)).toBe(false);
  });
});
