/** Words for the Post-16 PETP's lists (Derbyshire), as the screens show them. */
import type { AdultAction, NeetOption } from './schemas/petp';

export const neetOptionNames: Record<NeetOption['option'], string> = {
	'visit-provision': 'Visit a college, training provider or employer',
	'virtual-school-programme': 'A Virtual School programme (for example, Remix Your Life)',
	'careers-guidance': 'Careers advice and guidance',
	traineeship: 'A traineeship or pre-apprenticeship course',
	volunteering: 'Volunteering or work experience',
	other: 'Something else'
};

export const adultActionSupportNames: Record<NonNullable<AdultAction['supports']>, string> = {
	academic: 'Learning and qualifications',
	social: 'Social well-being',
	emotional: 'Emotional well-being'
};
