import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { resolveConflicts, type ResolverContext } from './conflicts';
import { sealedField } from './encrypted-pouch';
import {
	encryptedMemoryDatabase,
	freshDrafts,
	memoryDatabase,
	sectionBDocument,
	testCipher
} from './testing';

type Doc = Record<string, unknown> & { _id: string; _rev: string };

const words = 'Amara loves drawing dinosaurs';
const fileText = 'Spring term report for Amara Okafor';

/** Everything a plain reader of the same storage sees, as one string to search. */
async function onDisk(raw: PouchDB.Database): Promise<string> {
	const all = await raw.allDocs({ include_docs: true, attachments: true, conflicts: true });
	const seen = [JSON.stringify(all.rows)];
	for (const row of all.rows) {
		const doc = await raw.get(row.id, { revs: true, open_revs: 'all', attachments: true } as PouchDB.Core.GetOpenRevisions);
		seen.push(JSON.stringify(doc));
		for (const [name, att] of Object.entries(row.doc?._attachments ?? {})) {
			const data = (att as { data?: string }).data;
			if (data) seen.push(atob(data));
			seen.push(String(await raw.getAttachment(row.id, name)));
		}
	}
	return seen.join('\n');
}

function withWords<T extends Record<string, unknown>>(doc: T) {
	return { ...doc, progressOverview: { complete: false, text: words } };
}

function attachmentDoc() {
	return {
		_id: 'child:child-0001:pep:pep-0001:att:att-0001',
		type: 'attachment',
		schemaVersion: 1,
		childId: 'child-0001',
		authorityId: 'authority-01',
		_attachments: { file: { content_type: 'text/plain', data: btoa(fileText) } }
	};
}

describe('the encrypted record', () => {
	it('gives back what was written, while the storage holds no plaintext of it', async () => {
		const { db, raw } = encryptedMemoryDatabase(await testCipher());
		const doc = withWords(sectionBDocument());
		await db.put(doc);
		await db.put(attachmentDoc());

		expect(await db.get(doc._id)).toMatchObject({ progressOverview: { text: words } });
		const listed = await db.allDocs({ include_docs: true });
		expect(listed.rows.map((r) => r.doc)).toContainEqual(expect.objectContaining({ term: 'autumn' }));
		const file = (await db.getAttachment(attachmentDoc()._id, 'file')) as Buffer;
		expect(file.toString()).toBe(fileText);

		const disk = await onDisk(raw);
		expect(disk).not.toContain('Amara');
		expect(disk).not.toContain('autumn');
		// The stamps the gateway reads stay clear.
		const stored = await raw.get<Record<string, unknown>>(doc._id);
		expect(stored).toMatchObject({ childId: 'child-0001', type: 'pep-b', schemaVersion: 1 });
		expect(typeof stored[sealedField]).toBe('string');
	});

	it('converges with a plain server by replication, attachments and deletions included', async () => {
		const server = memoryDatabase('server');
		const { db, raw } = encryptedMemoryDatabase(await testCipher());
		const fromServer = await server.put(withWords(sectionBDocument()));
		await server.put(attachmentDoc());

		// Pull: replication writes with new_edits: false.
		await db.replicate.from(server);
		expect(await db.get(sectionBDocument()._id)).toMatchObject({ _rev: fromServer.rev });
		expect(String(await db.getAttachment(attachmentDoc()._id, 'file'))).toBe(fileText);

		// Push: an edit made here, a new file, and a deletion reach the server in plain.
		const local = await db.get<Record<string, unknown>>(sectionBDocument()._id);
		await db.put({ ...local, term: 'spring' });
		const second = { ...attachmentDoc(), _id: 'child:child-0001:att:att-0002' };
		second._attachments.file.data = btoa('Second file for Amara');
		await db.put(second);
		const first = await db.get(attachmentDoc()._id);
		await db.remove(first);
		await db.replicate.to(server);

		expect(await server.get(sectionBDocument()._id)).toMatchObject({ term: 'spring' });
		expect(String(await server.getAttachment(second._id, 'file'))).toBe('Second file for Amara');
		await expect(server.get(attachmentDoc()._id)).rejects.toMatchObject({ status: 404 });

		// And a fresh plain copy of the server matches the device, revision for revision.
		const ids = (await server.allDocs()).rows.map((r) => `${r.id}@${r.value.rev}`);
		expect((await db.allDocs()).rows.map((r) => `${r.id}@${r.value.rev}`)).toEqual(ids);
		expect(await onDisk(raw)).not.toContain('Amara');
	});

	it('still merges edits made on two devices to different fields', async () => {
		const server = memoryDatabase('server');
		const device = async (userId: string): Promise<ResolverContext> => ({
			db: encryptedMemoryDatabase(await testCipher(), userId).db,
			drafts: freshDrafts(),
			userId
		});
		const a = await device('teacher-01');
		const b = await device('teacher-02');
		const id = sectionBDocument()._id;
		await server.put(sectionBDocument());
		await a.db.replicate.from(server);
		await b.db.replicate.from(server);

		const edit = async (d: ResolverContext, change: (doc: Doc) => Doc, at: string) => {
			const doc = (await d.db.get<Record<string, unknown>>(id)) as Doc;
			await d.db.put({ ...change(doc), updated: { by: d.userId, at } });
		};
		await edit(a, (d) => ({ ...d, progressOverview: { complete: false, text: 'From the laptop' } }), '2025-01-07T09:00:00.000Z');
		await edit(b, (d) => ({ ...d, meetingPage: { ...(d.meetingPage as object), summary: 'From the tablet' } }), '2025-01-07T09:05:00.000Z');

		for (const d of [a, b, a]) {
			await d.db.replicate.to(server);
			await d.db.replicate.from(server);
			await resolveConflicts(d, [id]);
			await d.db.replicate.to(server);
		}

		for (const db of [a.db, b.db, server]) {
			const doc = await db.get<Record<string, unknown>>(id, { conflicts: true });
			expect(doc._conflicts ?? []).toEqual([]);
			expect(doc).toMatchObject({
				progressOverview: { text: 'From the laptop' },
				meetingPage: { summary: 'From the tablet' }
			});
		}
	});

	it('answers calls made before the database is ready, as replication’s first ones are', async () => {
		const { db } = encryptedMemoryDatabase(await testCipher());
		// Sync bookkeeping lives in `_local` documents, which stay clear.
		await expect(db.get('_local/pep-sync-state')).rejects.toMatchObject({ status: 404 });
		const early = encryptedMemoryDatabase(await testCipher());
		const [missing, listed] = await Promise.allSettled([early.db.get('nope'), early.db.allDocs()]);
		expect(missing).toMatchObject({ status: 'rejected', reason: { status: 404 } });
		expect(listed).toMatchObject({ status: 'fulfilled', value: { rows: [] } });
	});

	it('refuses to hand out documents through the changes feed, rather than ciphertext', async () => {
		const { db } = encryptedMemoryDatabase(await testCipher());
		expect(() => db.changes({ include_docs: true })).toThrow(/allDocs/);
	});
});
