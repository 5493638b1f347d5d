import { describe, expect, it } from 'vitest';
import { walsallPost16Case } from '../fixtures/walsall-post16';
import type { SubjectRow } from '../schemas/section-b';
import { missingAssessments, progressBlockers } from './progress';

const row = (over: Partial<SubjectRow>): SubjectRow => ({
	subjectId: 'subj-0001',
	course: 'Psychology',
	level: 'a-level',
	targetEndOfKeyStage: 'A',
	assessments: {},
	...over
});

describe('less than expected progress needs an intervention', () => {
	it('passes the Walsall case, where every less-than-expected term has one', () => {
		expect(progressBlockers(walsallPost16Case().peps.summer.b.subjects)).toEqual([]);
	});

	it('names the subject, the term and the field when one is missing', () => {
		const blockers = progressBlockers([
			row({
				assessments: {
					spring: { onTrack: false, workingAtGrade: 'C', progress: 'less', interventions: ' ' }
				}
			})
		]);
		expect(blockers).toEqual([
			{
				part: 'subjects',
				field: 'subjects.0.assessments.spring.interventions',
				message:
					'Psychology: progress in the spring term is less than expected, so say what interventions are in place.'
			}
		]);
	});

	it('can look at one term only', () => {
		const subjects = [
			row({
				assessments: {
					autumn: { onTrack: false, workingAtGrade: 'C', progress: 'less', interventions: '' }
				}
			})
		];
		expect(progressBlockers(subjects, 'spring')).toEqual([]);
		expect(progressBlockers(subjects, 'autumn')).toHaveLength(1);
	});

	it('needs the qualification recorded for maths and English', () => {
		const blockers = progressBlockers([row({ course: 'Maths', level: 'gcse', core: 'maths' })]);
		expect(blockers[0]?.field).toBe('subjects.0.qualification');
		expect(
			progressBlockers([
				row({ course: 'Maths', core: 'maths', qualification: 'GCSE (9–1) Mathematics' })
			])
		).toEqual([]);
	});
});

describe("this term's column must be filled in", () => {
	it('lists each subject with no assessment for the term', () => {
		const subjects = walsallPost16Case().peps.spring.b.subjects;
		expect(missingAssessments(subjects, 'spring')).toEqual([]);
		expect(missingAssessments(subjects, 'summer').map((b) => b.field)).toEqual([
			'subjects.0.assessments.summer',
			'subjects.1.assessments.summer',
			'subjects.2.assessments.summer'
		]);
	});
});
