import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './tests/e2e/support/chromium';
import { testDay } from './tests/e2e/support/test-day';

// Tests run against the production build (`npm run build` first), because that is what people
// get: the adapter-node server, and later the service worker, which dev mode does not have.
// Override the port when another checkout on the same machine is already using it.
const port = Number(process.env.PEP_E2E_PORT ?? 4173);
const origin = `http://127.0.0.1:${port}`;
const isCI = Boolean(process.env.CI);
// A fresh, throwaway data store for every run: Playwright empties test-results when it starts.
const dataDir = fileURLToPath(new URL('./test-results/pep-data', import.meta.url));

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	fullyParallel: true,
	forbidOnly: isCI,
	retries: isCI ? 1 : 0,
	workers: Math.min(2, availableParallelism()),
	reporter: [['list'], ['html', { open: 'never' }]],
	// Every journey works on a child of its own (support/demo-case.ts), and the one that withdraws
	// a child does so from a social worker of its own, so all of them run side by side.
	use: {
		// A control that never becomes usable fails its step within a minute, rather than holding
		// the run until the test's own (long) time limit.
		actionTimeout: 60_000,
		baseURL: origin,
		trace: 'retain-on-failure',
		browserName: 'chromium',
		launchOptions: { executablePath: findChromium(), args: chromiumArgs }
	},
	// The suite's shared server stays Playwright's own webServer rather than going through
	// tests/support/built-server.ts (which the other servers of the tests and benchmarks use):
	// every worker reads this file again, so the address must be fixed here, not a free port
	// found at run time, and Playwright then starts the server before any worker, waits for it
	// and stops it after the last.
	webServer: {
		// Playwright empties test-results before it starts the server, so make the data
		// directory here, not when this file is read.
		command: 'mkdir -p "$PEP_DATA_DIR" && node server/index.js',
		url: origin,
		// Never test whatever happens to be listening already (e.g. `vite preview` on 4173).
		reuseExistingServer: false,
		env: {
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: origin,
			PEP_DATA_DIR: dataDir,
			// The demo is made as of the day the browsers' clocks are on (support/clock.ts).
			PEP_DEMO_DAY: testDay
		}
	}
});
