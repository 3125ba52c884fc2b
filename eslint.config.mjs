// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const builtins = builtinModules.flatMap((m) => [m, `node:${m}`]);
// The deployed server never imports the admin page's browser code (it serves it compiled) or the build tools.
const notBrowserOrTools = { group: ['**/web/**', '**/tools/**'], message: 'src/ is the deployed server: web/ is browser code and tools/ build-time code.' };
const nodeGlobals = ['process', 'require', 'module', 'exports', 'Buffer', '__dirname', '__filename', 'global', 'setImmediate'];

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
    // Blocks below that set no-restricted-imports replace this one for their files, so they repeat it.
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [notBrowserOrTools] }] },
  },
  {
    // The domain and the channel modules are pure: no I/O, no clock, no randomness. Hashing is
    // computation, so node:crypto's createHash is the one built-in they may use; random bytes arrive
    // as arguments.
    files: ['src/{domain,channels}/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtins.filter((m) => m !== 'crypto' && m !== 'node:crypto'),
        patterns: [{ group: ['@azure/*', 'durable-functions', '**/adapters/**', '**/activities/**', '**/app/**', '**/http/**', '**/wiring/**', '**/config/**'], message: 'src/domain and src/channels are pure: no I/O, SDKs or app layers.' }, notBrowserOrTools],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'No I/O in the domain.' }, { name: 'process', message: 'No env in the domain.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass `now` in.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Pass `now` in.' }, { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Pass randomness in.' }],
    },
  },
  {
    // Use cases and activities work through ports: no SDK, no adapter, no composition root. Their
    // dependencies arrive as arguments (see src/wiring).
    files: ['src/{app,activities}/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@azure/*', 'durable-functions', '**/adapters/**', '**/http/**', '**/wiring/**'], message: 'Use cases and activities depend on ports only; src/wiring builds them.' }, notBrowserOrTools],
      }],
    },
  },
  {
    // HTTP handlers are built by factories over a HandlerEnv (src/wiring makes the production one).
    files: ['src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['durable-functions', '@azure/data-tables', '@azure/communication-*', '**/wiring/**', '**/adapters/{acs,outbox,tables,durable,jose,templates}/**'], message: 'Handlers get their dependencies from the HandlerEnv, not from adapters or the container.' }, notBrowserOrTools],
      }],
    },
  },
  {
    // Orchestrators replay: they must be deterministic. Only durable-functions, domain types and constants.
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: builtins,
        patterns: [{ group: ['@azure/data-tables', '@azure/communication-*', '**/adapters/**', '**/http/**', '**/config/**'], message: 'Workflows are deterministic: no I/O, no env.' }, notBrowserOrTools],
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
    // The admin page's browser code: ES modules served side by side, so it imports only its siblings,
    // by compiled name (`./ui.js`, which the browser resolves): no Node built-in, package or server
    // code. Browser globals come from the DOM lib of web/admin/tsconfig.json, which has no Node types
    // (TypeScript checks names: no-undef is off for TS files); the Node globals are banned by name.
    files: ['web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: builtins, patterns: [{ regex: '^(?!\\./[a-z][a-z0-9-]*\\.js$)', message: 'Browser code imports only its sibling modules, by compiled name (./name.js).' }] }],
      'no-restricted-globals': ['error', ...nodeGlobals.map((name) => ({ name, message: 'Browser code: no Node globals.' }))],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
