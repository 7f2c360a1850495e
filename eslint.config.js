import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'var/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Government pages run a strict CSP with Trusted Types: never build HTML from strings.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Use Lit templates; innerHTML breaks Trusted Types.' },
        { property: 'outerHTML', message: 'Use Lit templates; outerHTML breaks Trusted Types.' },
        { property: 'insertAdjacentHTML', message: 'Use Lit templates.' },
      ],
      'no-restricted-imports': ['error', { paths: [
        { name: 'lit/directives/unsafe-html.js', message: 'No unsafeHTML: render text, not markup.' },
        { name: 'lit/directives/unsafe-svg.js', message: 'No unsafeSVG: render text, not markup.' },
      ] }],
    },
  },
  {
    // The engine is pure: no DOM, no I/O, no Node built-ins.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'http', 'lit', 'lit/*', '../data/*', '../components/*', '../../server/*'], message: 'The engine is pure: no I/O, no DOM, no upper layers.' },
      ] }],
    },
  },
);
