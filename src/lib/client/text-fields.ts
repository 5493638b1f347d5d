/**
 * The free-text fields that can be edited on their own page: which document part each belongs to,
 * and the words shown with it. (The full PEP forms build on the same draft → commit path.)
 */
import type { PepPart } from '$lib/domain/ids';

export interface TextField {
	/** The PEP document it lives in. */
	part: PepPart;
	/** The top-level key in that document (the draft's part), or '' for a top-level field. */
	key: string;
	field: string;
	label: string;
	hint: string;
}

export const textFields = {
	'social-worker-information': {
		part: 'a',
		key: 'socialWorkerInformation',
		field: 'history',
		label: 'Social worker information',
		hint: 'History that will help the school or college understand and meet the child’s needs.'
	},
	'progress-overview': {
		part: 'b',
		key: 'progressOverview',
		field: 'text',
		label: 'Attainment and progress overview',
		hint: 'Write it to the young person, for example “Jamie, you are…”.'
	},
	'meeting-summary': {
		part: 'b',
		key: 'meetingPage',
		field: 'summary',
		label: 'Summary of the PEP meeting',
		hint: 'The main points discussed, and any concerns with clear next steps.'
	},
	'carer-going-well': {
		part: 'carer',
		key: '',
		field: 'goingWell',
		label: 'What is going well',
		hint: 'Your views as the carer, for the meeting.'
	}
} satisfies Record<string, TextField>;

export type TextFieldName = keyof typeof textFields;

export function isTextFieldName(name: string): name is TextFieldName {
	return name in textFields;
}
