/**
 * The words screens use for the schemas' codes, in one place so every screen says the same thing.
 */
import type { AttachmentKind } from './schemas/attachment';
import type {
	EetStatus,
	LegalStatus,
	PlacementType,
	SenStatus,
	SettingKind,
	YearGroup
} from './schemas/child';
import type { Invitee, PepKind, PepReason, PepStatus, TermName } from './schemas/pep';
import { roleNames } from './schemas/users';

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
	'petp-completed': 'Completed by the personal adviser',
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

export const legalStatusNames: Record<LegalStatus, string> = {
	'section-20': 'Section 20 (accommodated by agreement)',
	'interim-care-order': 'Interim care order',
	'care-order': 'Care order',
	'placement-order': 'Placement order',
	'emergency-protection-order': 'Emergency protection order',
	'police-protection': 'Police protection',
	remand: 'Remanded to local authority accommodation',
	other: 'Other'
};

export const placementTypeNames: Record<PlacementType, string> = {
	'foster-care': 'Foster care',
	'kinship-care': 'Kinship care',
	residential: 'Residential home',
	'semi-independent': 'Semi-independent living',
	secure: 'Secure accommodation',
	'placed-with-parents': 'Placed with parents',
	'placed-for-adoption': 'Placed for adoption',
	other: 'Other'
};

export const senStatusNames: Record<SenStatus, string> = {
	none: 'No special educational needs',
	'sen-support': 'SEN support',
	ehcp: 'Education, health and care plan (EHCP)',
	'being-assessed': 'Being assessed for an EHCP'
};

export const eetStatusNames: Record<EetStatus, string> = {
	education: 'In education',
	employment: 'In employment',
	apprenticeship: 'On an apprenticeship',
	'short-term-training': 'On short-term training',
	neet: 'Not in education, employment or training (NEET)'
};

export const attachmentKindNames: Record<AttachmentKind, string> = {
	'progress-report': 'Progress report',
	'tracking-report': 'Tracking report',
	'attendance-report': 'Attendance report',
	'behaviour-log': 'Behaviour log',
	iep: 'Individual education plan',
	'sen-support-plan': 'SEN support plan',
	ehcp: 'EHCP',
	photo: 'Photo',
	other: 'Other document'
};

/** Everyone who may be invited to a PEP meeting, by their part in it. */
export const inviteeRoleNames: Record<Invitee['role'], string> = {
	...roleNames,
	parent: 'Parent',
	'educational-psychologist': 'Educational psychologist',
	camhs: 'CAMHS worker',
	'sen-officer': 'SEN officer',
	other: 'Someone else'
};

/** Where each invitee stands before and at the meeting. */
export const inviteeAttendanceNames: Record<Invitee['attendance'], string> = {
	invited: 'Invited',
	confirmed: 'Coming',
	attended: 'Attended',
	'sent-apologies': 'Sent apologies',
	'views-sent': 'Sent their views',
	'did-not-attend': 'Did not attend'
};
