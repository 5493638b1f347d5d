/**
 * Section C, "My Voice": `child:{childId}:pep:{pepId}:voice`. The young person's own words,
 * optional question by question; they may say they would rather talk about it at the meeting.
 */
import { z } from 'zod';
import { isoDateTime, shortText, text } from './common';
import { childDocumentBase } from './document';
import { opaqueId } from './common';

/** The questions, by stable key; the words shown for each belong to the screen. */
export const voiceQuestions = [
	'aboutMe',
	'goingWell',
	'findingHard',
	'helpsMeLearn',
	'worries',
	'hopesAndAspirations',
	'higherEducation',
	'whoHelpsMe',
	'anythingElse'
] as const;
export type VoiceQuestion = (typeof voiceQuestions)[number];

const answer = text(5_000);

export const voice = z.strictObject({
	...childDocumentBase,
	type: z.literal('pep-voice'),
	schemaVersion: z.literal(1),
	pepId: opaqueId,
	answers: z
		.strictObject(
			Object.fromEntries(voiceQuestions.map((q) => [q, answer.optional()])) as Record<
				VoiceQuestion,
				z.ZodOptional<typeof answer>
			>
		)
		.default({}),
	preferToTalkAtMeeting: z.boolean().default(false),
	/** The questions they would rather talk about at the meeting than write about. */
	talkAtMeeting: z
		.array(z.enum(voiceQuestions))
		.max(voiceQuestions.length)
		.refine((list) => new Set(list).size === list.length, 'must not list a question twice')
		.default([]),
	/** Who helped, if anyone (often the designated teacher). */
	supportedBy: shortText.optional(),
	completedAt: isoDateTime.optional()
});
export type Voice = z.infer<typeof voice>;
