/**
 * The subject progress table's rules: where progress since the last PEP is less than expected,
 * the interventions in place must be written; maths and English must name their qualification,
 * because the Virtual School tracks attainment by it.
 */
import type { TermName } from '../schemas/pep';
import type { SubjectRow } from '../schemas/section-b';
import type { Blocker } from './reasons';

const termWords: Record<TermName, string> = {
	autumn: 'autumn',
	spring: 'spring',
	summer: 'summer'
};

export function progressBlockers(subjects: SubjectRow[], term?: TermName): Blocker[] {
	const blockers: Blocker[] = [];
	subjects.forEach((row, index) => {
		for (const [name, assessment] of Object.entries(row.assessments) as [
			TermName,
			SubjectRow['assessments'][TermName]
		][]) {
			if (term !== undefined && name !== term) continue;
			if (assessment?.progress === 'less' && !assessment.interventions.trim()) {
				blockers.push({
					part: 'subjects',
					field: `subjects.${index}.assessments.${name}.interventions`,
					message: `${row.course}: progress in the ${termWords[name]} term is less than expected, so say what interventions are in place.`
				});
			}
		}
		if (row.core && !row.qualification?.trim()) {
			blockers.push({
				part: 'subjects',
				field: `subjects.${index}.qualification`,
				message: `${row.course}: record the ${row.core} qualification being studied (for example "GCSE (9–1) Mathematics").`
			});
		}
	});
	return blockers;
}

/** The term's assessment is missing for a subject still studied: the table is not up to date. */
export function missingAssessments(subjects: SubjectRow[], term: TermName): Blocker[] {
	return subjects.flatMap((row, index) =>
		row.assessments[term]
			? []
			: [
					{
						part: 'subjects',
						field: `subjects.${index}.assessments.${term}`,
						message: `${row.course}: record this term's assessment (on track, working-at grade and progress).`
					}
				]
	);
}
