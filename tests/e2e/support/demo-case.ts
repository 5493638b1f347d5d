/**
 * Which child and PEP of the demo a journey works on. The demo is the fixture generator's
 * (src/lib/server/demo/seed.ts: seed 2026, 40 children, as of the server's first day), so the
 * test can work out the same caseloads the server made and choose a PEP no other spec touches.
 */
import { generateAuthority } from '../../../src/lib/domain/fixtures/generator';
import type { ChildProfile } from '../../../src/lib/domain/schemas/child';
import type { PepHeader } from '../../../src/lib/domain/schemas/pep';

export interface DemoCase {
	childId: string;
	familyName: string;
	pep: PepHeader;
}

/** The demo as the server made it, and the people whose caseloads the journeys share out. */
function demoCaseloads(today: string) {
	const demo = generateAuthority({ seed: 2026, children: 40, years: 3, today });
	const held = new Map(
		demo.assignments.map((a) => [
			a.userId,
			a.childIds.length + a.schoolIds.length + a.authorityIds.length
		])
	);
	// As the seed does: the first of each role is the one with the biggest caseload.
	const people = [...demo.users].sort(
		(a, b) => (held.get(b.userId) ?? 0) - (held.get(a.userId) ?? 0)
	);
	const assignmentOf = (role: string) => {
		const person = people.find((p) => p.role === role)!;
		return demo.assignments.find((a) => a.userId === person.userId)!;
	};
	const byFamilyName = (a: ChildProfile, b: ChildProfile) =>
		a.person.familyName.localeCompare(b.person.familyName);
	const worker = assignmentOf('social-worker');
	const adviser = assignmentOf('personal-adviser');
	const teacher = assignmentOf('designated-teacher');
	const youngPerson = assignmentOf('young-person');
	const carer = assignmentOf('carer');
	const caseload = demo.children
		.filter((c) => worker.childIds.includes(c.childId))
		.sort(byFamilyName);
	const atSchool = demo.children
		.filter((c) => c.schoolId && teacher.schoolIds.includes(c.schoolId))
		.sort(byFamilyName);
	return { demo, worker, teacher, adviser, youngPerson, carer, caseload, atSchool };
}

/**
 * A child of the demo social worker's caseload at the demo designated teacher's school, with a PEP
 * still being prepared whose young person has given their views. Not the first two or the last of
 * the social worker's children by family name: the other specs work on those.
 */
export function sectionBCase(today = new Date().toISOString().slice(0, 10)): DemoCase {
	const { demo, teacher, caseload } = demoCaseloads(today);
	const taken = new Set(
		[caseload[0], caseload[1], caseload.at(-1)].map((c) => c?.person.familyName)
	);
	const ids = new Set(demo.documents.map((d) => d._id));
	for (const child of caseload) {
		if (taken.has(child.person.familyName)) continue;
		if (!child.schoolId || !teacher.schoolIds.includes(child.schoolId)) continue;
		const pep = demo.documents
			.filter((d): d is PepHeader => d.type === 'pep' && d.childId === child.childId)
			.filter((p) => p.status === 'draft' && p.kind !== 'post-16')
			.find((p) => ids.has(`${p._id}:voice`));
		if (pep) return { childId: child.childId, familyName: child.person.familyName, pep };
	}
	throw new Error('The demo has no PEP being prepared at the designated teacher’s school.');
}

/**
 * For meeting mode: a child both the demo social worker and designated teacher hold, with a PEP
 * still being prepared, that no other journey edits — not the social worker's first two, fourth
 * or last by family name, nor the designated teacher's first, nor Section B's child, nor the demo
 * young person, nor the child whose plan the sharing journey shares. Taken from the end of the
 * caseload, away from the children the others take from the start.
 */
export function meetingModeCase(today = new Date().toISOString().slice(0, 10)): DemoCase {
	const { demo, teacher, youngPerson, caseload, atSchool } = demoCaseloads(today);
	const headers = demo.documents
		.filter((d): d is PepHeader => d.type === 'pep')
		.sort((a, b) => a._id.localeCompare(b._id));
	const avoided = new Set(
		[caseload[0], caseload[1], caseload.at(-1)].map((c) => c?.person.familyName)
	);
	const shared = headers.find(
		(h) =>
			h.status === 'qa-passed' &&
			caseload.some((c) => c.childId === h.childId && !avoided.has(c.person.familyName))
	);
	const taken = new Set([
		...[caseload[0], caseload[1], caseload[3], caseload.at(-1), atSchool[0]].map((c) => c?.childId),
		sectionBCase(today).childId,
		...youngPerson.childIds,
		shared?.childId
	]);
	for (const child of [...caseload].reverse()) {
		if (taken.has(child.childId)) continue;
		if (!child.schoolId || !teacher.schoolIds.includes(child.schoolId)) continue;
		const pep = headers.find(
			(p) => p.childId === child.childId && p.status === 'draft' && p.kind !== 'post-16'
		);
		if (pep) return { childId: child.childId, familyName: child.person.familyName, pep };
	}
	throw new Error('The demo has no PEP for meeting mode that other journeys leave alone.');
}

/**
 * For the Derbyshire PETP journey: a young person not in education, employment or training whom
 * both the demo personal adviser and the demo social worker hold. Not the adviser's first by
 * family name, whom the other PETP journey starts a plan for.
 */
export function neetPetpCase(today = new Date().toISOString().slice(0, 10)) {
	const { demo, adviser, caseload } = demoCaseloads(today);
	const advised = demo.children
		.filter((c) => adviser.childIds.includes(c.childId))
		.sort((a, b) => a.person.familyName.localeCompare(b.person.familyName));
	const child = advised
		.slice(1)
		.find((c) => c.eetStatus === 'neet' && caseload.some((mine) => mine.childId === c.childId));
	if (!child)
		throw new Error('The demo has no NEET young person the adviser and social worker share.');
	return { childId: child.childId, familyName: child.person.familyName };
}

/**
 * For the Walsall Post-16 journey (seed 001): a young person in Year 12 or 13 in education at the
 * demo designated teacher's college or sixth form, on the demo social worker's caseload, with a
 * PEP meeting already held for a review to follow. None another journey uses: not the social
 * worker's first four or last by family name, nor the designated teacher's first, nor the children
 * of the demo young person or carer, nor the child of Section B, meeting mode, the NEET PETP or the
 * invitations journey. And after, by id, the child whose plan the sharing journey shares, so that
 * while this new PEP has passed quality assurance the sharing journey still finds its own first.
 */
export function walsallPost16Case(today = new Date().toISOString().slice(0, 10)) {
	const { demo, worker, teacher, youngPerson, carer, caseload, atSchool } = demoCaseloads(today);
	const headers = demo.documents
		.filter((d): d is PepHeader => d.type === 'pep')
		.sort((a, b) => a._id.localeCompare(b._id));
	const avoided = new Set(
		[caseload[0], caseload[1], caseload.at(-1)].map((c) => c?.person.familyName)
	);
	const shared = headers.find(
		(h) =>
			h.status === 'qa-passed' &&
			caseload.some((c) => c.childId === h.childId && !avoided.has(c.person.familyName))
	);
	// The invitations journey's child: the middle one, by id, of the social worker's with a PEP.
	const withPeps = worker.childIds.filter((id) => headers.some((h) => h.childId === id));
	const taken = new Set([
		...[caseload[0], caseload[1], caseload[2], caseload[3], caseload.at(-1), atSchool[0]].map(
			(c) => c?.childId
		),
		sectionBCase(today).childId,
		meetingModeCase(today).childId,
		neetPetpCase(today).childId,
		withPeps[Math.floor(withPeps.length / 2)],
		...youngPerson.childIds,
		...carer.childIds,
		shared?.childId
	]);
	const child = caseload.find(
		(c) =>
			!taken.has(c.childId) &&
			!avoided.has(c.person.familyName) &&
			(c.yearGroup === 'Y12' || c.yearGroup === 'Y13') &&
			c.eetStatus === 'education' &&
			!!c.schoolId &&
			teacher.schoolIds.includes(c.schoolId) &&
			(!shared || c.childId > shared.childId) &&
			headers.some((h) => h.childId === c.childId && h.status !== 'draft')
	);
	if (!child)
		throw new Error(
			'The demo has no post-16 young person in education that the designated teacher and social worker share and no other journey uses.'
		);
	return {
		childId: child.childId,
		familyName: child.person.familyName,
		/** The name the screens call them by. */
		knownAs: child.person.preferredName ?? child.person.givenName
	};
}

/**
 * For the two-device conflict journey, which runs after all the others: a child of the demo social
 * worker with a school-age PEP still being prepared, whose Section A the social worker can edit,
 * that no other journey touches. Not one chosen by place in a list: children who share a family
 * name sit in the home list in no fixed order, so none with the name of the first four or the
 * last of the caseload, which other journeys open by place.
 */
export function conflictCase(today = new Date().toISOString().slice(0, 10)): DemoCase {
	const { demo, worker, youngPerson, carer, caseload } = demoCaseloads(today);
	const headers = demo.documents
		.filter((d): d is PepHeader => d.type === 'pep')
		.sort((a, b) => a._id.localeCompare(b._id));
	const byPlace = new Set(
		[caseload[0], caseload[1], caseload[2], caseload[3], caseload.at(-1)].map(
			(c) => c?.person.familyName
		)
	);
	const withPeps = worker.childIds.filter((id) => headers.some((h) => h.childId === id));
	const taken = new Set([
		sectionBCase(today).childId,
		meetingModeCase(today).childId,
		neetPetpCase(today).childId,
		walsallPost16Case(today).childId,
		withPeps[Math.floor(withPeps.length / 2)],
		headers.find((h) => h.status === 'qa-passed' && worker.childIds.includes(h.childId))?.childId,
		...youngPerson.childIds,
		...carer.childIds
	]);
	for (const child of [...caseload].reverse()) {
		if (taken.has(child.childId) || byPlace.has(child.person.familyName)) continue;
		const pep = headers.find(
			(p) => p.childId === child.childId && p.status === 'draft' && p.kind === 'school-age'
		);
		if (pep) return { childId: child.childId, familyName: child.person.familyName, pep };
	}
	throw new Error('The demo has no PEP being prepared for the conflict journey to use.');
}
