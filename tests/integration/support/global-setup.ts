/**
 * Once per integration run: a private copy of the production build for every test file to start.
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
		/** The copied build's `index.js`. */
		productionBuild: string;
	}
}

export default function setup(project: TestProject): () => void {
	const source = join(root, 'build');
	if (!existsSync(join(source, 'index.js'))) {
		throw new Error('There is no production build: run `npm run build` before these tests.');
	}
	const dir = mkdtempSync(join(tmpdir(), 'pep-it-build-'));
	cpSync(source, join(dir, 'build'), { recursive: true });
	// The build is ES modules and imports the app's dependencies: give it both beside it.
	writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
	project.provide('productionBuild', join(dir, 'build', 'index.js'));
	return () => rmSync(dir, { recursive: true, force: true });
}
