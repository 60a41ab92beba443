jest.mock('node:v8', () => ({ setFlagsFromString: jest.fn() }));
import { setFlagsFromString } from 'node:v8';
import { servingHeap } from './heap-tuning';

describe('servingHeap', () => {
  it('turns off allocation-site pretenuring, and nothing else', () => {
    servingHeap();
    expect(setFlagsFromString).toHaveBeenCalledTimes(1);
    expect(setFlagsFromString).toHaveBeenCalledWith('--no-allocation-site-pretenuring');
  });
});
