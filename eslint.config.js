import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      'test-results',
      'test-results-*',
      'playwright-report',
      'gpu-kit/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The main thread must never pull in TensorFlow.js: all tfjs compute runs in the worker.
    files: ['src/ui/**', 'src/state/**', 'src/main.tsx', 'src/runtime/client.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/*'],
              message: 'tfjs belongs in the compute worker.',
              allowTypeImports: true,
            },
            {
              group: ['plotly.js*'],
              message: 'Load Plotly lazily through ui/views/PlotlyChart.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['*.config.ts', 'e2e/**', 'bench/**', 'src/cli/**', '*.js'],
    languageOptions: { globals: globals.node },
  },
);
