/**
 * The words of each PEP part's page: its title, the sentence under it, and each question's label,
 * hint and choices. They follow the councils' forms, written plainly. What each part collects,
 * and where, is in pep-parts.ts, which names these questions by their fields.
 */
import type { PartName } from '$lib/domain/rules/part-completion';
import { sectionAPartTitles } from '$lib/domain/rules/sign-off';

export interface FieldWording {
	label: string;
	hint?: string;
	/** A radio group's choices, value to label, in the order shown. */
	options?: Record<string, string>;
}

export interface PartWording {
	title: string;
	/** A sentence under the heading saying what the part is for. */
	description?: string;
	/** Each question of a part drawn as a form, by its field's name. */
	fields?: Record<string, FieldWording>;
}

/** The task list's sections, each the work of one person. */
export const sectionNames = {
	a: 'Section A: social worker',
	b: 'Section B: designated teacher',
	petp: 'Personal education and training plan: personal adviser',
	carer: 'Carer’s views'
};

export const partWording = {
	'personal-care': {
		title: sectionAPartTitles.personalCare,
		description:
			'Check the child’s details, legal status, placement and carers on their profile are up to date, and add anything this PEP needs to know.',
		fields: {
			checkedOn: { label: 'When did you check the profile?', hint: 'For example, 27 3 2026' },
			notes: { label: 'Notes for this PEP', hint: 'Optional.' }
		}
	},
	'social-worker-information': {
		title: sectionAPartTitles.socialWorkerInformation,
		fields: {
			history: {
				label: 'Social worker information',
				hint: 'History that will help the school or college understand and meet the child’s needs.'
			}
		}
	},
	education: {
		title: sectionAPartTitles.education,
		description: 'The setting itself is on the child’s profile.',
		fields: {
			notes: {
				label: 'Education, employment or apprenticeship',
				hint: 'How the placement supports education, and anything the setting should know.'
			}
		}
	},
	'short-term-training-or-neet': {
		title: sectionAPartTitles.shortTermTrainingOrNeet,
		fields: {
			applicable: {
				label:
					'Is the young person on short-term training, or not in education, employment or training?'
			},
			situation: {
				label: 'Which is it?',
				options: {
					'short-term-training': 'Short-term training',
					neet: 'Not in education, employment or training (NEET)'
				}
			},
			trainingDetails: { label: 'The training: provider, course and dates' },
			barriersToEet: {
				label: 'What stands in the way of education, employment or training?',
				hint: 'And what is being done about each barrier.'
			}
		}
	},
	'custody-and-remand': {
		title: sectionAPartTitles.custodyAndRemand,
		fields: {
			applicable: { label: 'Is the young person in custody or on remand?' },
			establishment: { label: 'Establishment' },
			expectedReleaseDate: { label: 'Expected release date', hint: 'For example, 14 7 2026' },
			details: { label: 'Education in custody, and plans for release' }
		}
	},
	'additional-needs': {
		title: sectionAPartTitles.additionalNeeds,
		fields: {
			applicable: {
				label: 'Does the child have additional needs the setting should know about?',
				hint: 'Health, disability, or needs beyond special educational needs.'
			},
			narrative: { label: 'Their needs, and the support in place' }
		}
	},
	'key-contacts': {
		title: sectionAPartTitles.keyContacts,
		description:
			'The contacts themselves are on the child’s profile: check them before the meeting.',
		fields: {
			checkedOn: { label: 'When did you check the key contacts?', hint: 'For example, 27 3 2026' }
		}
	},
	'social-worker-sign-off': { title: 'Social worker sign-off' },
	petp: {
		title: 'Personal education and training plan',
		description:
			'Written with the young person, in words they can read. Their SMART targets, about three, are on the targets page.',
		fields: {
			celebration: {
				label: 'What should we celebrate?',
				hint: 'Achievements since the last plan, big or small.'
			},
			hopesAndAspirations: {
				label: 'Hopes and aspirations',
				hint: 'What the young person wants to do and become, in their own words where you can.'
			},
			progressStrengthsNeeds: {
				label: 'Progress, strengths and needs',
				hint: 'In education, training or work, or towards it: what is going well and what gets in the way.'
			},
			resourcesAndStrategies: {
				label: 'Resources and strategies',
				hint: 'What will help: support, courses, funding, people.'
			},
			decisions: {
				label: 'Decisions made at the meeting',
				hint: 'Including who does what by the next plan.'
			}
		}
	},
	'action-plan': { title: 'Action plan' },
	'personal-adviser-sign-off': { title: 'Personal adviser sign-off' },
	'carers-views': {
		title: 'Carer’s views',
		description:
			'Your views as the carer, for the meeting. The young person’s school and social worker will read them.',
		fields: {
			goingWell: { label: 'What is going well?' },
			challenges: { label: 'What is hard at the moment?' },
			needsAndAspirations: { label: 'What do they need, and what are their hopes?' }
		}
	},
	'progress-overview': {
		title: 'Attainment and progress overview',
		fields: {
			text: {
				label: 'Attainment and progress overview',
				hint: 'Write it to the young person, for example “Jamie, you are…”: learning, behaviour, progress, strengths, concerns and the support in place. Attach an SEN support plan or EHCP when there is one.'
			}
		}
	},
	'subject-progress': { title: 'Subject progress' },
	targets: { title: 'SMART targets' },
	'pupil-premium-plus': { title: 'Pupil Premium Plus' },
	'meeting-page': { title: 'The PEP meeting' },
	'post-16-plan': {
		title: 'Post-16 plan',
		description: 'What the young person hopes to do next, and how they are supported to get there.',
		fields: {
			aspirations: { label: 'What are their aspirations?' },
			support: { label: 'How are they supported towards them?' },
			entryRequirementsMet: {
				label: 'Are they on course to meet the entry requirements?',
				options: { yes: 'Yes', no: 'No', 'not-known': 'Not known yet' }
			},
			nextSteps: { label: 'Next steps' }
		}
	},
	'designated-teacher-sign-off': { title: 'Designated teacher sign-off' }
} satisfies Record<PartName, PartWording>;
