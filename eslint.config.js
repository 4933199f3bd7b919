import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layers: the pure core (capture schema, verbalise, dataset, tokenise, evaluate, experiment)
// imports no DOM framework and no tfjs; only model/, train/, ui/ and workers/ may.
const pureCore = [
  'src/capture/**',
  'src/verbalise/**',
  'src/dataset/**',
  'src/tokenise/**',
  'src/evaluate/**',
  'src/experiment/**',
  // RL's maths: rewards and group advantages (its tfjs step, src/rl/grpo.ts, is a stage)
  'src/rl/reward.ts',
  'src/rl/advantage.ts',
  // candidate ranking and repair, pure where pure (the model-driven src/rank/simulate.ts is a stage, below)
  'src/rank/**',
  'src/repair/**',
];

// Imports run one way: panels (src/ui) -> workers -> stages (src/<stage>/) -> pure core. Workers and stages never
// import the UI; lint fails if one does (scripts/lint-layers.test.ts proves the rule bites).
const belowUi = ['workers/**', 'src/model/**', 'src/train/**', 'src/simulate/**', 'src/rl/**', 'src/rank/**', 'src/capture/**/node/**'];
// Stage modules inside a pure-core folder: they drive the model (tfjs), so the pure-core rule skips them.
const stagesInPureFolders = ['src/rank/simulate.ts'];
const noUi = { group: ['**/ui/**', '**/src/ui/*'], message: 'Workers and stages never import the UI (src/ui): move the shared code down into a stage.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'runs/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: belowUi,
    ignores: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noUi] }] },
  },
  {
    // A worker is told what to do in its own terms (e.g. src/train/run-config.ts), not in the URL state's.
    files: ['workers/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [noUi, { group: ['**/experiment/**'], message: 'Workers never import the experiment state (src/experiment): the page converts it into the worker\'s own config.' }] },
      ],
    },
  },
  {
    files: pureCore,
    ignores: ['src/**/node/**', 'src/**/*.test.ts', ...stagesInPureFolders],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'The pure core must not import React.' },
            { group: ['@tensorflow/*'], message: 'The pure core must not import tfjs.' },
            { group: ['monaco-editor', 'monaco-editor/*'], message: 'The pure core must not import Monaco.' },
            { group: ['**/ui/**', '**/model/**', '**/train/**'], message: 'Lower layers never import upper ones.' },
            { group: ['node:*', 'fs', 'path', 'child_process'], message: 'Node built-ins belong in */node/ or scripts/.' },
          ],
        },
      ],
    },
  },
);
