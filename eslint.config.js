// ESLint flat config: typescript-eslint's recommended rules plus the import boundaries of
// docs/architecture.md (imports point inward: runtime/cli → http → app → core; db, files, lark,
// sandbox implement core's ports; nothing imports runtime).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`, `../../../${name}/*`];
const forbid = (...layers) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: layers.map((l) => ({
        group: layer(l),
        message: `imports point inward: this folder must not import from src/${l} (see docs/architecture.md)`,
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'src/generated/', 'data/', 'test-results/', 'coverage/', '.wrangler/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  { files: ['src/core/**/*.ts'], rules: forbid('app', 'db', 'files', 'http', 'runtime', 'cli', 'lark', 'sandbox', 'demo') },
  {
    files: ['src/db/**/*.ts', 'src/files/**/*.ts', 'src/lark/**/*.ts', 'src/demo/**/*.ts'],
    rules: forbid('app', 'http', 'runtime', 'cli', 'sandbox'),
  },
  { files: ['src/app/**/*.ts'], rules: forbid('http', 'runtime', 'cli', 'sandbox') },
  { files: ['src/http/**/*.ts', 'src/sandbox/**/*.ts'], rules: forbid('runtime', 'cli') },
  { files: ['src/config/**/*.ts'], rules: forbid('app', 'db', 'files', 'http', 'runtime', 'cli', 'lark', 'sandbox') },
  { files: ['bin/**/*.mjs', 'eslint.config.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
