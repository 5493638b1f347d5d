/**
 * A private copy of the production server for a test that must change what the server serves,
 * such as a new version of the app deployed while a tablet has the old one open. The suite's own
 * server (playwright.config.ts) is shared by every test, so it is never touched.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startBuiltServer } from '../../support/built-server';
import { testDay } from './test-day';

export { freePort } from '../../support/server-process';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** A folder that runs like the project: its own `build/` and `server/`, the project's packages. */
export function makeDeployment(): string {
	const dir = mkdtempSync(join(tmpdir(), 'pep-e2e-deploy-'));
	writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
	cpSync(join(root, 'server'), join(dir, 'server'), { recursive: true });
	return dir;
}

/** Puts a build into a deployment, replacing the one there, as a release would. */
export function deploy(build: string, deployment: string): void {
	rmSync(join(deployment, 'build'), { recursive: true, force: true });
	cpSync(build, join(deployment, 'build'), { recursive: true });
}

/**
 * Builds the app again from the project's sources, in a folder of its own so that the project's
 * `build/` and `.svelte-kit/` stay as they are, and returns the new build's folder. Every build
 * is a new version (svelte.config.js names it by the second it was made).
 */
export async function buildAgain(): Promise<string> {
	const dir = mkdtempSync(join(tmpdir(), 'pep-e2e-source-'));
	for (const entry of ['src', 'static', 'server']) {
		cpSync(join(root, entry), join(dir, entry), { recursive: true });
	}
	for (const file of ['package.json', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json']) {
		cpSync(join(root, file), join(dir, file));
	}
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
	await promisify(execFile)(
		process.execPath,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: dir,
			maxBuffer: 64 * 1024 * 1024
		}
	);
	return join(dir, 'build');
}

export const projectBuild = join(root, 'build');

export interface AppServer {
	url: string;
	stop(): Promise<void>;
}

/** Starts `node server/index.js` in a deployment and resolves once it answers. */
export async function startAppServer(
	deployment: string,
	port: number,
	dataDir: string
): Promise<AppServer> {
	mkdirSync(dataDir, { recursive: true });
	return await startBuiltServer({
		entry: join(deployment, 'server', 'index.js'),
		cwd: deployment,
		port,
		// Nothing of this shell's environment but PATH: the server sees only what is set here.
		env: { PATH: process.env.PATH, PEP_DATA_DIR: dataDir, PEP_DEMO_DAY: testDay }
	});
}
