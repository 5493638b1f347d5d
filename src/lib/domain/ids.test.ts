import { describe, expect, it } from 'vitest';
import { childIdOf, ids, idOfKind, newId, parseId } from './ids';

describe('document ids', () => {
	it('reads every kind of id back to what it names', () => {
		expect(parseId(ids.authority('walsall'))).toEqual({
			kind: 'authority',
			authorityId: 'walsall'
		});
		expect(parseId(ids.assignment('user-1'))).toEqual({ kind: 'assignment', userId: 'user-1' });
		expect(parseId(ids.child('child01'))).toEqual({ kind: 'child', childId: 'child01' });
		expect(parseId(ids.childAttachment('child01', 'att01'))).toEqual({
			kind: 'child-attachment',
			childId: 'child01',
			attachmentId: 'att01'
		});
		expect(parseId(ids.pep('child01', 'pep01'))).toEqual({
			kind: 'pep',
			childId: 'child01',
			pepId: 'pep01'
		});
		expect(parseId(ids.pepPart('child01', 'pep01', 'voice'))).toEqual({
			kind: 'pep-voice',
			childId: 'child01',
			pepId: 'pep01',
			part: 'voice'
		});
		expect(parseId(ids.pepAttachment('child01', 'pep01', 'att01'))).toMatchObject({
			kind: 'pep-attachment',
			attachmentId: 'att01'
		});
	});

	it('refuses ids that name nothing, or smuggle in separators', () => {
		for (const bad of [
			'',
			'child:',
			'child:ab',
			'child:child01:pep:pep01:secret',
			'child:child01:pep:pep01:a:extra',
			'child:../etc:pep:pep01',
			'_design/x',
			'child:child01 '
		]) {
			expect(parseId(bad), bad).toBeNull();
		}
	});

	it('will not build an id from a value that is not opaque', () => {
		expect(() => ids.child('Jamie Example')).toThrow(/letters, digits/);
	});

	it('says which child an id belongs to', () => {
		expect(childIdOf(ids.pepPart('child01', 'pep01', 'qa'))).toBe('child01');
		expect(childIdOf(ids.assignment('user-1'))).toBeNull();
		expect(childIdOf('nonsense')).toBeNull();
	});

	it('checks an id field is of the expected kind', () => {
		expect(idOfKind('pep').safeParse(ids.pep('child01', 'pep01')).success).toBe(true);
		const wrong = idOfKind('pep').safeParse(ids.child('child01'));
		expect(wrong.error?.issues[0]?.message).toBe('must be the id of a pep document');
	});

	it('makes random opaque ids that differ', () => {
		const made = new Set(Array.from({ length: 1000 }, () => newId()));
		expect(made.size).toBe(1000);
		for (const id of made) expect(id).toMatch(/^[a-z0-9]{16}$/);
		expect(newId(() => new Uint8Array(16))).toBe('aaaaaaaaaaaaaaaa');
	});
});
