// The import boundaries here are the table in the README's "Architecture": data flows one way,
// top to bottom, and workflow code stays deterministic because nothing non-deterministic can reach it.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Forbids value imports of the given module patterns (type-only imports stay allowed). */
function boundary(files, patterns, message) {
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: patterns, message, allowTypeImports: true }] },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: ['lib/', '.bench-build/', '.tools/', '.data/', 'coverage/', 'node_modules/', 'reports/', '.stryker-tmp/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Production never loads the dev stack: only the `dev`, `emulator` (and `worker` with
    // PROVISIONER_CLOUD=emulator) commands load it, when they run (src/cli/serve-commands.ts's devOnly). The
    // boundaries below replace this rule for their folders, so each of them forbids the dev stack too.
    ...boundary(
      ['src/**/*.ts'],
      ['**/local', '**/local/**', '**/emulator', '**/emulator/**'],
      'Only src/local and src/emulator import the dev stack; a command that needs it loads it when it runs.',
    ),
    ignores: ['src/local/**', 'src/emulator/**'],
  },
  {
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code is sandboxed: no Node built-ins.' })) },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/alicloud/*', '**/emulator', '**/emulator/**', '**/local/**', '**/config'],
              message: 'Workflows must not import the cloud boundary, the emulator or process configuration.',
            },
            {
              group: ['**/actions'],
              message: 'The action table holds the request schemas (zod): workflows read it by type only.',
              allowTypeImports: true,
            },
            {
              group: ['**/activities', '**/activities/**'],
              message: 'Workflows depend on activities by type only: use `import type`.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  boundary(
    ['src/activities/**/*.ts'],
    ['**/workflows', '**/workflows/**', '**/emulator', '**/emulator/**', '**/local', '**/local/**'],
    'Activities must not import workflows or the dev stack.',
  ),
  boundary(
    ['src/alicloud/**/*.ts'],
    [
      '@temporalio/*',
      '**/emulator',
      '**/emulator/**',
      '**/local',
      '**/local/**',
      '**/workflows/**',
      '**/activities/**',
    ],
    'The cloud boundary knows nothing of Temporal or the dev stack.',
  ),
  boundary(
    ['src/schemas/**/*.ts'],
    ['@temporalio/*', '@alicloud/*', '../*', '!./*', '!../policy'],
    'Schemas import zod, each other and the plain policies only.',
  ),
  boundary(
    ['src/emulator/**/*.ts'],
    ['@temporalio/*', '@alicloud/*', '**/workflows/**', '**/activities/**', '**/alicloud/**'],
    'The emulator is the other side of the wire.',
  ),
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
);
