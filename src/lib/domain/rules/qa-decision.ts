/**
 * Section D's decision: pass the PEP, or return it to the designated teacher and social worker as
 * needing development. Says, in words, everything that stands in the way of each, so a disabled
 * button can always say why. The status rules themselves are lifecycle.ts's.
 */
import type { GradingScheme } from '../schemas/authority';
import type { PepHeader } from '../schemas/pep';
import { qaChecklistItems, type Qa, type QaChecklist, type QaGrade } from '../schemas/qa';
import type { Role } from '../schemas/users';
import { overallGrade, suggestedGrade } from './grading';
import { transitionBlockers } from './lifecycle';
import type { Blocker } from './reasons';
import type { Precheck } from './qa-precheck';

export type QaDecision = 'passed' | 'returned';

export interface QaDecisionInput {
	role: Role;
	header: Pick<PepHeader, 'status' | 'meeting' | 'kind'>;
	qa: Pick<Qa, 'checklist' | 'grade' | 'feedback' | 'fixes'>;
	scheme: GradingScheme;
	today: string;
}

/**
 * The grade as it stands: under Walsall's scheme it follows from the checklist alone; under the
 * others it is what the officer chose, if it was chosen under this scheme.
 */
export function currentGrade(
	scheme: GradingScheme,
	checklist: QaChecklist,
	chosen: QaGrade | undefined
): QaGrade | null {
	if (scheme === 'meets-standard') return suggestedGrade(scheme, checklist);
	return chosen?.scheme === scheme ? chosen : null;
}

/** Why the officer cannot make this decision now; empty when they can. */
export function qaDecisionBlockers(decision: QaDecision, input: QaDecisionInput): Blocker[] {
	const { qa, scheme } = input;
	const blockers = transitionBlockers(
		decision === 'passed' ? 'qa-passed' : 'qa-returned',
		input.role,
		{
			header: input.header,
			qa: { ...qa, outcome: decision },
			today: input.today
		}
	);
	// Only the status and role matter when those already stand in the way.
	if (blockers.some((b) => b.part === 'status')) return blockers;

	const unanswered = qaChecklistItems.filter((item) => qa.checklist[item] === null).length;
	const grade = currentGrade(scheme, qa.checklist, qa.grade);
	if (decision === 'passed') {
		if (unanswered > 0) {
			blockers.push({
				part: 'qa',
				field: 'checklist',
				message: `Answer every checklist question: ${unanswered} ${unanswered === 1 ? 'is' : 'are'} not answered yet.`
			});
		}
		if (!grade && scheme !== 'meets-standard') {
			blockers.push({ part: 'qa', field: 'grade', message: 'Choose a grade.' });
		}
		if (grade && overallGrade(grade).needsDevelopment) {
			blockers.push({
				part: 'qa',
				field: 'grade',
				message: `The grade is “${overallGrade(grade).label}”: return the PEP as needing development instead.`
			});
		}
		// The lifecycle asks for a passed outcome, which this decision is about to record.
		return blockers.filter(
			(b) => b.message !== 'Complete the quality assurance checklist and grade.'
		);
	}
	const emptyFix = qa.fixes.findIndex((fix) => fix.what.trim().length === 0);
	if (emptyFix >= 0) {
		blockers.push({
			part: 'qa',
			field: 'fixes',
			message: `Say what needs fixing in item ${emptyFix + 1} of the list, or remove it.`
		});
	}
	return blockers.filter((b) => b.message !== 'Record the outcome of quality assurance.');
}

/** The checklist with every unanswered item filled from the pre-check's suggestion, if it has one. */
export function prefilledChecklist(checklist: QaChecklist, prechecks: Precheck[]): QaChecklist {
	const filled = { ...checklist };
	for (const check of prechecks) {
		if (filled[check.item] === null && check.suggestion) filled[check.item] = check.suggestion;
	}
	return filled;
}
