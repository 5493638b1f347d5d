import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		coverage: {
			provider: 'v8',
			include: ['src/lib/domain/**/*.ts'],
			exclude: ['src/lib/domain/**/*.test.ts'],
			reporter: ['text-summary', 'text'],
			// The domain is pure and shared by client and server: keep it thoroughly tested.
			thresholds: { lines: 90 }
		}
	}
});
