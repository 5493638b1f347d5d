import { describe, expect, it } from 'vitest';
import { fieldId, firstPerField, listItemProblem, problemAt, summaryOf } from './problems';

describe('problems on a page drawn by hand', () => {
	const problems = [
		{ path: 'subjects.1.course', message: 'Subject 2: subject or course is required' },
		{ path: 'subjects.1.assessments.spring.progress', message: 'Subject 2: progress is required' }
	];

	it('finds the message for a field by its path', () => {
		expect(problemAt(problems, 'subjects.1.course')).toBe(problems[0]!.message);
		expect(problemAt(problems, 'subjects.0.course')).toBeNull();
	});

	it('links the summary to each field, and a radio group to its first radio', () => {
		expect(fieldId('subjects.1.course')).toBe('subjects-1-course');
		expect(summaryOf(problems, (path) => (path.endsWith('progress') ? '-0' : ''))).toEqual([
			{ text: problems[0]!.message, fieldId: 'subjects-1-course' },
			{ text: problems[1]!.message, fieldId: 'subjects-1-assessments-spring-progress-0' }
		]);
	});
});

describe('a refusal about one item of a list', () => {
	it('names the item by its place and the field in the words on the screen', () => {
		const problem = listItemProblem(
			{ field: 'actionsForAdults.1.owner', message: 'is required' },
			{ actionsForAdults: 'Action' },
			{ owner: 'who will do it' }
		);
		expect(problem).toEqual({
			path: 'actionsForAdults.1.owner',
			message: 'Action 2: who will do it is required'
		});
	});

	it('keeps the first problem found for each field', () => {
		const kept = firstPerField([
			{ path: 'a', message: 'first' },
			{ path: 'b', message: 'other' },
			{ path: 'a', message: 'second' }
		]);
		expect(kept.map((p) => p.message)).toEqual(['first', 'other']);
	});
});
