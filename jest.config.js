// One Jest run for the whole monorepo: unit specs beside the code, integration tests that boot the
// real api (apps/api/test), and browser tests in Chromium (apps/console/e2e).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const moduleNameMapper = {
  '^@parley/contracts$': '<rootDir>/libs/contracts/src/index.ts',
  '^@parley/domain$': '<rootDir>/libs/domain/src/index.ts',
  '^@parley/persistence$': '<rootDir>/libs/persistence/src/index.ts',
  '^@parley/queue$': '<rootDir>/libs/queue/src/index.ts',
  '^@parley/channels-core$': '<rootDir>/libs/channels/core/src/index.ts',
  '^@parley/channels-webchat$': '<rootDir>/libs/channels/webchat/src/index.ts',
  '^@parley/channels-twilio$': '<rootDir>/libs/channels/twilio/src/index.ts',
  '^@parley/channels-telegram$': '<rootDir>/libs/channels/telegram/src/index.ts',
  '^@parley/channels-viber$': '<rootDir>/libs/channels/viber/src/index.ts',
  '^@parley/channels-vk$': '<rootDir>/libs/channels/vk/src/index.ts',
  '^@parley/channels-email$': '<rootDir>/libs/channels/email/src/index.ts',
  '^@parley/channels-meta$': '<rootDir>/libs/channels/meta/src/index.ts',
  '^@parley/conversations$': '<rootDir>/libs/conversations/src/index.ts',
  '^@parley/customers$': '<rootDir>/libs/customers/src/index.ts',
  '^@parley/runtime$': '<rootDir>/libs/runtime/src/index.ts',
  '^@parley/routing$': '<rootDir>/libs/routing/src/index.ts',
  '^@parley/sla$': '<rootDir>/libs/sla/src/index.ts',
  '^@parley/sentiment$': '<rootDir>/libs/sentiment/src/index.ts',
  '^@parley/notifications$': '<rootDir>/libs/notifications/src/index.ts',
  '^@parley/surveys$': '<rootDir>/libs/surveys/src/index.ts',
  '^@parley/jobs$': '<rootDir>/libs/jobs/src/index.ts',
  '^@parley/labels$': '<rootDir>/libs/labels/src/index.ts',
  '^@parley/canned-responses$': '<rootDir>/libs/canned-responses/src/index.ts',
  '^@parley/views$': '<rootDir>/libs/views/src/index.ts',
  '^@parley/search$': '<rootDir>/libs/search/src/index.ts',
  '^@parley/macros$': '<rootDir>/libs/macros/src/index.ts',
};

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // vk-io's one import() (node-fetch 3, ESM only) cannot run in Jest's CommonJS runtime: see the transform.
  transform: { '/node_modules/vk-io/.+\\.js$': '<rootDir>/tools/scripts/jest-vk-io-transform.js', '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!vk-io/)'],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

module.exports = {
  testTimeout: 120000,
  // A handle left open by a failed test (a child's pipe, a timer) must not keep the run, and CI, waiting.
  forceExit: true,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/apps/*/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/apps/api/test/global-setup.js',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/*/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/apps/console/e2e/global-setup.js',
    },
  ],
};
