import { describe, expect, it } from 'vitest';
import { parseDocument } from '../documents';
import { ids } from '../ids';
import { newChildDocument, newPartDocument, partDefaults } from './new-documents';

const header = {
	childId: 'child-0001',
	authorityId: 'walsall',
	schoolId: 'school-0001',
	pepId: 'pep-0001',
	term: 'spring' as const
};

describe('a new document of a child’s record', () => {
	it('carries its type, version and the child’s stamps', () => {
		expect(newChildDocument('attachment', header)).toEqual({
			type: 'attachment',
			schemaVersion: 1,
			childId: 'child-0001',
			authorityId: 'walsall',
			schoolId: 'school-0001'
		});
	});

	it('a part carries its PEP too, and Section B the PEP’s term', () => {
		expect(newPartDocument('pep-b', header)).toMatchObject({
			type: 'pep-b',
			pepId: 'pep-0001',
			term: 'spring'
		});
		expect(partDefaults('pep-targets', header)).toEqual({});
	});

	it('every part a page starts is a valid document of its kind as it stands', () => {
		const parts = {
			'pep-a': 'a',
			'pep-b': 'b',
			'pep-targets': 'targets',
			'pep-voice': 'voice',
			'pep-carer': 'carer'
		} as const;
		for (const [kind, part] of Object.entries(parts)) {
			const _id = ids.pepPart(header.childId, header.pepId, part);
			const result = parseDocument({
				...newPartDocument(kind as keyof typeof parts, header),
				_id,
				// The record stamps who wrote it as it writes.
				updated: { by: 'user-0001', at: '2026-12-01T10:00:00.000Z' }
			});
			expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
		}
	});
});
