import { DEFAULT_WEBCHAT_LIMITS, webchatLimitsOf, webchatLimitsProblem } from './webchat-limits';

describe('web chat abuse limits', () => {
  it('applies the defaults where an inbox sets nothing, and its own values where it does', () => {
    expect(webchatLimitsOf({})).toEqual(DEFAULT_WEBCHAT_LIMITS);
    expect(webchatLimitsOf({ limits: { messagesPerMinute: 10 } })).toEqual({ ...DEFAULT_WEBCHAT_LIMITS, messagesPerMinute: 10 });
  });

  it('says what is wrong with limits that cannot be applied', () => {
    expect(webchatLimitsProblem({})).toBeNull();
    expect(webchatLimitsProblem({ limits: null })).toBeNull();
    expect(webchatLimitsProblem({ limits: { connectionsPerMinute: 5, messagesPerMinute: 30 } })).toBeNull();
    expect(webchatLimitsProblem({ limits: 'много' })).toBe('limits must be an object: {"connectionsPerMinute", "messagesPerMinute"}');
    expect(webchatLimitsProblem({ limits: { messagesPerMinute: 0 } })).toBe('limits.messagesPerMinute must be a whole number from 1 to 1000000');
    expect(webchatLimitsProblem({ limits: { connectionsPerMinute: 1.5 } })).toBe('limits.connectionsPerMinute must be a whole number from 1 to 1000000');
    expect(webchatLimitsProblem({ limits: { connectionsPerMinute: '10' } })).toBe('limits.connectionsPerMinute must be a whole number from 1 to 1000000');
    expect(webchatLimitsProblem({ limits: { сообщенийВМинуту: 10 } })).toBe('limits.сообщенийВМинуту is not a known limit (connectionsPerMinute, messagesPerMinute)');
    // A stored config that is somehow wrong still gets limits: the defaults.
    expect(webchatLimitsOf({ limits: { messagesPerMinute: -1 } })).toEqual(DEFAULT_WEBCHAT_LIMITS);
  });
});
