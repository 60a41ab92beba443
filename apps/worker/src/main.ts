// Before any decorated class loads: Nest reads the constructor metadata it records.
import 'reflect-metadata';
import { startWorker } from '@parley/jobs';
import { servingHeap } from '@parley/runtime';

servingHeap();

startWorker().catch((err) => {
  console.error(err);
  process.exit(1);
});
