import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The core gets the time and the environment through its ports (Clock, injected paths), never directly. */
const forbidAmbientState = [
  { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'main/core never reads process.env: the face passes what it needs.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'main/core reads the time through the Clock port.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'main/core reads the time through the Clock port.' },
  { selector: "CallExpression[callee.name='homedir']", message: 'main/core never reads the home folder: the face passes the data folder.' },
];

const forbidInsecureTls = {
  selector: "Property[key.name='rejectUnauthorized'][value.value=false]",
  message:
    'Never turn certificate verification off. Only the SMTP/TLS probe may, to read a bad certificate and report on it.',
};

/** One helper turns a thrown value into words (preload/vocabulary/errors.ts); no copies of it. */
const forbidOwnErrorMessage = {
  selector: "ConditionalExpression[test.operator='instanceof'][test.right.name='Error'][consequent.property.name='message'][alternate.callee.name='String']",
  message: 'Use errorMessage() from preload/vocabulary/errors.ts.',
};

/** What main/core may not import; `patterns` adds groups for parts of the core. */
function coreImports(patterns) {
  return [
    'error',
    {
      paths: [
        { name: 'electron', message: 'main/core is plain Node: use a port (main/core/ports) and an adapter in main/platform.' },
        { name: 'keytar', message: 'main/core is plain Node: use the SecretStore port.' },
        { name: 'electron-store', message: 'main/core is plain Node: use the SettingsStore port.' },
        { name: 'conf', message: 'main/core is plain Node: use the SettingsStore port.' },
      ],
      patterns: [{ group: ['electron/*', '**/platform/**', '**/ipc/**'], message: 'main/core must not depend on adapters.' }, ...patterns],
    },
  ];
}

/** The building blocks below the checks: none of them imports the check plug-in API (checks build on them). */
const CHECK_BUILDING_BLOCKS = ['dns', 'eop', 'headers', 'm365', 'ndr', 'network', 'secrets', 'smtp', 'tls'].map((folder) => `main/core/${folder}/**/*.ts`);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js', 'scripts/*.mjs', 'bin/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      'no-restricted-syntax': ['error', forbidInsecureTls, forbidOwnErrorMessage],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', forbidInsecureTls, forbidOwnErrorMessage, ...forbidAmbientState],
      'no-restricted-imports': coreImports([]),
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: CHECK_BUILDING_BLOCKS,
    rules: {
      'no-restricted-imports': coreImports([{ group: ['**/checks', '**/checks/**'], message: 'The dns/tls/smtp/m365… modules sit below the checks: they must not import the check plug-in API.' }]),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', 'keytar', 'electron-store', 'conf'], message: 'The renderer is a web page: reach the core through the contract (MailflowApi).' },
            { group: ['**/main', '**/main/**'], message: 'The renderer imports nothing from main/: reach the core through preload/contract.' },
            { group: ['**/preload/*', '!**/preload/contract', '!**/preload/contract.js'], message: 'The renderer imports preload/contract only (the vocabulary comes through it).' },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/ipc', '**/main/ipc/**', '**/main/platform', '**/main/platform/**', '**/main/preview', '**/main/preview/**', '**/main/cli', '**/main/cli/**'],
              message: 'preload/ carries the contract: it may use core types, never the IPC handlers, adapters or faces in main/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/core/smtp/probe.ts', 'main/core/smtp/tls-upgrade.ts', 'preload/vocabulary/errors.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['eslint.config.js', 'scripts/*.mjs', 'bin/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/*.mjs', 'bin/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly' } },
  },
);
