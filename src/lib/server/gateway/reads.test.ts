/**
 * Reads by id against a real on-disk PouchDB: a document the person may not read answers as
 * missing, and bulk_get read a group at a time answers as PouchDB would in one read.
 */
import { describe, expect, it } from 'vitest';
import { ids } from '$lib/domain/ids';
import { useGeneratedAuthority } from '../testing/generated-authority';
import { mayRead, type Access } from './access';
import { allDocs, bulkGet, bulkGetGroups, revsDiff } from './reads';

const fixture = useGeneratedAuthority();
const { demo, accessOf } = fixture;

describe('reads that would reveal a document', () => {
	it('bulk_get, all_docs and revs_diff treat unreadable documents as missing', async () => {
		const access = await accessOf('young-person');
		const childDoc = ids.child([...access.childIds][0]!);
		const got = await bulkGet(fixture.db.record, access, { docs: [{ id: childDoc }] });
		expect(got.results[0]?.docs[0]).toMatchObject({ error: { error: 'not_found' } });
		const listed = await allDocs(fixture.db.record, access, { keys: [childDoc] });
		expect(listed.rows[0]).toMatchObject({ error: 'not_found' });
		const all = await allDocs(fixture.db.record, access, {});
		expect(all.rows.every((r) => mayRead(access, (r as { id: string }).id))).toBe(true);
		const diff = await revsDiff(fixture.db.record, access, { [childDoc]: ['1-abc'] });
		expect(diff[childDoc]).toEqual({ missing: ['1-abc'] });
	});
});

describe('bulk_get', () => {
	/** What PouchDB itself answers, with the unreadable documents as missing. */
	async function direct(access: Access, docs: { id: string; rev?: string }[]) {
		const got = await fixture.db.record.bulkGet({
			docs,
			revs: true,
			latest: true
		} as PouchDB.Core.BulkGetOptions);
		// PouchDB answers each asked-for revision of an id in turn.
		const byId = new Map<string, typeof got.results>();
		for (const r of got.results) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
		const next = (id: string) => {
			const left = byId.get(id)!;
			return left.length > 1 ? left.shift() : left[0];
		};
		return docs.map((d) =>
			mayRead(access, d.id)
				? next(d.id)
				: {
						id: d.id,
						docs: [
							{
								error: {
									id: d.id,
									rev: d.rev ?? 'undefined',
									error: 'not_found',
									reason: 'missing'
								}
							}
						]
					}
		);
	}

	it('answers a batch of hundreds, read a group at a time, as one read of the whole batch would', async () => {
		const access = await accessOf('virtual-school');
		const docs = [...demo.documents, { _id: 'secret' }, { _id: 'child:nobody' }]
			.map((d) => ({ id: d._id! }))
			.slice(0, 330);
		expect(docs.length).toBeGreaterThan(200);
		const got = await bulkGet(fixture.db.record, access, { docs, revs: true, latest: true });
		expect(got.results).toEqual(await direct(access, docs));
		expect(got.results.map((r) => r.id)).toEqual(docs.map((d) => d.id));

		const groups: unknown[][] = [];
		for await (const group of bulkGetGroups(fixture.db.record, access, {
			docs,
			revs: true,
			latest: true
		}))
			groups.push(group);
		expect(groups.length).toBeGreaterThan(1);
		expect(groups.flat()).toEqual(got.results);
	});

	it('keeps the entries of one document together, and answers a repeated id as before', async () => {
		const access = await accessOf('virtual-school');
		const readable = demo.documents.filter((d) => mayRead(access, d._id!)).map((d) => d._id!);
		const rev = async (id: string) => (await fixture.db.record.get(id))._rev;
		// Two entries of one id in a row, straddling where a group of 50 would end.
		const together: { id: string; rev?: string }[] = readable.slice(0, 49).map((id) => ({ id }));
		const twice = readable[49]!;
		together.push({ id: twice, rev: await rev(twice) }, { id: twice, rev: await rev(twice) });
		together.push(...readable.slice(50, 120).map((id) => ({ id })));
		const got = await bulkGet(fixture.db.record, access, {
			docs: together,
			revs: true,
			latest: true
		});
		expect(got.results).toEqual(await direct(access, together));

		// Two revisions of one document, as a device asks for both sides of a conflict.
		const id = readable[5]!;
		const winner = await fixture.db.record.get<Record<string, unknown>>(id);
		const [generation] = winner._rev.split('-');
		const other = `${Number(generation) + 1}-${'f'.repeat(32)}`;
		const mine = `${Number(generation) + 1}-${'0'.repeat(32)}`;
		await fixture.db.record.bulkDocs(
			[
				{ ...winner, _rev: other, _revisions: undefined },
				{ ...winner, _rev: mine, _revisions: undefined }
			].map((d) => ({
				...d,
				_revisions: {
					start: Number(generation) + 1,
					ids: [d._rev.split('-')[1]!, winner._rev.split('-')[1]!]
				}
			})),
			{ new_edits: false }
		);
		const both = await bulkGet(fixture.db.record, access, {
			docs: [
				{ id, rev: mine },
				{ id, rev: other }
			],
			revs: true
		});
		expect(both.results.map((r) => (r.docs[0] as { ok?: { _rev: string } }).ok?._rev)).toEqual([
			mine,
			other
		]);

		// The same id again far down the list.
		const apart = [...readable.slice(0, 80), readable[3]!].map((id) => ({ id }));
		const again = await bulkGet(fixture.db.record, access, {
			docs: apart,
			revs: true,
			latest: true
		});
		expect(again.results).toEqual(await direct(access, apart));
	});
});
