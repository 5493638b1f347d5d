/**
 * The encryption benchmark's commit, measured in Chromium: `commit-in-browser.ts` bundled with
 * Vite (the app's own modules, `$lib` resolved as in the app), served from a page of its own on
 * 127.0.0.1 (a secure context, so WebCrypto is there), and run with the browser's IndexedDB.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build, type Rollup } from 'vite';
import { chromiumArgs, findChromium } from '../../tests/e2e/support/chromium';
import type { CommitRun } from './commit-measure';
import { root } from './report';

async function bundle(): Promise<string> {
	const built = (await build({
		configFile: false,
		logLevel: 'silent',
		resolve: { alias: { $lib: join(root, 'src/lib') } },
		build: {
			write: false,
			minify: true,
			lib: {
				entry: join(root, 'bench/support/commit-in-browser.ts'),
				formats: ['iife'],
				name: 'benchCommits'
			}
		}
	})) as Rollup.RollupOutput[] | Rollup.RollupOutput;
	const output = (Array.isArray(built) ? built[0]! : built).output;
	const chunk = output.find((file): file is Rollup.OutputChunk => file.type === 'chunk');
	if (!chunk) throw new Error('The in-browser commit benchmark did not bundle');
	return chunk.code;
}

/** Commit times with encryption off and on, in ms, from headless Chromium. */
export async function commitsInChromium(run: CommitRun): Promise<{ off: number[]; on: number[] }> {
	const script = await bundle();
	const server = createServer((request, response) => {
		if (request.url === '/commits.js') {
			response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
		} else {
			response
				.writeHead(200, { 'content-type': 'text/html' })
				.end('<!doctype html><title>Commits</title><script src="/commits.js"></script>');
		}
	});
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
	const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
	try {
		const page = await browser.newPage();
		await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
		return await page.evaluate(
			(input) =>
				(
					window as unknown as {
						benchCommits: {
							measureCommits(r: typeof input): Promise<{ off: number[]; on: number[] }>;
						};
					}
				).benchCommits.measureCommits(input),
			run
		);
	} finally {
		await browser.close();
		await new Promise((closed) => server.close(closed));
	}
}
