/**
 * Section B, the designated teacher's: `child:{childId}:pep:{pepId}:b`. Progress written to the
 * young person, the subject progress table (a column per term), the meeting page, the post-16
 * plan and the DT's sign-off. Targets are their own document (they are shared with the young
 * person; the rest of Section B is not).
 */
import { z } from 'zod';
import { isoDate, opaqueId, ragRating, shortText, text } from './common';
import { childDocumentBase, completable } from './document';
import { termName } from './pep';
import { signOff } from './section-a';

export const courseLevels = [
	'early-years',
	'national-curriculum',
	'entry-level',
	'functional-skills',
	'gcse',
	'btec-l1',
	'btec-l2',
	'btec-l3',
	'as-level',
	'a-level',
	't-level',
	'nvq',
	'access-to-he',
	'other'
] as const;
export const courseLevel = z.enum(courseLevels);

export const progressSinceLastPep = z.enum(['less', 'expected', 'more']);
export type ProgressSinceLastPep = z.infer<typeof progressSinceLastPep>;

/** A grade as schools write it: A*–U, 9–1, Pass/Merit/Distinction, "Working towards"… */
const grade = shortText.min(1, 'is required');

/** One term's assessment of one subject. */
export const termAssessment = z.strictObject({
	onTrack: z.boolean(),
	workingAtGrade: grade,
	progress: progressSinceLastPep,
	/** Required by the rules when progress is less than expected. */
	interventions: text(5_000).default('')
});
export type TermAssessment = z.infer<typeof termAssessment>;

export const subjectRow = z.strictObject({
	subjectId: opaqueId,
	course: shortText.min(1, 'is required'),
	level: courseLevel,
	/** The qualification's exact title when it matters (e.g. "GCSE (9–1) Mathematics"). */
	qualification: shortText.optional(),
	/** Maths and English are tracked by the Virtual School and must be recorded clearly. */
	core: z.enum(['maths', 'english']).optional(),
	targetEndOfKeyStage: grade,
	/** Grade already achieved, e.g. a GCSE resit's previous result. */
	attainment: shortText.optional(),
	assessments: z
		.strictObject({
			autumn: termAssessment.optional(),
			spring: termAssessment.optional(),
			summer: termAssessment.optional()
		})
		.default({})
});
export type SubjectRow = z.infer<typeof subjectRow>;

export const supporterView = z.strictObject({
	name: shortText.min(1, 'is required'),
	role: shortText.min(1, 'is required'),
	views: text(5_000)
});

export const meetingAction = z.strictObject({
	actionId: opaqueId,
	action: text(1_000).min(1, 'is required'),
	owner: shortText.min(1, 'is required'),
	dueBy: isoDate.optional()
});

export const previousActionReview = z.strictObject({
	actionId: opaqueId,
	action: text(1_000),
	outcome: z.enum(['done', 'partly-done', 'not-done', 'no-longer-needed']),
	notes: text(2_000).default('')
});

export const attendanceRecord = z.strictObject({
	/** Percentage of possible sessions attended in the period. */
	percentage: z.number().min(0, 'must be 0 or more').max(100, 'must be 100 or less'),
	periodFrom: isoDate.optional(),
	periodTo: isoDate.optional(),
	/** Required by the rules below the authority's threshold (80% by default). */
	reasons: text(5_000).default(''),
	interventions: text(5_000).default('')
});
export type AttendanceRecord = z.infer<typeof attendanceRecord>;

export const meetingPage = z.strictObject({
	...completable,
	summary: text().default(''),
	youngPersonAttended: z.enum(['yes', 'part', 'no']).optional(),
	notAttendedReason: text(2_000).default(''),
	howViewsShared: text(2_000).default(''),
	/** What the young person said at the meeting, in their words as far as possible. */
	youngPersonViews: text(5_000).optional(),
	supporterViews: z.array(supporterView).max(30).default([]),
	attendance: attendanceRecord.optional(),
	participationRag: ragRating.optional(),
	wellbeingRag: ragRating.optional(),
	wellbeingNotes: text(5_000).default(''),
	actions: z.array(meetingAction).max(50).default([]),
	previousActionsReview: z.array(previousActionReview).max(50).default([])
});
export type MeetingPage = z.infer<typeof meetingPage>;

export const sectionB = z.strictObject({
	...childDocumentBase,
	type: z.literal('pep-b'),
	schemaVersion: z.literal(1),
	pepId: opaqueId,
	/** The term this PEP's assessments belong to; the table shows every term of the year. */
	term: termName,
	progressOverview: z
		.strictObject({ ...completable, text: text().default('') })
		.default({ complete: false, text: '' }),
	subjects: z.array(subjectRow).max(30, 'must list at most 30 subjects').default([]),
	subjectsComplete: z.boolean().default(false),
	meetingPage: meetingPage.default(meetingPage.parse({})),
	postSixteenPlan: z
		.strictObject({
			...completable,
			aspirations: text(5_000).default(''),
			support: text(5_000).default(''),
			entryRequirementsMet: z.enum(['yes', 'no', 'not-known']).optional(),
			nextSteps: text(5_000).default('')
		})
		.default({ complete: false, aspirations: '', support: '', nextSteps: '' }),
	signOff: signOff.nullable().default(null)
});
export type SectionB = z.infer<typeof sectionB>;
