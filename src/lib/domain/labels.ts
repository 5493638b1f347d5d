/**
 * The words screens use for the schemas' codes, in one place so every screen says the same thing.
 */
import type { SettingKind, YearGroup } from './schemas/child';
import type { PepKind, PepReason, PepStatus, TermName } from './schemas/pep';

export const yearGroupNames: Record<YearGroup, string> = {
	nursery: 'Nursery',
	reception: 'Reception',
	Y1: 'Year 1',
	Y2: 'Year 2',
	Y3: 'Year 3',
	Y4: 'Year 4',
	Y5: 'Year 5',
	Y6: 'Year 6',
	Y7: 'Year 7',
	Y8: 'Year 8',
	Y9: 'Year 9',
	Y10: 'Year 10',
	Y11: 'Year 11',
	Y12: 'Year 12',
	Y13: 'Year 13',
	Y14: 'Year 14'
};

export const pepStatusNames: Record<PepStatus, string> = {
	draft: 'Being prepared',
	'meeting-held': 'Meeting held',
	'sw-signed': 'Signed by the social worker',
	'dt-signed': 'Signed by the designated teacher',
	'qa-returned': 'Returned: needs development',
	'qa-passed': 'Passed quality assurance',
	shared: 'Shared'
};

export const pepKindNames: Record<PepKind, string> = {
	'early-years': 'Early years PEP',
	'school-age': 'PEP',
	'post-16': 'Post-16 PETP'
};

export const pepReasonNames: Record<PepReason, string> = {
	initial: 'Initial PEP',
	review: 'Review',
	'new-setting': 'New setting'
};

export const termNames: Record<TermName, string> = {
	autumn: 'Autumn term',
	spring: 'Spring term',
	summer: 'Summer term'
};

export const settingKindNames: Record<SettingKind, string> = {
	school: 'School',
	college: 'College',
	'training-provider': 'Training provider',
	apprenticeship: 'Apprenticeship',
	employer: 'Employer',
	none: 'No setting'
};
