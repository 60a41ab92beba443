#!/usr/bin/env node
// `npm run lint`: the module-boundary rules (tools/lint/boundary-rules.cjs) over apps, libs and
// tools, minus the shrinking allow-list (tools/lint/allow-list.cjs).
// Usage: node tools/lint/check-boundaries.mjs [--root <workspace>]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const require = createRequire(import.meta.url);
const { configFor } = require('./boundary-rules.cjs');

const rootArg = process.argv.indexOf('--root');
const root = path.resolve(rootArg > 0 ? process.argv[rootArg + 1] : path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));
process.chdir(root);

const config = configFor(root);
const allowFile = path.join(root, 'tools/lint/allow-list.cjs');
const allowList = fs.existsSync(allowFile) ? require(allowFile) : [];
const roots = ['apps', 'libs', 'tools'].filter((d) => fs.existsSync(d));

const { output } = await cruise(
  roots,
  { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, outputType: 'json' },
  {},
  { tsConfig: extractTSConfig(config.options.tsConfig.fileName) },
);
const result = typeof output === 'string' ? JSON.parse(output) : output;

const specifierOf = (from, to) =>
  result.modules.find((m) => m.source === from)?.dependencies.find((d) => d.resolved === to)?.module ?? to;
const comments = new Map(config.forbidden.map((r) => [r.name, r.comment]));

const problems = [];
const used = new Set();
for (const v of result.summary.violations) {
  const specifier = specifierOf(v.from, v.to);
  const allowed = allowList.findIndex((a) => a.from === v.from && a.import === specifier);
  if (allowed >= 0) {
    used.add(allowed);
    continue;
  }
  problems.push(`${v.from}: import "${specifier}" (${v.to})\n    ${v.rule.name}: ${comments.get(v.rule.name)}`);
}
allowList.forEach((a, i) => {
  if (!used.has(i)) problems.push(`tools/lint/allow-list.cjs: "${a.import}" in ${a.from} is no longer a violation; remove the entry`);
});

// A folder without a project.json has no tags, so no rule would ever look at it.
const owned = (file) => config.projects.some((p) => file.startsWith(`${p.root}/`));
for (const m of result.modules) {
  if (/^(apps|libs)\//.test(m.source) && !owned(m.source)) {
    problems.push(`${m.source}: not inside any project; add a project.json with tags to its folder`);
  }
}

if (problems.length) {
  console.error(`Module boundaries: ${problems.length} problem(s)\n\n${problems.join('\n\n')}\n`);
  process.exit(1);
}
console.log(`Module boundaries: ${result.summary.totalCruised} files, ${config.projects.length} projects, no new violations (${allowList.length} allow-listed).`);
