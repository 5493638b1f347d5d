/**
 * Words for Section B's and the targets' codes (kept beside labels.ts, in the same plain words).
 */
import type { RagRating } from './schemas/common';
import type { MeetingPage, ProgressSinceLastPep } from './schemas/section-b';
import { courseLevels } from './schemas/section-b';
import type { Target, TargetArea } from './schemas/targets';

export const courseLevelNames: Record<(typeof courseLevels)[number], string> = {
	'early-years': 'Early years',
	'national-curriculum': 'National curriculum',
	'entry-level': 'Entry level',
	'functional-skills': 'Functional skills',
	gcse: 'GCSE',
	'btec-l1': 'BTEC level 1',
	'btec-l2': 'BTEC level 2',
	'btec-l3': 'BTEC level 3',
	'as-level': 'AS level',
	'a-level': 'A level',
	't-level': 'T level',
	nvq: 'NVQ',
	'access-to-he': 'Access to higher education',
	other: 'Other'
};

export const progressNames: Record<ProgressSinceLastPep, string> = {
	less: 'Less than expected',
	expected: 'Expected',
	more: 'More than expected'
};

export const ragNames: Record<RagRating, string> = {
	red: 'Red: serious concern',
	amber: 'Amber: some concern',
	green: 'Green: no concern'
};

export const targetAreaNames: Record<TargetArea, string> = {
	academic: 'Learning and progress',
	semh: 'Social, emotional and mental health',
	'wider-curriculum': 'Wider curriculum (clubs, activities)',
	attendance: 'Attendance',
	eet: 'Education, employment or training'
};

export const targetProgressNames: Record<Target['reviews'][number]['progress'], string> = {
	'not-started': 'Not started',
	'some-progress': 'Some progress',
	'good-progress': 'Good progress',
	achieved: 'Achieved',
	'not-achieved': 'Not achieved'
};

export const attendedNames: Record<NonNullable<MeetingPage['youngPersonAttended']>, string> = {
	yes: 'Yes',
	part: 'For part of it',
	no: 'No'
};

export const actionOutcomeNames = {
	done: 'Done',
	'partly-done': 'Partly done',
	'not-done': 'Not done',
	'no-longer-needed': 'No longer needed'
} as const;

/** Choices for a radio group, in the order the record lists them. */
export function choices<K extends string>(names: Record<K, string>) {
	return (Object.entries(names) as [K, string][]).map(([value, label]) => ({ value, label }));
}

/** The post-16 plan's question: are they on course to meet the entry requirements? */
export const entryRequirementNames: Record<'yes' | 'no' | 'not-known', string> = {
	yes: 'On course to meet them',
	no: 'Not on course to meet them',
	'not-known': 'Not known yet'
};
