import { describe, expect, it } from 'vitest';
import { generateAuthority } from '$lib/domain/fixtures/generator';
import type { PepHeader } from '$lib/domain/schemas/pep';
import { buildCaseload, caseloadRows, filterCaseload, waitingFor } from './caseload';

const today = '2026-11-23';
const fixture = generateAuthority({ seed: 5, children: 30, years: 2, today });
const peps = fixture.documents.filter((d): d is PepHeader => d.type === 'pep');
const rows = buildCaseload(fixture.children, peps, today);

describe('the caseload on the home screen', () => {
	it('has every child once, with the next step of their latest PEP', () => {
		expect(rows).toHaveLength(30);
		for (const row of rows) {
			const theirs = peps.filter((p) => p.childId === row.child.childId);
			if (theirs.length === 0) {
				expect(row.latestPep).toBeNull();
				continue;
			}
			const latest = theirs
				.map((p) => p.meeting.date ?? p.dueBy)
				.sort()
				.at(-1);
			expect(row.latestPep!.meeting.date ?? row.latestPep!.dueBy).toBe(latest);
		}
		expect(rows.some((row) => row.step !== null)).toBe(true);
	});

	it('finds children by any part of their name, setting or year, in any order', () => {
		const someone = rows[7]!;
		const [given, family] = someone.name.split(' ');
		expect(filterCaseload(rows, family!.slice(0, 3).toUpperCase())).toContain(someone);
		expect(filterCaseload(rows, `${family} ${given}`)).toContain(someone);
		expect(filterCaseload(rows, '   ')).toHaveLength(30);
		expect(filterCaseload(rows, 'zzzz-nobody')).toEqual([]);
	});

	it('lists for each role only the steps that role can take, overdue first', () => {
		const forTeacher = waitingFor('designated-teacher', rows, peps, today);
		expect(forTeacher.every((item) => item.step.waitingOn.includes('designated-teacher'))).toBe(
			true
		);
		const overdue = forTeacher.map((item) => item.step.overdue);
		expect(overdue).toEqual([...overdue].sort((a, b) => Number(b) - Number(a)));
		expect(waitingFor('carer', rows, peps, today)).toEqual([]);
	});
});

describe('the rows for the home screen', () => {
	it('are built once for the same documents and day, and again for a new day', () => {
		const docs = { children: fixture.children, peps, authority: null, unreadable: [] };
		const once = caseloadRows(docs, today);
		expect(once).toEqual(rows);
		expect(caseloadRows(docs, today)).toBe(once);
		expect(caseloadRows(docs, '2027-01-04')).not.toBe(once);
	});
});
