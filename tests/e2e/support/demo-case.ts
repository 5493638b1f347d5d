/**
 * Which child and PEP of the demo a journey works on. The server makes its demo as of the test
 * day (`PEP_DEMO_DAY`, from support/test-day.ts), and so does this: each journey that changes a
 * record has a member of the demo's cast of its own (src/lib/domain/fixtures/cast.ts), whose
 * current PEP is in the state the journey starts from on any day of the year. Nothing here
 * searches the demo for a PEP that happens to fit.
 */
import { generateDemo } from '../../../src/lib/domain/fixtures/demo';
import type { CastRole } from '../../../src/lib/domain/fixtures/cast';
import type { CastMember } from '../../../src/lib/domain/fixtures/generator';
import type { PepHeader } from '../../../src/lib/domain/schemas/pep';
import { testDay } from './test-day';

export interface DemoCase extends CastMember {
	/** The current PEP's header, as the demo made it. */
	pep: PepHeader;
	/** The name the screens call them by. */
	knownAs: string;
}

const demo = generateDemo(testDay);

/** The cast member playing `role`, and their current PEP. */
export function demoCase(role: CastRole): DemoCase {
	const member = demo.cast[role];
	if (!member) throw new Error(`The demo has no ${role} in its cast.`);
	const pep = demo.documents.find(
		(d): d is PepHeader => d.type === 'pep' && d.pepId === member.pepId
	)!;
	const child = demo.children.find((c) => c.childId === member.childId)!;
	return { ...member, pep, knownAs: child.person.preferredName ?? child.person.givenName };
}

/**
 * The newest plan shared for `childId` as the demo made it (the newest by meeting, as a young
 * person's or a carer's home page takes it), and the day it was shared.
 */
export function sharedPlanOf(childId: string): { pep: PepHeader; sharedOn: string } {
	const shared = demo.documents
		.filter((d): d is PepHeader => d.type === 'pep' && d.childId === childId)
		.filter((pep) => pep.status === 'shared')
		.sort((a, b) => (b.meeting.date ?? b.dueBy).localeCompare(a.meeting.date ?? a.dueBy));
	const pep = shared[0];
	const at = pep?.history.findLast((h) => h.status === 'shared')?.at;
	if (!pep || !at) throw new Error(`The demo shared no plan for child ${childId}.`);
	return { pep, sharedOn: at.slice(0, 10) };
}

/** A child of the demo no journey of the cast plays, for a journey that only needs to read one. */
export function bystander(): { childId: string; name: string } {
	const cast = new Set(Object.values(demo.cast).map((member) => member?.childId));
	const child = demo.children.find((c) => !cast.has(c.childId));
	if (!child) throw new Error('Every child of the demo is in its cast.');
	const { preferredName, givenName, familyName } = child.person;
	return { childId: child.childId, name: `${preferredName ?? givenName} ${familyName}` };
}

/** Each journey's child. */
export const sectionBCase = () => demoCase('sectionB');
export const meetingModeCase = () => demoCase('meetingThisWeek');
export const neetPetpCase = () => demoCase('neet');
export const walsallPost16Case = () => demoCase('aLevels');
export const conflictCase = () => demoCase('conflict');
export const liveRecordCase = () => demoCase('liveRecord');
export const liveCaseloadCase = () => demoCase('liveCaseload');
export const liveQaCase = () => demoCase('liveQa');
export const liveMeetingCase = () => demoCase('liveMeeting');
export const queuedForQaCase = () => demoCase('queuedForQa');
/** Returned by the Virtual School for changes; no journey changes it. */
export const returnedCase = () => demoCase('returned');
/** A PEP being prepared for this term, the term a review started now would be for. */
export const duplicatePepCase = () => demoCase('duplicatePep');
