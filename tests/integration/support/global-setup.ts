/**
 * Once per integration run: a private copy of the production build, and of the server that serves
 * it (server/), for every test file to start.
 * The server loads its route modules lazily, so an `npm run build` in another terminal during the
 * run would otherwise pull files from under running servers and turn requests into 500s.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { root } from './paths';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The copied production server's `server/index.js`, beside its copy of the build. */
		productionBuild: string;
	}
}

export default function setup(project: TestProject): () => void {
	const source = join(root, 'build');
	if (!existsSync(join(source, 'handler.js'))) {
		throw new Error('There is no production build: run `npm run build` before these tests.');
	}
	const dir = mkdtempSync(join(tmpdir(), 'pep-it-build-'));
	cpSync(source, join(dir, 'build'), { recursive: true });
	cpSync(join(root, 'server'), join(dir, 'server'), { recursive: true });
	// The build is ES modules and imports the app's dependencies: give it both beside it.
	writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
	project.provide('productionBuild', join(dir, 'server', 'index.js'));
	return () => rmSync(dir, { recursive: true, force: true });
}
