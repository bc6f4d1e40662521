// Lint gates: typescript-eslint's recommended rules, plus the direction rule:
// shared/ imports neither side, and client/ and server/ never import each other.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const noImportFrom = (...sides) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: sides.map((side) => ({
        regex: `(^|/)${side}/`,
        message: `This folder must not import from ${side}/ (see README: layout).`,
      })),
    },
  ],
})

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'data/**', 'tests/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { files: ['shared/**/*.ts'], rules: noImportFrom('client', 'server') },
  { files: ['client/**/*.{ts,tsx}'], rules: noImportFrom('server') },
  { files: ['server/**/*.ts'], rules: noImportFrom('client') },
)
