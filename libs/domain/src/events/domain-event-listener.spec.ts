import { DispatchFacts, dispatchFact, DomainEventListeners, dependentsOf, orderListeners, type DomainEventListener } from './domain-event-listener';

const listener = (name: string, after?: string[]): DomainEventListener => ({ name, after, listensTo: ['message.received'], handle: async () => undefined });
const names = (ls: DomainEventListener[]) => ls.map((l) => l.name);

describe('the order listeners run in', () => {
  it('puts a listener after the ones it reads, and keeps registration order otherwise', () => {
    const ordered = orderListeners([listener('sla', ['routing']), listener('surveys'), listener('routing', ['sentiment']), listener('sentiment')]);
    expect(names(ordered)).toEqual(['sentiment', 'routing', 'sla', 'surveys']);
  });

  it('ignores a name no listener registers (a process without that capability)', () => {
    expect(names(orderListeners([listener('xla', ['sentiment', 'routing']), listener('routing')]))).toEqual(['routing', 'xla']);
  });

  it('refuses listeners that wait for each other', () => {
    expect(() => orderListeners([listener('a', ['b']), listener('b', ['a'])])).toThrow('a → b → a');
  });

  it('names everything that waits for a failed listener, directly or through another', () => {
    const ordered = orderListeners([listener('sentiment'), listener('routing', ['sentiment']), listener('sla', ['routing']), listener('surveys')]);
    expect(dependentsOf(ordered, 'sentiment')).toEqual(['routing', 'sla']);
    expect(dependentsOf(ordered, 'surveys')).toEqual([]);
  });
});

describe('DomainEventListeners', () => {
  it('orders what was registered, again after a late registration', () => {
    const registry = new DomainEventListeners();
    registry.register(listener('sla', ['routing']));
    expect(names(registry.ordered())).toEqual(['sla']);
    registry.register(listener('routing'));
    expect(names(registry.ordered())).toEqual(['routing', 'sla']);
  });

  it('refuses a second listener of the same name', () => {
    const registry = new DomainEventListeners();
    registry.register(listener('sla'));
    expect(() => registry.register(listener('sla'))).toThrow('registered twice');
  });
});

describe('DispatchFacts', () => {
  it('hands a value to later listeners and says when there is none', () => {
    const facts = new DispatchFacts();
    const count = dispatchFact<number>('count');
    expect(facts.get(count)).toBeUndefined();
    facts.set(count, 3);
    expect(facts.get(count)).toBe(3);
  });
});
