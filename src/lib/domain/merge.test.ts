import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	changedPaths,
	deepEqual,
	getAtPath,
	isRecord,
	mergeDocuments,
	setAtPath,
	type FieldConflict,
	type Path
} from './merge';

const authored = (by: string) => ({ by, at: '2025-01-10T10:00:00.000Z' });

describe('mergeDocuments', () => {
	const base = {
		_id: 'child:c123:pep:p123:b',
		_rev: '2-aaa',
		progressOverview: { complete: false, text: 'Settling in well.' },
		meetingPage: { summary: '', wellbeingNotes: '' },
		updated: authored('dt-1')
	};

	it('keeps both people’s work when they changed different fields', () => {
		const ours = { ...base, _rev: '3-bbb', progressOverview: { complete: true, text: 'Settled.' } };
		const theirs = {
			...base,
			_rev: '3-ccc',
			meetingPage: { summary: 'Met on Monday.', wellbeingNotes: '' }
		};
		const { merged, conflicts } = mergeDocuments(base, ours, theirs);
		expect(conflicts).toEqual([]);
		expect(merged).toMatchObject({
			progressOverview: { complete: true, text: 'Settled.' },
			meetingPage: { summary: 'Met on Monday.' }
		});
	});

	it('takes a change both sides made the same way without calling it a conflict', () => {
		const edit = { ...base, progressOverview: { complete: true, text: 'Same words.' } };
		expect(mergeDocuments(base, edit, structuredClone(edit)).conflicts).toEqual([]);
	});

	it('names a field both sides changed differently, with all three values, and keeps ours', () => {
		const ours = { ...base, progressOverview: { complete: false, text: 'Ours.' } };
		const theirs = { ...base, progressOverview: { complete: false, text: 'Theirs.' } };
		const { merged, conflicts } = mergeDocuments(base, ours, theirs);
		expect(conflicts).toEqual([
			{
				path: ['progressOverview', 'text'],
				base: 'Settling in well.',
				ours: 'Ours.',
				theirs: 'Theirs.'
			}
		]);
		expect(merged.progressOverview.text).toBe('Ours.');
	});

	it('leaves revision metadata out of the merged document', () => {
		const ours = {
			...base,
			_rev: '3-bbb',
			_conflicts: ['3-ccc'],
			_revisions: { start: 3, ids: [] }
		};
		const { merged } = mergeDocuments(base, ours, { ...base, _rev: '3-ccc' });
		expect(merged).not.toHaveProperty('_rev');
		expect(merged).not.toHaveProperty('_conflicts');
		expect(merged).not.toHaveProperty('_revisions');
	});

	it('merges targets by their id: each side’s new target and each side’s edit survive', () => {
		const t = (targetId: string, text: string) => ({ targetId, text, status: 'open' });
		const start = { targets: [t('t-0001', 'Read daily'), t('t-0002', 'Attend clubs')] };
		const ours = {
			targets: [t('t-0001', 'Read every day'), t('t-0002', 'Attend clubs'), t('t-0003', 'Maths')]
		};
		const theirs = {
			targets: [
				t('t-0001', 'Read daily'),
				{ ...t('t-0002', 'Attend clubs'), status: 'achieved' },
				t('t-0004', 'Art')
			]
		};
		const { merged, conflicts } = mergeDocuments(start, ours, theirs);
		expect(conflicts).toEqual([]);
		expect(merged.targets).toEqual([
			t('t-0001', 'Read every day'),
			{ ...t('t-0002', 'Attend clubs'), status: 'achieved' },
			t('t-0003', 'Maths'),
			t('t-0004', 'Art')
		]);
	});

	it('treats deleting a target that the other side edited as a conflict on the whole target', () => {
		const start = { targets: [{ targetId: 't-0001', text: 'Read daily' }] };
		const ours = { targets: [] };
		const theirs = { targets: [{ targetId: 't-0001', text: 'Read every day' }] };
		const { merged, conflicts } = mergeDocuments(start, ours, theirs);
		expect(conflicts).toEqual([
			{
				path: ['targets', 't-0001'],
				base: start.targets[0],
				ours: undefined,
				theirs: theirs.targets[0]
			}
		]);
		expect(merged.targets).toEqual([]);
	});

	it('treats a list without ids as one value', () => {
		const start = { actionsForAdults: ['Phonics', 'Reading'] };
		const { conflicts } = mergeDocuments(
			start,
			{ actionsForAdults: ['Phonics', 'Reading', 'Spelling'] },
			{ actionsForAdults: ['Phonics'] }
		);
		expect(conflicts.map((c) => c.path)).toEqual([['actionsForAdults']]);
	});

	it('with no common ancestor, calls every field that differs a conflict rather than guess', () => {
		const { conflicts } = mergeDocuments(
			{},
			{ a: 1, b: { c: 'x' }, same: true },
			{ a: 2, b: { c: 'y' }, same: true }
		);
		expect(conflicts.map((c) => c.path)).toEqual([['a'], ['b', 'c']]);
	});
});

describe('paths into a document', () => {
	const doc = {
		subjects: [{ subjectId: 's-0001', course: 'Maths' }],
		meetingPage: { summary: 'x' }
	};

	it('reads and writes through lists by item id', () => {
		expect(getAtPath(doc, ['subjects', 's-0001', 'course'])).toBe('Maths');
		const changed = setAtPath(doc, ['subjects', 's-0001', 'course'], 'Further maths');
		expect(changed.subjects[0]?.course).toBe('Further maths');
		expect(doc.subjects[0]?.course).toBe('Maths');
	});

	it('restores a deleted item when it is set again, and removes a field set to undefined', () => {
		const restored = setAtPath({ subjects: [] }, ['subjects', 's-0001'], doc.subjects[0]);
		expect(restored.subjects).toEqual(doc.subjects);
		expect(setAtPath(doc, ['meetingPage', 'summary'], undefined).meetingPage).toEqual({});
	});

	it('lists what changed in the same terms as a conflict', () => {
		const edited = setAtPath(doc, ['subjects', 's-0001', 'course'], 'Statistics');
		expect(changedPaths(doc, edited)).toEqual([['subjects', 's-0001', 'course']]);
	});
});

// ---------------------------------------------------------------------------------------------
// Properties over random documents and random edits on two sides.

const keys = ['a', 'b', 'c', 'd'];
const leaf = fc.oneof(
	fc.constantFrom('', 'x', 'y', 'zz'),
	fc.integer({ min: 0, max: 3 }),
	fc.boolean(),
	fc.constant(null)
);
const targetId = fc.constantFrom('t-0001', 't-0002', 't-0003', 't-0004', 't-0005');
const item = fc.record({ targetId, text: leaf, note: leaf });
const keyedList = fc.uniqueArray(item, { selector: (i) => i.targetId, maxLength: 4 });

const { value: valueArb } = fc.letrec<{ value: unknown; record: Record<string, unknown> }>(
	(tie) => ({
		value: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			leaf,
			tie('record'),
			keyedList,
			fc.array(leaf, { maxLength: 3 })
		),
		record: fc.dictionary(fc.constantFrom(...keys), tie('value'), { maxKeys: 4 })
	})
);
const docArb = fc.dictionary(fc.constantFrom(...keys), valueArb, { maxKeys: 4 });

/** One random edit, applied wherever `pick` lands among the places an edit can go. */
const editArb = fc.record({
	kind: fc.constantFrom('set', 'delete', 'add-item', 'remove-item', 'move-item', 'edit-item'),
	pick: fc.nat(),
	key: fc.constantFrom(...keys),
	value: valueArb,
	item
});
type Edit = typeof editArb extends fc.Arbitrary<infer E> ? E : never;

function placesIn(value: unknown, path: Path = []): { path: Path; list: boolean }[] {
	if (Array.isArray(value)) {
		const keyed = value.every((i) => isRecord(i) && typeof i.targetId === 'string');
		if (!keyed) return [];
		return [
			{ path, list: true },
			...value.flatMap((i) => placesIn(i, [...path, (i as { targetId: string }).targetId]))
		];
	}
	if (!isRecord(value)) return [];
	return [
		{ path, list: false },
		...Object.entries(value).flatMap(([k, v]) => placesIn(v, [...path, k]))
	];
}

function applyEdit(doc: Record<string, unknown>, edit: Edit): Record<string, unknown> {
	const wantList = edit.kind.endsWith('-item');
	const places = placesIn(doc).filter((p) => p.list === wantList);
	if (places.length === 0) return doc;
	const { path } = places[edit.pick % places.length]!;
	const at = getAtPath(doc, path);
	switch (edit.kind) {
		case 'set':
			return setAtPath(doc, [...path, edit.key], edit.value);
		case 'delete':
			return setAtPath(doc, [...path, edit.key], undefined);
		case 'add-item':
			return (at as { targetId: string }[]).some((i) => i.targetId === edit.item.targetId)
				? doc
				: setAtPath(doc, path, [...(at as unknown[]), edit.item]);
		default: {
			const list = at as { targetId: string }[];
			if (list.length === 0) return doc;
			const chosen = list[edit.pick % list.length]!;
			if (edit.kind === 'remove-item') return setAtPath(doc, [...path, chosen.targetId], undefined);
			if (edit.kind === 'edit-item')
				return setAtPath(doc, [...path, chosen.targetId, 'text'], edit.item.text);
			return setAtPath(doc, path, [chosen, ...list.filter((i) => i !== chosen)]);
		}
	}
}

const scenario = fc
	.record({
		base: docArb,
		ourEdits: fc.array(editArb, { maxLength: 5 }),
		theirEdits: fc.array(editArb, { maxLength: 5 })
	})
	.map(({ base, ourEdits, theirEdits }) => ({
		base,
		ours: ourEdits.reduce(applyEdit, base),
		theirs: theirEdits.reduce(applyEdit, base)
	}));

const key = (path: Path) => JSON.stringify(path);
const byPath = (conflicts: FieldConflict[]) => new Map(conflicts.map((c) => [key(c.path), c]));
const isPrefix = (a: Path, b: Path) => a.length <= b.length && a.every((s, i) => s === b[i]);

describe('merging, for any documents and any edits', () => {
	it('finds the same conflicts whichever side is ours, with the two values swapped', () => {
		fc.assert(
			fc.property(scenario, ({ base, ours, theirs }) => {
				const one = byPath(mergeDocuments(base, ours, theirs).conflicts);
				const other = byPath(mergeDocuments(base, theirs, ours).conflicts);
				expect([...one.keys()].sort()).toEqual([...other.keys()].sort());
				for (const [path, c] of one) {
					expect(other.get(path)).toEqual({ ...c, ours: c.theirs, theirs: c.ours });
				}
			}),
			{ numRuns: 500, seed: 20250107 }
		);
	});

	it('keeps every edit made on one side only', () => {
		fc.assert(
			fc.property(scenario, ({ base, ours, theirs }) => {
				const { merged } = mergeDocuments(base, ours, theirs);
				const ourChanges = changedPaths(base, ours);
				const theirChanges = changedPaths(base, theirs);
				const oneSided = (mine: Path[], other: Path[]) =>
					mine.filter((p) => !other.some((q) => isPrefix(p, q) || isPrefix(q, p)));
				for (const p of oneSided(ourChanges, theirChanges)) {
					expect(deepEqual(getAtPath(merged, p), getAtPath(ours, p))).toBe(true);
				}
				for (const p of oneSided(theirChanges, ourChanges)) {
					expect(deepEqual(getAtPath(merged, p), getAtPath(theirs, p))).toBe(true);
				}
			}),
			{ numRuns: 500, seed: 20250107 }
		);
	});

	it('gives the same document whichever side is ours when nothing conflicts', () => {
		fc.assert(
			fc.property(scenario, ({ base, ours, theirs }) => {
				const one = mergeDocuments(base, ours, theirs);
				fc.pre(one.conflicts.length === 0);
				expect(mergeDocuments(base, theirs, ours).merged).toEqual(one.merged);
				expect(deepEqual(mergeDocuments(base, theirs, ours).merged, one.merged)).toBe(true);
			}),
			{ numRuns: 500, seed: 20250107 }
		);
	});

	it('changes nothing when only one side edited', () => {
		fc.assert(
			fc.property(scenario, ({ base, ours }) => {
				const { merged, conflicts } = mergeDocuments(base, ours, base);
				expect(conflicts).toEqual([]);
				expect(deepEqual(merged, ours)).toBe(true);
			}),
			{ numRuns: 200, seed: 20250107 }
		);
	});
});
