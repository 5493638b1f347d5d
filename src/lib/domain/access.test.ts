import { describe, expect, it } from 'vitest';
import { headerAsReadBy } from './access';

const header = {
	_id: 'child:c1:pep:p1',
	_rev: '3-abc',
	status: 'qa-returned',
	meeting: { date: '2027-01-12', place: 'Oakfield School' },
	chair: { role: 'social-worker', name: 'Sam', userId: 'sw-1' },
	invitees: [
		{ inviteeId: 'i1', name: 'Pat', role: 'parent', contact: '07700 900123', userId: 'u-pat' },
		{
			inviteeId: 'i2',
			name: 'Alex',
			role: 'young-person',
			contact: 'alex@example.org',
			userId: 'yp-1'
		}
	],
	history: [{ status: 'qa-returned', at: '2027-01-20T10:00:00Z', by: 'vs-1', note: 'Not SMART' }]
};

describe('a PEP header as each role reads it', () => {
	it('is whole for the professionals', () => {
		for (const role of [
			'social-worker',
			'designated-teacher',
			'virtual-school',
			'personal-adviser',
			'iro'
		] as const) {
			expect(headerAsReadBy(header, role, 'anyone')).toBe(header);
		}
	});

	it("leaves out other people's contacts and accounts, and the notes, for a family reader", () => {
		const seen = headerAsReadBy(header, 'young-person', 'yp-1');
		expect(seen).toEqual({
			_id: 'child:c1:pep:p1',
			_rev: '3-abc',
			status: 'qa-returned',
			meeting: header.meeting,
			chair: { role: 'social-worker', name: 'Sam' },
			invitees: [
				{ inviteeId: 'i1', name: 'Pat', role: 'parent' },
				{ inviteeId: 'i2', name: 'Alex', role: 'young-person', userId: 'yp-1' }
			],
			history: [{ status: 'qa-returned', at: '2027-01-20T10:00:00Z', by: 'vs-1' }]
		});
		expect(JSON.stringify(headerAsReadBy(header, 'carer', 'carer-1'))).not.toMatch(
			/07700|example\.org|Not SMART|u-pat|yp-1|sw-1/
		);
		// The stored document is not changed.
		expect(header.invitees[0]!.contact).toBe('07700 900123');
	});

	it('takes fields away and adds none, whatever shape the stored document has', () => {
		const odd = { _id: 'child:c1:pep:p2', invitees: 'not a list', history: [null, 3], chair: [] };
		expect(headerAsReadBy(odd, 'carer', 'c')).toEqual(odd);
	});
});
