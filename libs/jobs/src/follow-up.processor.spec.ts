import 'reflect-metadata';
import { SlaScheduler, SlaWorkerModule } from '@parley/sla';
import { FollowUpProcessor, inboundMovesSla } from './follow-up.processor';
import { WorkerModule } from './worker.module';

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

describe('where the follow-up jobs run', () => {
  it('is the worker app, which composes routing, SLA and XLA; the SLA capability only brings its scheduler', () => {
    expect(Reflect.getMetadata('providers', WorkerModule)).toContain(FollowUpProcessor);
    expect(Reflect.getMetadata('providers', SlaWorkerModule)).toEqual([SlaScheduler]);
  });
});
