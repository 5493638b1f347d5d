import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'coverage/', 'test-results/', 'playwright-report/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }
			]
		}
	},
	{
		// Every browser context of the end-to-end tests keeps the suite's day on its clock
		// (tests/e2e/support/clock.ts): specs take `test` from support/test.ts, and make contexts
		// with the helpers there.
		files: ['tests/e2e/**/*.ts'],
		ignores: ['tests/e2e/support/clock.ts', 'tests/e2e/support/test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: '@playwright/test',
							importNames: ['test'],
							message: "Use `test` from './support/test', whose browsers' clocks are on testDay."
						}
					]
				}
			],
			'no-restricted-syntax': [
				'error',
				{
					selector:
						"CallExpression[callee.property.name=/^(newContext|newPage)$/][callee.object.name='browser']",
					message: "Use `newContextAt(browser, …)` from './support/clock', which sets the clock."
				},
				{
					selector: 'CallExpression[callee.property.name=/^(launch|launchPersistentContext)$/]',
					message: "Use `launchPersistentContextAt` from './support/clock', which sets the clock."
				}
			]
		}
	},
	{
		// The service worker is typed against the WebWorker library, which SvelteKit keeps out of
		// the app's tsconfig, so lint it without type information.
		files: ['src/service-worker.ts'],
		...ts.configs.disableTypeChecked,
		rules: {
			...ts.configs.disableTypeChecked.rules,
			'@typescript-eslint/no-floating-promises': 'off'
		}
	}
);
