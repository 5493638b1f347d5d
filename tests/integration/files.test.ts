/**
 * Files added on a device reach the others through the real gateway, as the app's sync sends
 * them: pushed in batches of the app's size with the file inside the documents, as large as
 * the product allows. Too much is refused with a reason, and nothing is stored.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRecord } from '$lib/client/data/record';
import { pushBatchSize } from '$lib/client/data/sync.svelte';
import { freshDrafts, memoryDatabase, tickingClock } from '$lib/client/data/testing';
import { addFile, readFile } from '$lib/client/files';
import { maxAttachmentBytes } from '$lib/domain/schemas/attachment';
import type { ChildProfile } from '$lib/domain/schemas/child';
import {
	demoPassword,
	remotePouch,
	signIn,
	startServer,
	type RunningServer
} from './support/server';

let app: RunningServer;
let worker: { cookie: string; userId: string };
let officerCookie: string;
let child: ChildProfile;

beforeAll(async () => {
	app = await startServer();
	const cookie = await signIn(app.url, 'social-worker@example.org', demoPassword);
	const me = (await (await fetch(`${app.url}/api/session`, { headers: { cookie } })).json()) as {
		user: { userId: string };
	};
	worker = { cookie, userId: me.user.userId };
	officerCookie = await signIn(app.url, 'virtual-school@example.org', demoPassword);
	const remote = remotePouch(app.url, cookie);
	const { rows } = await remote.allDocs({ include_docs: true });
	child = rows.find((r) => /^child:[^:]+$/.test(r.id))!.doc as unknown as ChildProfile;
}, 120_000);

afterAll(async () => {
	await app?.stop();
});

/** A file of `bytes` bytes, each different from its neighbour, so a mix-up would show. */
function fileOf(bytes: number, name: string, type: string): File {
	const content = new Uint8Array(bytes);
	for (let i = 0; i < bytes; i++) content[i] = (i * 31 + 7) % 251;
	return new File([content], name, { type });
}

describe('files through the gateway', () => {
	it('sends several files of the largest size in one sync, and another person receives them', async () => {
		const record = new LocalRecord(
			worker.userId,
			memoryDatabase('files-device'),
			freshDrafts(),
			tickingClock()
		);
		const files = Array.from({ length: pushBatchSize + 1 }, (_, i) =>
			fileOf(maxAttachmentBytes - i, `scan-${i}.pdf`, 'application/pdf')
		);
		for (const [i, file] of files.entries()) {
			const added = await addFile(record, {
				child,
				kind: 'progress-report',
				title: `Scan ${i}`,
				file
			});
			expect(added.status).toBe('committed');
		}
		const remote = remotePouch(app.url, worker.cookie);
		const pushed = await record.db.replicate.to(remote, { batch_size: pushBatchSize });
		expect(pushed.doc_write_failures).toBe(0);
		expect(pushed.docs_written).toBe(files.length);

		// The Virtual School officer's device receives each file, byte for byte.
		const officer = new LocalRecord('officer', memoryDatabase('officer'), freshDrafts());
		const ids = (await record.db.allDocs()).rows.map((r) => r.id);
		await officer.db.replicate.from(remotePouch(app.url, officerCookie), { doc_ids: ids });
		for (const id of ids) {
			const mine = new Uint8Array(await (await readFile(record, id)).arrayBuffer());
			const theirs = new Uint8Array(await (await readFile(officer, id)).arrayBuffer());
			expect(theirs.length).toBe(mine.length);
			expect(Buffer.from(theirs).equals(Buffer.from(mine))).toBe(true);
		}
	}, 180_000);

	it('refuses a push over the limit with a reason, and stores none of it', async () => {
		const before = (await remotePouch(app.url, worker.cookie).info()).update_seq;
		const padding = 'x'.repeat(61 * 1024 * 1024);
		const response = await fetch(`${app.url}/db/pep/_bulk_docs`, {
			method: 'POST',
			headers: { cookie: worker.cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ docs: [{ _id: `${child._id}:att:padding`, padding }] })
		});
		expect(response.status).toBe(413);
		expect(await response.text()).toMatch(/too large|over \d+ MB/);
		expect((await remotePouch(app.url, worker.cookie).info()).update_seq).toEqual(before);
	}, 60_000);

	it('refuses a request that carries no documents when it is over a few megabytes', async () => {
		const response = await fetch(`${app.url}/db/pep/_revs_diff`, {
			method: 'POST',
			headers: { cookie: worker.cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ padding: 'x'.repeat(5 * 1024 * 1024) })
		});
		expect(response.status).toBe(413);
		// The rest of the body is left unread, so the connection goes with it (server/index.js).
		expect(response.headers.get('connection')).toBe('close');
		expect(await response.json()).toEqual({
			error: 'too_large',
			reason: 'The request body is over 4 MB.'
		});
	});
});
