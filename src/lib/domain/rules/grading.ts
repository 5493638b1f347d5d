/**
 * Section D's grade under each authority's scheme. Walsall's grade follows from the checklist
 * alone (every item Yes meets the expected standard); a Gold/Green/Amber/Red grade rolls up to
 * the lowest section, so one weak section is never averaged away.
 */
import type { GradingScheme } from '../schemas/authority';
import { qaChecklistItems, type QaChecklist, type QaGrade } from '../schemas/qa';

/** Walsall's rule: null while any item is unanswered. */
export function checklistOutcome(checklist: QaChecklist): 'meets' | 'does-not-meet' | null {
	const answers = qaChecklistItems.map((item) => checklist[item]);
	if (answers.some((a) => a === null)) return null;
	return answers.every((a) => a === 'yes') ? 'meets' : 'does-not-meet';
}

const ggarOrder = ['red', 'amber', 'green', 'gold'] as const;
type Ggar = (typeof ggarOrder)[number];

export function lowestGrade(grades: Ggar[]): Ggar {
	return grades.reduce((low, g) => (ggarOrder.indexOf(g) < ggarOrder.indexOf(low) ? g : low));
}

export interface OverallGrade {
	label: string;
	/** True when the PEP should go back to the DT and SW as needing development. */
	needsDevelopment: boolean;
}

const labels: Record<string, string> = {
	meets: 'Meets the expected standard',
	'does-not-meet': 'Does not meet the expected standard',
	outstanding: 'Outstanding',
	good: 'Good',
	'needs-improvement': 'Needs improvement',
	inadequate: 'Inadequate',
	red: 'Red',
	amber: 'Amber',
	green: 'Green',
	gold: 'Gold'
};

const needingDevelopment = new Set(['does-not-meet', 'needs-improvement', 'inadequate', 'red']);

export function overallGrade(grade: QaGrade): OverallGrade {
	const value =
		grade.scheme === 'gold-green-amber-red'
			? lowestGrade(Object.values(grade.sections))
			: grade.value;
	return { label: labels[value] ?? value, needsDevelopment: needingDevelopment.has(value) };
}

/** The grade Walsall's checklist implies, to pre-fill a meets-standard grade. */
export function suggestedGrade(scheme: GradingScheme, checklist: QaChecklist): QaGrade | null {
	if (scheme !== 'meets-standard') return null;
	const value = checklistOutcome(checklist);
	return value ? { scheme, value } : null;
}
