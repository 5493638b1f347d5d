/**
 * The PEP header: `child:{childId}:pep:{pepId}`. One per meeting cycle. It says what kind of PEP
 * this is, when and where the meeting is, who chairs and who came, where the PEP is in its
 * lifecycle, and when the next one is.
 */
import { z } from 'zod';
import {
	isoDate,
	isoDateTime,
	opaqueId,
	shortText,
	text,
	timeOfDay,
	unlessMissing
} from './common';
import { childDocumentBase } from './document';
import { role } from './users';

export const pepKind = z.enum(['early-years', 'school-age', 'post-16']);
export type PepKind = z.infer<typeof pepKind>;

/** Why this PEP is happening: it decides its deadline. */
export const pepReason = z.enum(['initial', 'review', 'new-setting']);
export type PepReason = z.infer<typeof pepReason>;

export const termName = z.enum(['autumn', 'spring', 'summer']);
export type TermName = z.infer<typeof termName>;

/**
 * The lifecycle, in order; `qa-returned` goes back to the designated teacher to fix. A post-16
 * PETP may instead be completed by the personal adviser (`petp-completed`): a young person who is
 * not in education, employment or training has no designated teacher (Derbyshire).
 */
export const pepStatuses = [
	'draft',
	'meeting-held',
	'sw-signed',
	'dt-signed',
	'petp-completed',
	'qa-returned',
	'qa-passed',
	'shared'
] as const;
export const pepStatus = z.enum(pepStatuses);
export type PepStatus = z.infer<typeof pepStatus>;

export const attendanceState = z.enum([
	'invited',
	'confirmed',
	'attended',
	'sent-apologies',
	'views-sent',
	'did-not-attend'
]);

export const invitee = z.strictObject({
	inviteeId: opaqueId,
	name: shortText.min(1, 'is required'),
	role: z.union([
		role,
		z.enum(['parent', 'educational-psychologist', 'camhs', 'sen-officer', 'other'])
	]),
	organisation: shortText.optional(),
	contact: shortText.optional(),
	userId: opaqueId.optional(),
	attendance: attendanceState.default('invited')
});
export type Invitee = z.infer<typeof invitee>;

export const meeting = z
	.strictObject({
		date: isoDate.optional(),
		startTime: timeOfDay.optional(),
		/** Guidance: 30–60 minutes; allow some slack for a difficult meeting. */
		plannedMinutes: z.int().min(15).max(180).default(45),
		mode: z.enum(['in-person', 'online', 'hybrid']).default('in-person'),
		place: text(500).optional(),
		onlineLink: z
			.url({ protocol: /^https$/, error: unlessMissing('must be an https:// link') })
			.optional(),
		heldAt: isoDateTime.optional(),
		/**
		 * Meeting mode's clock: when the meeting started and, once it is over, when it ended. The
		 * start is kept rather than a running count, so any device, or the same one after a reload,
		 * shows the same time.
		 */
		timer: z
			.strictObject({ startedAt: isoDateTime, endedAt: isoDateTime.optional() })
			.refine((t) => t.endedAt === undefined || Date.parse(t.endedAt) >= Date.parse(t.startedAt), {
				error: 'must not be before the start',
				path: ['endedAt']
			})
			.optional(),
		/**
		 * What a person ticks on the preparation checklist: the rest of the checklist (the young
		 * person's views, the data, the documents) is read from the record itself.
		 */
		preparation: z.strictObject({ attendanceConfirmed: z.boolean().default(false) }).optional()
	})
	.refine((m) => m.mode === 'in-person' || m.onlineLink !== undefined, {
		error: 'is required for an online or hybrid meeting',
		path: ['onlineLink']
	});

export const chairRole = z.enum(['designated-teacher', 'social-worker', 'virtual-school']);
export type ChairRole = z.infer<typeof chairRole>;

export const statusChange = z.strictObject({
	status: pepStatus,
	at: isoDateTime,
	by: opaqueId,
	note: text(2_000).optional()
});

export const pepHeader = z.strictObject({
	...childDocumentBase,
	type: z.literal('pep'),
	schemaVersion: z.literal(1),
	pepId: opaqueId,
	kind: pepKind,
	reason: pepReason,
	/** The academic year by its starting calendar year (2025 = 2025/26) and the term. */
	academicYear: z.int().min(2000).max(2100),
	term: termName,
	/** When the meeting must be held by, set from the rules when the PEP is started. */
	dueBy: isoDate,
	meeting: meeting.default({ plannedMinutes: 45, mode: 'in-person' }),
	chair: z
		.strictObject({ role: chairRole, name: shortText.optional(), userId: opaqueId.optional() })
		.optional(),
	invitees: z.array(invitee).max(40, 'must list at most 40 people').default([]),
	status: pepStatus.default('draft'),
	history: z.array(statusChange).default([]),
	nextPepDate: isoDate.optional(),
	/** The time agreed for the next PEP meeting, with its date. */
	nextPepTime: timeOfDay.optional()
});
export type PepHeader = z.infer<typeof pepHeader>;
