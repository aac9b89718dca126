import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import lit from 'eslint-plugin-lit';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'storybook-static/**',
      'node_modules/**',
      'coverage/**',
      'test/reference/*.json',
      'custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node, ...globals.worker },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `interface X extends Pick<Api, ...> {}` gives a class its generated methods' types.
      '@typescript-eslint/no-empty-object-type': [
        'error',
        { allowInterfaces: 'with-single-extends' },
      ],
    },
  },
  {
    // One import style in TypeScript: relative imports without an extension (Vite and
    // TypeScript's Bundler resolution find the file); packages and assets (?url) as written.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Resolves './loss-plot.styles' to loss-plot.styles.ts, so `.styles` is not taken for
      // an extension.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js'] })],
    },
    rules: {
      // What the resolver cannot see: './format.js' written for the file format.ts.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.{1,2}/.*\\.(js|ts)$',
              message: 'Import relative modules without an extension.',
            },
          ],
        },
      ],
      'import-x/extensions': [
        'error',
        'never',
        {
          ignorePackages: true,
          pattern: { json: 'always', css: 'always', mdx: 'always', mjs: 'always' },
        },
      ],
    },
  },
);
