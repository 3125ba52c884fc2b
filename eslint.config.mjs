// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const builtins = builtinModules.flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The domain is pure: no I/O, no clock, no randomness. Hashing is computation, so node:crypto's
    // createHash is the one built-in it may use; random bytes arrive as arguments.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtins.filter((m) => m !== 'crypto' && m !== 'node:crypto'),
        patterns: [{ group: ['@azure/*', '**/adapters/**', '**/activities/**', '**/http/**'], message: 'src/domain is pure: no I/O or SDKs.' }],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'No I/O in the domain.' }, { name: 'process', message: 'No env in the domain.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass `now` in.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Pass `now` in.' }, { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Pass randomness in.' }],
    },
  },
  {
    // Orchestrators replay: they must be deterministic. Only durable-functions, domain types and constants.
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtins,
        patterns: [{ group: ['@azure/data-tables', '@azure/communication-*', '**/adapters/**', '**/http/**', '**/config/**'], message: 'Workflows are deterministic: no I/O, no env.' }],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'No I/O in orchestrators.' }, { name: 'process', message: 'No env in orchestrators.' }, { name: 'setTimeout', message: 'Use durable timers.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use context.df.currentUtcDateTime.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use context.df.currentUtcDateTime.' }, { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Orchestrators are deterministic.' }],
    },
  },
  {
    // The devhost's clean room: the generic host and the Durable extension know nothing of the
    // product; only devhost/dev-services may, through src/adapters/devhost-hooks.
    files: ['devhost/{functions-host,durable}/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/src/**', '**/dev-services/**', '**/dev-services'], message: 'devhost/functions-host and devhost/durable are product-agnostic: only devhost/dev-services may use the product (through src/adapters/devhost-hooks).' }],
      }],
    },
  },
  {
    files: ['devhost/dev-services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)src/(?!adapters/devhost-hooks$)', message: 'The dev services reach the product only through src/adapters/devhost-hooks.' }],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
