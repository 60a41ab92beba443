/**
 * How long the next sign-in attempt must wait after `failures` failed ones in a row: nothing for the
 * first `free` (typos happen), then 1 s, 2 s, 4 s… up to `maxSeconds`. A right password still gets
 * in once the wait is over, so an attacker cannot lock the owner out, only slow everyone down.
 */
export function signInDelaySeconds(failures: number, free: number, maxSeconds: number): number {
  if (failures < free) return 0;
  return Math.min(2 ** Math.min(failures - free, 30), maxSeconds);
}
