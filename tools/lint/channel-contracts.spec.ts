import * as core from '@parley/channels-core';
import * as contracts from '@parley/contracts';

// Adapters may take only types from contracts (see boundary-rules.cjs), so channels/core spells the
// widget events the web chat adapter pushes; the widget and the console listen by contracts' names.
describe('channels/core and contracts vocabulary', () => {
  it('names the widget events the web chat adapter pushes as the widget listens for them', () => {
    for (const [key, name] of Object.entries(core.WIDGET_PUSH_EVENTS)) {
      expect([key, name]).toEqual([key, contracts.WIDGET_EVENTS[key as keyof typeof contracts.WIDGET_EVENTS]]);
    }
    expect(Object.keys(core.WIDGET_PUSH_EVENTS).sort()).toEqual(['messageNew', 'survey']);
  });
});
