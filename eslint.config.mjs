// Lint rules that hold the line: strict TypeScript and Nx module boundaries by tag.
// Tags (see each project.json):
//   type:service    a deployable NestJS app; never imported by anything
//   type:domain     pure logic shared by services and tools (no I/O)
//   type:platform   our wrappers around third-party I/O and runtime concerns
//   type:contracts  schemas, topic catalog, header names, error codes: the only thing services share
//   type:testing    test harness; only spec files and tools may import it
//   type:tooling    developer tooling (local stack, CLIs)
//   type:e2e        end-to-end suites that run the built services as processes
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const productionConstraints = [
  {
    sourceTag: 'type:service',
    onlyDependOnLibsWithTags: ['type:domain', 'type:platform', 'type:contracts'],
  },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  {
    sourceTag: 'type:tooling',
    onlyDependOnLibsWithTags: ['type:tooling', 'type:domain', 'type:platform', 'type:contracts'],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:tooling', 'type:platform', 'type:contracts', 'type:domain'],
  },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: [
      'type:testing',
      'type:tooling',
      'type:platform',
      'type:contracts',
      'type:domain',
    ],
  },
];

// Spec files may additionally use the testing library (never production code).
const testConstraints = productionConstraints.map((c) =>
  c.sourceTag === 'type:contracts' || c.sourceTag === 'type:testing'
    ? c
    : { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] },
);

const boundaries = (depConstraints) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints,
    banTransitiveDependencies: false,
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.nx/**',
      '.stack/**',
      'coverage/**',
      '**/*.js',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': boundaries(productionConstraints),
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(testConstraints) },
  },
  {
    // Command-line entry points print to the terminal by design.
    files: ['**/cli.ts', '**/*.cli.ts', 'tools/**/*.ts', '**/scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
