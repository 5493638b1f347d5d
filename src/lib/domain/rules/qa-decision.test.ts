import { describe, expect, it } from 'vitest';
import { qaChecklist, type QaChecklist } from '../schemas/qa';
import {
	currentGrade,
	prefilledChecklist,
	qaDecisionBlockers,
	type QaDecisionInput
} from './qa-decision';

const allYes: QaChecklist = qaChecklist.parse({
	completedWithinTimescale: 'yes',
	careInformationComplete: 'yes',
	relevantPeopleContributed: 'yes',
	childVoiceRecorded: 'yes',
	strengthsAndDevelopmentIdentified: 'yes',
	targetsReflectDevelopment: 'yes',
	targetsClearWithStrategies: 'yes'
});

const input = (
	over: Partial<QaDecisionInput> = {},
	qa: Partial<QaDecisionInput['qa']> = {}
): QaDecisionInput => ({
	role: 'virtual-school',
	header: {
		status: 'dt-signed',
		kind: 'school-age',
		meeting: { plannedMinutes: 45, mode: 'in-person', date: '2026-11-12' }
	},
	qa: { checklist: allYes, feedback: '', fixes: [], ...qa },
	scheme: 'meets-standard',
	today: '2026-11-23',
	...over
});
const messages = (...args: Parameters<typeof qaDecisionBlockers>) =>
	qaDecisionBlockers(...args).map((b) => b.message);

describe('passing or returning a PEP at quality assurance', () => {
	it('passes a PEP that meets every item of the checklist', () => {
		expect(messages('passed', input())).toEqual([]);
	});

	it('will not pass with unanswered questions, and says how many', () => {
		const checklist = { ...allYes, childVoiceRecorded: null, careInformationComplete: null };
		expect(messages('passed', input({}, { checklist }))).toEqual([
			'Answer every checklist question: 2 are not answered yet.'
		]);
	});

	it('will not pass a PEP whose grade says it needs development', () => {
		const checklist = { ...allYes, targetsReflectDevelopment: 'no' as const };
		expect(messages('passed', input({}, { checklist }))[0]).toContain(
			'return the PEP as needing development instead'
		);
		expect(
			messages('passed', input({ scheme: 'rag' }, { grade: { scheme: 'rag', value: 'red' } }))[0]
		).toContain('“Red”');
	});

	it('asks for a grade under a scheme where the officer chooses it', () => {
		expect(messages('passed', input({ scheme: 'graded' }))).toEqual(['Choose a grade.']);
		expect(
			messages(
				'passed',
				input({ scheme: 'graded' }, { grade: { scheme: 'graded', value: 'good' } })
			)
		).toEqual([]);
	});

	it('returns a PEP only with feedback or something to fix, each fix said', () => {
		expect(messages('returned', input())).toEqual([
			'Say what needs to be improved before returning the PEP.'
		]);
		expect(messages('returned', input({}, { feedback: 'Add a science target.' }))).toEqual([]);
		expect(messages('returned', input({}, { fixes: [{ part: 'targets', what: ' ' }] }))).toEqual([
			'Say what needs fixing in item 1 of the list, or remove it.'
		]);
	});

	it('says who can decide, and when', () => {
		expect(messages('passed', input({ role: 'designated-teacher' }))).toEqual([
			'Only a virtual school officer can do this.'
		]);
		expect(
			messages('returned', input({ header: { ...input().header, status: 'sw-signed' } }))[0]
		).toBe(
			'A PEP that is signed by the social worker cannot become returned as needing development.'
		);
	});
});

describe('the grade and the pre-filled checklist', () => {
	it('follows the checklist under Walsall’s scheme, and the officer’s choice under others', () => {
		expect(currentGrade('meets-standard', allYes, undefined)).toEqual({
			scheme: 'meets-standard',
			value: 'meets'
		});
		expect(currentGrade('rag', allYes, { scheme: 'graded', value: 'good' })).toBeNull();
		expect(currentGrade('rag', allYes, { scheme: 'rag', value: 'green' })).toEqual({
			scheme: 'rag',
			value: 'green'
		});
	});

	it('ticks what the data shows, and leaves what a person must judge, and what they answered', () => {
		const checklist = { ...qaChecklist.parse({}), childVoiceRecorded: 'no' as const };
		const filled = prefilledChecklist(checklist, [
			{ item: 'completedWithinTimescale', suggestion: 'yes', reason: '' },
			{ item: 'childVoiceRecorded', suggestion: 'yes', reason: '' },
			{ item: 'relevantPeopleContributed', suggestion: null, reason: '' }
		]);
		expect(filled.completedWithinTimescale).toBe('yes');
		expect(filled.childVoiceRecorded).toBe('no');
		expect(filled.relevantPeopleContributed).toBeNull();
	});
});
