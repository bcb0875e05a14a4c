// Lint: the recommended JavaScript and TypeScript rules (without type information, so it stays fast;
// `tsc --noEmit` already checks types strictly) and the boundaries of shared/README.md:
//
// - functions/, cli/, local/, bench/ and scripts/ import a shared module through its index.ts only;
// - inside shared/, one module imports another through its index.ts too;
// - arrows point down (shared/README.md): nothing in shared/ imports functions/, local/, cli/ (or
//   bench/, scripts/, test/); functions/ never imports local/, cli/ or another function's folder.
//
// Deliberate sub-entry points (the only `shared/<module>/<file>` imports allowed across modules):
// - shared/policy/runtime: the run-time face of the policy module. shared/policy/index.ts also holds
//   the compiler, which pulls yaml and zod; functions/ and shared/ import ./runtime instead, so that
//   neither library reaches a function bundle (test/integration/build/bundles.test.ts checks it).
// - shared/oss/names and shared/xml/location, for shared/policy only: the policy module takes the
//   OSS naming rules and the region spelling from the files that own them, not through the oss and xml
//   indexes, so that it stays free of the OSS client and the XML parser: shared/policy/runtime bundles
//   alone to 7 KB instead of 87 KB with fast-xml-parser, and the compile script loads no client
//   (test/unit/policy/runtimeBundle.test.ts checks it).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const DELIBERATE_ENTRIES = ['policy/runtime'];
const POLICY_DEEP_IMPORTS = ['oss/names', 'xml/location'];

const INDEX_ONLY = 'import a shared module through its index.ts (shared/README.md: boundaries)';
const POLICY_RUNTIME = 'functions/ and shared/ import shared/policy/runtime: shared/policy/index.ts pulls yaml and zod into the bundles';
const OWN_FOLDER = 'a function does not import another function: move what both need to shared/';
const ARROWS_DOWN = 'arrows point down (shared/README.md): this folder must not import that one';

/** A file outside shared/: any `…/shared/<module>/<file>` is a deep import. */
const outsideShared = [{ regex: `(^|/)shared/(?!(${DELIBERATE_ENTRIES.join('|')})$)[^/]+/.`, message: INDEX_ONLY }];

/**
 * A file `depth` folders below shared/ (shared/alerts/x.ts is 1, shared/alerts/channels/x.ts is 2):
 * climbing `depth` levels reaches shared/, so `../<module>/<file>` (at depth 1) leaves the module.
 */
function insideShared(depth, entries = DELIBERATE_ENTRIES) {
  const up = '\\.\\./'.repeat(depth);
  const allowed = entries.join('|');
  return [
    { regex: `^${up}(?!(${allowed})$)[^./][^/]*/.`, message: INDEX_ONLY },
    { regex: `^${up}policy$`, message: POLICY_RUNTIME },
    { regex: `^${up}\\.\\./(functions|local|cli|bench|scripts|test)(/|$)`, message: ARROWS_DOWN },
  ];
}

/** A file in functions/: index-only imports of shared/, the run-time policy entry, nothing from the tools. */
const inFunctions = [
  ...outsideShared,
  { regex: '(^|/)shared/policy$', message: POLICY_RUNTIME },
  { regex: '(^|/)(local|cli|bench|scripts|test)(/|$)', message: ARROWS_DOWN },
];

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'build/', 'coverage/', '.emulator-data/', 'bench/.out/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `const { secret: _secret, ...safe } = x` drops fields on purpose
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // a handler declared before the value it closes over is assigned (the local stack's routing) stays a let
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // the few plain JavaScript files (build and install scripts, jest's config) run in Node
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', module: 'writable', require: 'readonly' } },
  },
  {
    // bin/ is the CommonJS launcher of the CLI: it runs before any TypeScript tooling is loaded
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['cli/**', 'local/**', 'bench/**', 'scripts/**'], rules: restrict(outsideShared) },
  // from functions/<name>/, `../<other>/` is another function: each folder holds only what its own function needs
  { files: ['functions/*/*.ts'], rules: restrict([...inFunctions, { regex: '^\\.\\./(?!\\.\\./)', message: OWN_FOLDER }]) },
  { files: ['functions/*/*/**'], rules: restrict(inFunctions) },
  // shared/<module>/x.ts, shared/<module>/<folder>/x.ts, … (the deepest today is 2)
  [1, 2, 3, 4].map((depth) => ({ files: [`shared/${'*/'.repeat(depth)}*.ts`], rules: restrict(insideShared(depth)) })),
  { files: ['shared/policy/*.ts'], rules: restrict(insideShared(1, [...DELIBERATE_ENTRIES, ...POLICY_DEEP_IMPORTS])) },
);
