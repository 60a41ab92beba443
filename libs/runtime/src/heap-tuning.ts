import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring for a serving process (api or worker), before it
 * serves anything.
 *
 * V8 allocates objects from an allocation site straight into the old generation once most of them
 * have survived a young-generation collection. node-postgres's result array (`Result.rows = []`)
 * is alive whenever a collection falls during a query, so V8 pretenures it. Every row, string
 * and Date the array then holds is referenced from the old generation and survives each scavenge
 * until the next full collection, long after its request ended. Measured on a page of 50 timeline
 * events: 8–11 % of all the api allocated was promoted and each scavenge took 2.5–4 ms; without
 * pretenuring, nothing was promoted and scavenges took about 1 ms (BENCHMARKS.md, timeline paging).
 * A request/response server's objects die young, which is the case pretenuring does not serve.
 *
 * The flag is one V8 reads at each collection, so setting it at start-up takes effect (NODE_OPTIONS
 * does not accept it).
 */
export function servingHeap(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
