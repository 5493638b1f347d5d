import { describe, expect, it } from 'vitest';
import { LocalRecord } from './data/record';
import {
	encryptedMemoryDatabase,
	freshDrafts,
	memoryDatabase,
	testCipher,
	tickingClock
} from './data/testing';
import { addFile, contentTypeOf, fileProblem, readFile } from './files';

const child = { childId: 'child-0001', authorityId: 'authority-01', schoolId: 'school-01' };
const recordWith = (db = memoryDatabase('files')) =>
	new LocalRecord('worker-01', db, freshDrafts(), tickingClock());
const photo = (bytes = 2048, name = 'report.jpg', type = 'image/jpeg') =>
	new File([new Uint8Array(bytes).fill(7)], name, { type });

describe('which files can be added', () => {
	it('takes the declared type when it is allowed, and the ending when none is declared', () => {
		expect(contentTypeOf({ name: 'a.pdf', type: 'application/pdf' })).toBe('application/pdf');
		expect(contentTypeOf({ name: 'IMG_0001.HEIC', type: '' })).toBe('image/heic');
		expect(contentTypeOf({ name: 'plan.docx', type: 'application/octet-stream' })).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		// A declared type that is not allowed is not overruled by a hopeful ending.
		expect(contentTypeOf({ name: 'movie.pdf', type: 'video/mp4' })).toBeNull();
		expect(contentTypeOf({ name: 'script.exe', type: '' })).toBeNull();
	});

	it('names what is wrong with the file, and the file', () => {
		expect(fileProblem({ name: 'a.jpg', type: 'image/jpeg', size: 0 })).toBe('a.jpg is empty');
		expect(fileProblem({ name: 'big.pdf', type: 'application/pdf', size: 12 * 1024 * 1024 })).toBe(
			'big.pdf is 12.0 MB: the file must be 10 MB or smaller'
		);
		expect(fileProblem({ name: 'song.mp3', type: 'audio/mpeg', size: 10 })).toContain(
			'song.mp3 must be a PDF, a photo'
		);
		expect(fileProblem({ name: 'ok.png', type: 'image/png', size: 10 * 1024 * 1024 })).toBeNull();
	});
});

describe('adding a file to the local record', () => {
	it('stores a PEP file as an attachment record with its bytes, ready to sync', async () => {
		const record = recordWith();
		const file = photo(5000);
		const result = await addFile(record, {
			child,
			pepId: 'pep-0001',
			kind: 'photo',
			title: '  Science project  ',
			file,
			now: new Date('2026-11-23T10:00:00Z')
		});
		expect(result.status).toBe('committed');
		const { rows } = await record.db.allDocs({ include_docs: true });
		const doc = rows.find((r) => r.id.includes(':att:'))!.doc as unknown as Record<string, unknown>;
		expect(doc._id).toMatch(/^child:child-0001:pep:pep-0001:att:/);
		expect(doc).toMatchObject({
			type: 'attachment',
			pepId: 'pep-0001',
			title: 'Science project',
			fileName: 'report.jpg',
			contentType: 'image/jpeg',
			sizeBytes: 5000,
			uploadedAt: '2026-11-23T10:00:00.000Z',
			updated: { by: 'worker-01' }
		});
		const bytes = new Uint8Array(await (await readFile(record, doc._id as string)).arrayBuffer());
		expect(bytes.length).toBe(5000);
		expect(bytes.every((b) => b === 7)).toBe(true);
	});

	it('keeps a child file on the child’s record, sealed at rest on the device', async () => {
		const cipher = await testCipher();
		const { db, raw } = encryptedMemoryDatabase(cipher);
		const record = recordWith(db);
		const marker = 'Distinctive words in the file';
		const file = new File([marker], 'notes.txt', { type: 'text/plain' });
		const result = await addFile(record, { child, kind: 'other', title: 'Notes', file });
		expect(result.status).toBe('committed');
		const { rows } = await raw.allDocs({ include_docs: true, attachments: true });
		const stored = rows.find((r) => r.id.includes(':att:'))!;
		expect(stored.id).toMatch(/^child:child-0001:att:/);
		expect(JSON.stringify(stored.doc)).not.toContain('Notes');
		expect(JSON.stringify(stored.doc)).not.toContain(btoa(marker));
		const back = await readFile(record, stored.id);
		expect(await back.text()).toBe(marker);
	});

	it('refuses a file that is too big, and stores nothing', async () => {
		const record = recordWith();
		const result = await addFile(record, {
			child,
			kind: 'photo',
			title: 'Too big',
			file: photo(10 * 1024 * 1024 + 1)
		});
		expect(result).toEqual({
			status: 'invalid',
			errors: [
				{ field: 'file', message: 'report.jpg is 10.0 MB: the file must be 10 MB or smaller' }
			]
		});
		expect((await record.db.allDocs()).rows).toHaveLength(0);
	});
});
