import { readFileSync } from 'node:fs';

/** The usage text: the lines of a CLI file's header comment that start with ` *   `. */
export function usageOf(fileName: string): string {
  return readFileSync(fileName, 'utf8').split('\n').filter((l) => l.startsWith(' *   ')).map((l) => l.slice(5)).join('\n');
}

/** `--name value` pairs into flags (`switches` take no value and read '1'), everything else into args. */
export function parseArgs(argv: string[], switches: string[] = []): { flags: Record<string, string>; args: string[] } {
  const flags: Record<string, string> = {};
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (switches.includes(argv[i].slice(2)) && argv[i].startsWith('--')) flags[argv[i].slice(2)] = '1';
    else if (argv[i].startsWith('--')) flags[argv[i].slice(2)] = argv[++i] ?? '';
    else args.push(argv[i]);
  }
  return { flags, args };
}

/** Calls an emulator's `/_emulator/` control API: GET without a body, POST JSON with one; throws on an error status. */
export function controlClient(base: string): (path: string, body?: unknown) => Promise<any> {
  const root = base.replace(/\/$/, '');
  return async (path, body) => {
    const res = await fetch(`${root}/_emulator/${path}`, body === undefined ? undefined : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const data: any = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`${res.status}: ${data.error ?? res.statusText}`);
    return data;
  };
}

/** Runs a CLI's main: prints the error's message and exits 1 when it fails. */
export function runCli(main: (argv: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err?.message ?? err);
    process.exit(1);
  });
}

/** Prints a problem on stderr; returns the exit code 1 for a main that resolves with its code. */
export function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

/** Runs a CLI's main that resolves with its exit code; a thrown error prints its message and exits 1. */
export function runCliWithCode(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${err?.message ?? err}\n`);
      process.exit(1);
    },
  );
}
