// Before any decorated class loads: Nest reads the constructor metadata it records.
import 'reflect-metadata';
import { startWorker } from '@parley/jobs';

startWorker().catch((err) => {
  console.error(err);
  process.exit(1);
});
