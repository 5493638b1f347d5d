/**
 * The subject progress table as the page edits it: new rows and term assessments, and the words
 * for a problem with one of its fields ("Maths, spring term: working-at grade is required").
 */
import { newId } from '$lib/domain/ids';
import { progressBlockers } from '$lib/domain/rules/progress';
import type { FieldError } from '$lib/domain/schemas/errors';
import type { TermName } from '$lib/domain/schemas/pep';
import type { SubjectRow, TermAssessment } from '$lib/domain/schemas/section-b';
import type { Problem } from './problems';

export const terms: readonly TermName[] = ['autumn', 'spring', 'summer'];

/** A term's assessment while it is being filled in: any box may still be empty. */
export type DraftAssessment = Partial<TermAssessment> & { interventions: string };
/** A row while it is being filled in; the schema says what is missing when it is saved. */
export type DraftSubject = Omit<SubjectRow, 'assessments'> & {
	assessments: Partial<Record<TermName, DraftAssessment>>;
};

/** What a new row starts as; the level is the one most rows on the table already have. */
export function newSubject(existing: readonly DraftSubject[], term: TermName): DraftSubject {
	const level = existing.at(-1)?.level ?? 'gcse';
	return {
		subjectId: newId(),
		course: '',
		level,
		targetEndOfKeyStage: '',
		assessments: { [term]: newAssessment() }
	};
}

/** Blank boxes, so the schema can say what is still to fill in. */
export function newAssessment(): DraftAssessment {
	return { workingAtGrade: '', interventions: '' };
}

const fieldNames: Record<string, string> = {
	course: 'subject or course',
	level: 'level',
	qualification: 'qualification',
	core: 'maths or English',
	targetEndOfKeyStage: 'target at the end of the key stage',
	attainment: 'grade already achieved',
	onTrack: 'on track',
	workingAtGrade: 'working-at grade',
	progress: 'progress since the last PEP',
	interventions: 'interventions'
};

/** A schema's refusal of a row, in words that name the subject, the term and the field. */
export function describeSubjectError(
	subjects: readonly DraftSubject[],
	error: FieldError
): Problem {
	const [, index, ...rest] = error.field.split('.');
	const row = subjects[Number(index)];
	const subject = row?.course.trim() || `Subject ${Number(index) + 1}`;
	const term = rest[0] === 'assessments' && rest[1] ? `, ${rest[1]} term` : '';
	const name = fieldNames[rest.at(-1) ?? ''] ?? rest.join(' ');
	return { path: error.field, message: `${subject}${term}: ${name} ${error.message}` };
}

/**
 * Everything wrong with the table now: the schema's refusals and the rules' demands (the
 * interventions where progress is less than expected; the qualification of maths and English).
 */
export function subjectProblems(
	subjects: readonly DraftSubject[],
	schemaErrors: readonly FieldError[]
): Problem[] {
	const fromSchema = schemaErrors
		.filter((e) => e.field.startsWith('subjects.'))
		.map((e) => describeSubjectError(subjects, e));
	// The rules read only what is there: an assessment's missing boxes are the schema's to name.
	const fromRules = progressBlockers(subjects as SubjectRow[]).flatMap((b) =>
		b.field && !fromSchema.some((p) => p.path === b.field)
			? [{ path: b.field, message: b.message }]
			: []
	);
	return [...fromSchema, ...fromRules];
}

/**
 * The last PEP's subjects as the first rows of this one's table, so the designated teacher
 * records the new term beside the old ones instead of typing the table again. In the same
 * academic year the earlier terms come too (the whole year shows, as the seeds ask); in a new
 * year only the subjects, targets and grades achieved do. This PEP's term starts blank either
 * way: its assessment is for this PEP to make.
 */
export function carrySubjects(
	rows: readonly SubjectRow[],
	from: { academicYear: number },
	to: { academicYear: number; term: TermName }
): DraftSubject[] {
	const sameYear = from.academicYear === to.academicYear;
	const earlier = terms.slice(0, terms.indexOf(to.term));
	return rows.map((row) => {
		const kept = sameYear
			? Object.fromEntries(
					earlier.flatMap((term) => {
						const assessment = row.assessments[term];
						return assessment ? [[term, { ...assessment }]] : [];
					})
				)
			: {};
		return {
			...structuredClone(row),
			assessments: { ...kept, [to.term]: newAssessment() }
		};
	});
}
