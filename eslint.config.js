// ESLint flat config. The rule that matters most: src/core stays pure (no DOM, React, UI libs),
// so the same engine runs in the worker, in Node tests, in the CLI and in benchmarks.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiModules = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'katex', 'katex/*', 'plotly.js*'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // The workers speak core types only: the playground's form (src/state) and views (src/ui)
    // stay on the main thread, so the CLI, the lab and tests can drive the same engine.
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/state/**', '**/state', '**/ui/**', '**/ui'], message: 'src/worker speaks core types only: no imports from src/state or src/ui (adapt settings in src/state/spec.ts).' },
          { group: uiModules, message: 'src/worker runs no UI code.' }],
      }],
    },
  },
  {
    // Browser tests take `test` from e2e/helpers.ts: its fixture fails a test whose page sent a
    // request off the preview server's origin.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: '@playwright/test', allowTypeImports: true, message: "Import test and expect from './helpers' (its fixture checks that no request leaves the page's origin)." }],
      }],
    },
  },
  {
    // The pure engine: no DOM globals, no UI modules.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021, performance: 'readonly' } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: uiModules, message: 'src/core is the pure engine: no React, zustand, KaTeX or Plotly. Put UI code in src/ui.' },
          { group: ['**/ui/**', '**/state/**', '**/worker/**'], message: 'src/core must not import from the UI, state or worker layers.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'location', 'HTMLElement', 'self'],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
);
