// Module-boundary rules for dependency-cruiser, derived from the Nx tags in each project.json so the
// tags stay the one place that says what a project is (the house style describes the layers).
const fs = require('node:fs');
const path = require('node:path');

// For every set of tags a project carries, the tags a project it imports must have (one of them),
// as in @nx/enforce-module-boundaries' onlyDependOnLibsWithTags; `typesFrom`: tags it may import
// with `import type` only. A project must satisfy every constraint whose tags it carries.
const CONSTRAINTS = [
  { sourceTags: ['type:app'], onlyDependOn: ['type:feature', 'type:ports', 'type:data', 'type:domain', 'type:contracts'] },
  // The browser bundles: whatever they import ships to the agent's or the visitor's browser.
  { sourceTags: ['scope:frontend'], onlyDependOn: ['type:contracts'] },
  // Capability libs talk to each other through ports; they never reach up into an app.
  { sourceTags: ['type:feature'], onlyDependOn: ['type:feature', 'type:ports', 'type:data', 'type:domain', 'type:contracts'] },
  // Entities type their columns with the wire unions (statuses, channels) the api serves as-is.
  { sourceTags: ['type:data'], onlyDependOn: ['type:data', 'type:domain', 'type:contracts'] },
  // Domain rules are pure and wire-format free: the contracts change for the console's sake, and
  // such a change must not silently move a server rule (tools/lint/domain-contracts.spec.ts keeps
  // the shared vocabulary equal instead).
  { sourceTags: ['type:domain'], onlyDependOn: [] },
  { sourceTags: ['type:contracts'], onlyDependOn: [] },
  // An adapter knows channels/core (the ports it needs), the pure domain rules (the innermost layer,
  // which everything may use: signed tokens, phone rules) and its SDK, never another adapter, a
  // capability lib, persistence or the console. The ports are typed in the api's wire vocabulary
  // (Channel, DeliveryStatus, AttachmentDto), which the api passes on unchanged: types from
  // contracts are erased at build and add no code, so they are allowed; values are not.
  { sourceTags: ['scope:channel'], onlyDependOn: ['scope:channel', 'type:domain'], typesFrom: ['type:contracts'] },
  { sourceTags: ['scope:channel', 'type:feature'], onlyDependOn: ['type:ports', 'type:domain'], typesFrom: ['type:contracts'] },
  // channels/core: the ChannelAdapter port and the ports an adapter may need, nothing behind them.
  { sourceTags: ['type:ports'], onlyDependOn: ['type:domain'], typesFrom: ['type:contracts'] },
];

// Integration and browser tests boot the whole system on purpose; they are not shipped code.
const TEST_HARNESS = '^apps/[^/]+/(test|e2e)/';

function findProjects(root) {
  const projects = [];
  for (const top of ['apps', 'libs']) {
    const walk = (dir, depth) => {
      const file = path.join(root, dir, 'project.json');
      if (fs.existsSync(file)) {
        const json = JSON.parse(fs.readFileSync(file, 'utf8'));
        projects.push({ name: json.name, root: dir, sourceRoot: json.sourceRoot ?? `${dir}/src`, tags: json.tags ?? [] });
        return;
      }
      if (depth === 0) return;
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== 'node_modules') walk(`${dir}/${entry.name}`, depth - 1);
      }
    };
    if (fs.existsSync(path.join(root, top))) walk(top, 2);
  }
  return projects;
}

const hasAny = (project, tags = []) => tags.some((t) => project.tags.includes(t));
const applying = (source) => CONSTRAINTS.filter((c) => c.sourceTags.every((t) => source.tags.includes(t)));
const mayDependOn = (source, target) => applying(source).every((c) => hasAny(target, c.onlyDependOn));
const mayUseTypesOf = (source, target) =>
  applying(source).every((c) => hasAny(target, c.onlyDependOn) || hasAny(target, c.typesFrom));

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function forbiddenRules(projects) {
  const rules = [];
  for (const p of projects) {
    const allowed = projects.filter((q) => q !== p && mayDependOn(p, q));
    const typesOnly = projects.filter((q) => q !== p && !allowed.includes(q) && mayUseTypesOf(p, q));
    const tags = p.tags.join(', ') || 'no tags';
    const may = allowed.map((q) => q.name).join(', ') || 'its own files';
    const types = typesOnly.length ? `, types (import type) from ${typesOnly.map((q) => q.name).join(', ')},` : '';
    const comment = `${p.name} (${tags}) may import only ${may}${types} and npm packages`;
    const from = { path: `^${escape(p.root)}/`, pathNot: TEST_HARNESS };
    rules.push({
      name: `boundaries/${p.name}`,
      severity: 'error',
      comment,
      from,
      to: { path: '^(apps|libs|tools)/', pathNot: [p, ...allowed, ...typesOnly].map((q) => `^${escape(q.root)}/`) },
    });
    if (typesOnly.length) {
      rules.push({
        name: `boundaries/${p.name}/types-only`,
        severity: 'error',
        comment,
        from,
        to: { path: typesOnly.map((q) => `^${escape(q.root)}/`), dependencyTypesNot: ['type-only'] },
      });
    }
    // A relative path into another project ("../../worker/src/main") skips its public surface.
    const entries = projects.filter((q) => q !== p).map((q) => `^${escape(q.sourceRoot)}/index\\.tsx?$`);
    rules.push({
      name: `entry-point/${p.name}`,
      severity: 'error',
      comment: 'import another project through its @parley/* name (its src/index.ts), never by a path into its folder',
      from: { path: `^${escape(p.root)}/`, pathNot: TEST_HARNESS },
      to: { path: '^(apps|libs)/', pathNot: [`^${escape(p.root)}/`, ...entries] },
    });
  }
  return rules;
}

function configFor(root) {
  const projects = findProjects(root);
  return {
    projects,
    forbidden: forbiddenRules(projects),
    options: {
      doNotFollow: { path: 'node_modules' },
      exclude: { path: '(^|/)(node_modules|dist)/' },
      // Type-only imports count: `import type` from another layer is still a dependency on it.
      tsPreCompilationDeps: true,
      tsConfig: { fileName: path.join(root, 'tsconfig.base.json') },
      enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    },
  };
}

module.exports = { configFor, findProjects, CONSTRAINTS };
