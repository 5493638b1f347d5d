import { describe, expect, it } from 'vitest';
import type { SubjectRow } from '$lib/domain/schemas/section-b';
import { carrySubjects, newSubject, subjectProblems, type DraftSubject } from './subject-table';

const maths: DraftSubject = {
	subjectId: 'subj-maths',
	course: 'Maths',
	level: 'gcse',
	core: 'maths',
	qualification: 'GCSE (9–1) Mathematics',
	targetEndOfKeyStage: '5',
	assessments: {
		spring: { onTrack: false, workingAtGrade: '4', progress: 'less', interventions: '' }
	}
};

describe('the subject progress table', () => {
	it('starts a new row with this term to fill in, at the level of the rows before it', () => {
		const row = newSubject([{ ...maths, level: 'a-level' }], 'spring');
		expect(row.level).toBe('a-level');
		expect(row.course).toBe('');
		expect(Object.keys(row.assessments)).toEqual(['spring']);
		expect(row.subjectId).not.toBe(newSubject([], 'spring').subjectId);
	});

	it('demands interventions beside the term where progress is less than expected', () => {
		expect(subjectProblems([maths], [])).toEqual([
			{
				path: 'subjects.0.assessments.spring.interventions',
				message:
					'Maths: progress in the spring term is less than expected, so say what interventions are in place.'
			}
		]);
		const helped: DraftSubject = {
			...maths,
			assessments: { spring: { ...maths.assessments.spring!, interventions: 'Tutoring' } }
		};
		expect(subjectProblems([helped], [])).toEqual([]);
	});

	it('names the subject, the term and the field in a schema’s refusal', () => {
		const problems = subjectProblems(
			[{ ...maths, course: '' }],
			[
				{ field: 'subjects.0.course', message: 'is required' },
				{ field: 'subjects.0.assessments.spring.onTrack', message: 'is required' }
			]
		);
		expect(problems.map((p) => p.message)).toContain('Subject 1: subject or course is required');
		expect(problems.map((p) => p.message)).toContain(
			'Subject 1, spring term: on track is required'
		);
	});

	it('asks for the qualification of maths and English', () => {
		const problems = subjectProblems([{ ...maths, qualification: undefined, assessments: {} }], []);
		expect(problems).toEqual([
			{
				path: 'subjects.0.qualification',
				message:
					'Maths: record the maths qualification being studied (for example "GCSE (9–1) Mathematics").'
			}
		]);
	});

	describe('carried from the last PEP', () => {
		const autumn = {
			onTrack: true,
			workingAtGrade: 'B',
			progress: 'expected' as const,
			interventions: ''
		};
		const psychology: SubjectRow = {
			subjectId: 'subj-psych',
			course: 'Psychology',
			level: 'a-level',
			targetEndOfKeyStage: 'A',
			attainment: 'C',
			assessments: {
				autumn,
				spring: { ...autumn, workingAtGrade: 'A' }
			}
		};

		it('keeps the earlier terms of the same year and leaves this term blank', () => {
			const [row] = carrySubjects(
				[psychology],
				{ academicYear: 2026 },
				{ academicYear: 2026, term: 'spring' }
			);
			expect(row!.course).toBe('Psychology');
			expect(row!.targetEndOfKeyStage).toBe('A');
			expect(row!.assessments).toEqual({
				autumn,
				spring: { workingAtGrade: '', interventions: '' }
			});
		});

		it('brings only the subjects into a new year, with their targets and grades achieved', () => {
			const [row] = carrySubjects(
				[psychology],
				{ academicYear: 2025 },
				{ academicYear: 2026, term: 'autumn' }
			);
			expect(row!.attainment).toBe('C');
			expect(row!.assessments).toEqual({ autumn: { workingAtGrade: '', interventions: '' } });
		});

		it('never changes the last PEP’s rows', () => {
			const before = structuredClone(psychology);
			const [row] = carrySubjects(
				[psychology],
				{ academicYear: 2026 },
				{ academicYear: 2026, term: 'summer' }
			);
			row!.assessments.autumn!.workingAtGrade = 'E';
			expect(psychology).toEqual(before);
		});
	});
});
