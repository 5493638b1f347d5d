/**
 * The meeting's arrangements on the PEP header (`meeting`): when, where and how. The social
 * worker or the designated teacher keeps them current; the date is what "the meeting was held"
 * and every deadline after it count from.
 */
import type { FormSpec } from './fields';

export const meetingDetailsSpec: FormSpec = {
	key: 'meeting',
	title: 'Meeting details',
	description: 'When and where the PEP meeting is, so everyone invited can come.',
	completable: false,
	fields: [
		{ kind: 'date', name: 'date', label: 'Date of the meeting', hint: 'For example, 27 3 2026' },
		{
			kind: 'text',
			name: 'startTime',
			label: 'Start time',
			hint: 'On the 24-hour clock, for example 15:30',
			width: 'half'
		},
		{
			kind: 'radios',
			name: 'mode',
			label: 'How will people meet?',
			options: [
				{ value: 'in-person', label: 'In person' },
				{ value: 'online', label: 'Online' },
				{ value: 'hybrid', label: 'Some in person, some online' }
			]
		},
		{
			kind: 'text',
			name: 'place',
			label: 'Where',
			hint: 'For example, the school’s meeting room.',
			showIf: (values) => values.mode !== 'online'
		},
		{
			kind: 'text',
			name: 'onlineLink',
			label: 'Link to join online',
			hint: 'An https:// link, for example to Microsoft Teams.',
			showIf: (values) => values.mode === 'online' || values.mode === 'hybrid'
		}
	]
};
