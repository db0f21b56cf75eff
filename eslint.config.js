// Lint runs as part of `make test`. Type-aware rules stay off to keep it fast; `tsc` covers types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', console: 'readonly', process: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly',
        fetch: 'readonly', localStorage: 'readonly', navigator: 'readonly', crypto: 'readonly', Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Remote content is rendered as text or built with DOM APIs; never assigned as HTML.
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Build DOM nodes or render text; never assign HTML.' },
        { property: 'outerHTML', message: 'Build DOM nodes or render text; never assign HTML.' },
        { property: 'insertAdjacentHTML', message: 'Build DOM nodes or render text; never assign HTML.' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'lit/directives/unsafe-html.js', message: 'No HTML from strings.' }] }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
);
