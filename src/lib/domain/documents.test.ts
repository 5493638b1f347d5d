import { describe, expect, it } from 'vitest';
import { documentSchemas, parseDocument } from './documents';
import { walsallPost16Case } from './fixtures/walsall-post16';
import { ids, type DocumentKind } from './ids';
import { describeErrors } from './schemas/errors';

const jamie = walsallPost16Case();
const pep = jamie.peps.summer;
const stamps = { childId: 'jamie0001', authorityId: 'walsall', schoolId: 'college01' };
const updated = { by: 'user-0001', at: '2024-05-17T15:30:00.000Z' };

/** One valid example of every kind, so a new kind without an example fails the table test. */
const examples: Record<DocumentKind, Record<string, unknown>> = {
	authority: jamie.authority,
	assignment: {
		_id: ids.assignment('sw-walsall-1'),
		type: 'assignment',
		schemaVersion: 1,
		userId: 'sw-walsall-1',
		role: 'social-worker',
		childIds: ['jamie0001'],
		updatedAt: updated.at
	},
	child: jamie.child,
	'child-attachment': {
		_id: ids.childAttachment('jamie0001', 'att00001'),
		type: 'attachment',
		schemaVersion: 1,
		...stamps,
		updated,
		attachmentId: 'att00001',
		kind: 'ehcp',
		title: 'EHCP annual review 2024',
		fileName: 'ehcp-review.pdf',
		contentType: 'application/pdf',
		sizeBytes: 120_000,
		uploadedAt: updated.at,
		_attachments: { file: { stub: true, content_type: 'application/pdf', length: 120_000 } }
	},
	pep: pep.header,
	'pep-attachment': {
		_id: ids.pepAttachment('jamie0001', 'pep2024sum', 'att00002'),
		type: 'attachment',
		schemaVersion: 1,
		...stamps,
		updated,
		attachmentId: 'att00002',
		pepId: 'pep2024sum',
		kind: 'attendance-report',
		title: 'Attendance, summer term',
		fileName: 'attendance.png',
		contentType: 'image/png',
		sizeBytes: 5_000,
		uploadedAt: updated.at
	},
	'pep-a': pep.a,
	'pep-b': pep.b,
	'pep-targets': pep.targets,
	'pep-voice': pep.voice,
	'pep-carer': {
		_id: ids.pepPart('jamie0001', 'pep2024sum', 'carer'),
		type: 'pep-carer',
		schemaVersion: 1,
		...stamps,
		updated,
		pepId: 'pep2024sum',
		goingWell: 'Jamie is settled and studying hard.'
	},
	'pep-petp': {
		_id: ids.pepPart('jamie0001', 'pep2024sum', 'petp'),
		type: 'pep-petp',
		schemaVersion: 1,
		...stamps,
		updated,
		pepId: 'pep2024sum',
		celebration: 'Passed the spring assessments.',
		neetOptions: [{ option: 'visit-provision', details: 'Open day at the college' }],
		actionsForAdults: [{ action: 'Arrange a taster day', owner: 'PA', supports: 'academic' }],
		documentsGathered: ['progress-report', 'attendance-report']
	},
	'pep-qa': pep.qa,
	'pep-pp': {
		_id: ids.pepPart('jamie0001', 'pep2024sum', 'pp'),
		type: 'pep-pp',
		schemaVersion: 1,
		...stamps,
		updated,
		pepId: 'pep2024sum',
		requests: [
			{
				requestId: 'req00001',
				targetId: 'tgt-psych-tuition',
				description: 'Ten one-to-one Psychology tuition sessions',
				amountPence: 30_000,
				requestedBy: 'dt-college-1',
				requestedAt: updated.at
			}
		]
	}
};

function refusal(doc: unknown) {
	const result = parseDocument(doc);
	if (result.ok) throw new Error('expected a refusal');
	return result.errors;
}

describe('every kind of document', () => {
	it.each(Object.keys(documentSchemas) as DocumentKind[])('accepts a valid %s', (kind) => {
		const result = parseDocument(examples[kind]);
		if (!result.ok) throw new Error(describeErrors(result.errors));
		expect(result.kind).toBe(kind);
	});

	it.each(Object.keys(documentSchemas) as DocumentKind[])(
		'refuses a %s with an unknown field, naming it',
		(kind) => {
			const errors = refusal({ ...examples[kind], nickname: 'JJ' });
			expect(errors[0]?.field).toBe('(document)');
			expect(errors[0]?.message).toMatch(/nickname/);
		}
	);

	it.each(Object.keys(documentSchemas) as DocumentKind[])(
		'refuses a %s whose schemaVersion is unknown',
		(kind) => {
			expect(refusal({ ...examples[kind], schemaVersion: 99 })[0]?.field).toBe('schemaVersion');
		}
	);
});

describe('what a document says about itself must agree with its id', () => {
	it('refuses what is not an object', () => {
		for (const bad of [null, 'text', 42, []]) {
			expect(refusal(bad)).toEqual([{ field: '(document)', message: 'must be a JSON object' }]);
		}
	});

	it('refuses a missing or unknown id', () => {
		expect(refusal({ type: 'child' })[0]).toEqual({ field: '_id', message: 'is required' });
		expect(refusal({ _id: 'child:x', type: 'child' })[0]?.message).toMatch(
			/is not the id of any kind/
		);
	});

	it('refuses a type that does not match the id', () => {
		expect(refusal({ ...pep.voice, type: 'pep-b' })[0]).toEqual({
			field: 'type',
			message: 'must be "pep-voice" for a document with this id'
		});
	});

	it('refuses a document stamped with another child than its id names', () => {
		expect(refusal({ ...pep.b, childId: 'otherchild' })[0]).toEqual({
			field: 'childId',
			message: 'must be "jamie0001", as the id says'
		});
	});

	it('refuses a part filed under another PEP', () => {
		expect(refusal({ ...pep.targets, pepId: 'pep2023aut' })[0]?.field).toBe('pepId');
	});

	it('refuses an assignment for another user than its id names', () => {
		expect(refusal({ ...examples.assignment, userId: 'someone-else' })[0]?.field).toBe('userId');
	});

	it('refuses an authority document for another authority', () => {
		expect(refusal({ ...jamie.authority, authorityId: 'derbyshire' })[0]?.field).toBe(
			'authorityId'
		);
	});

	it('refuses a PEP id on an attachment to the child record', () => {
		expect(refusal({ ...examples['child-attachment'], pepId: 'pep2024sum' })[0]?.field).toBe(
			'pepId'
		);
	});
});

/** Each case: a change to a valid document, and the field the refusal must name. */
const invalidCases: [string, DocumentKind, (d: Record<string, unknown>) => unknown, string][] = [
	[
		'a date of birth that is no date',
		'child',
		(d) => ({ ...d, person: { ...(d.person as object), dateOfBirth: '2005-02-30' } }),
		'person.dateOfBirth'
	],
	[
		'a missing given name',
		'child',
		(d) => ({ ...d, person: { ...(d.person as object), givenName: '' } }),
		'person.givenName'
	],
	['an unknown year group', 'child', (d) => ({ ...d, yearGroup: 'Y15' }), 'yearGroup'],
	['an unknown legal status', 'child', (d) => ({ ...d, legalStatus: 'adopted' }), 'legalStatus'],
	[
		'a UPN of the wrong shape',
		'child',
		(d) => ({ ...d, identifiers: { upn: '12345' } }),
		'identifiers.upn'
	],
	[
		'a school setting with no name',
		'child',
		(d) => ({ ...d, setting: { kind: 'school' } }),
		'setting.name'
	],
	[
		'an apprenticeship with no details',
		'child',
		(d) => ({ ...d, setting: { kind: 'apprenticeship', name: 'Acme' } }),
		'setting.apprenticeship'
	],
	[
		'an EHCP with no category of need',
		'child',
		(d) => ({ ...d, sen: { status: 'ehcp' } }),
		'sen.categoryOfNeed'
	],
	[
		'a carer with a malformed email',
		'child',
		(d) => ({
			...d,
			placement: {
				type: 'foster-care',
				startDate: '2021-06-01',
				carers: [{ name: 'Pat', relationship: 'Foster carer', email: 'pat-at-home' }]
			}
		}),
		'placement.carers.0.email'
	],
	[
		'a stamp that is not an opaque id',
		'child',
		(d) => ({ ...d, authorityId: 'Walsall Council' }),
		'authorityId'
	],
	[
		'a bad revision author time',
		'child',
		(d) => ({ ...d, updated: { by: 'user-0001', at: 'yesterday' } }),
		'updated.at'
	],
	[
		'an online meeting with no link',
		'pep',
		(d) => ({ ...d, meeting: { mode: 'online' } }),
		'meeting.onlineLink'
	],
	[
		'an online link that is not https',
		'pep',
		(d) => ({ ...d, meeting: { mode: 'online', onlineLink: 'http://teams.example/x' } }),
		'meeting.onlineLink'
	],
	[
		'a meeting time of 25:00',
		'pep',
		(d) => ({ ...d, meeting: { startTime: '25:00' } }),
		'meeting.startTime'
	],
	['an unknown status', 'pep', (d) => ({ ...d, status: 'lost' }), 'status'],
	['an unknown PEP kind', 'pep', (d) => ({ ...d, kind: 'adult' }), 'kind'],
	[
		'a sign-off with no next PEP date',
		'pep-a',
		(d) => ({
			...d,
			signOff: { signedBy: 'sw-walsall-1', signedByName: 'Sam', signedAt: updated.at }
		}),
		'signOff.nextPepDate'
	],
	[
		'a part flag that is not a boolean',
		'pep-a',
		(d) => ({ ...d, personalCare: { complete: 'yes' } }),
		'personalCare.complete'
	],
	[
		'attendance over 100%',
		'pep-b',
		(d) => ({ ...d, meetingPage: { attendance: { percentage: 120 } } }),
		'meetingPage.attendance.percentage'
	],
	[
		'a subject with no course',
		'pep-b',
		(d) => ({
			...d,
			subjects: [{ subjectId: 'subj-x000', course: '', level: 'gcse', targetEndOfKeyStage: '5' }]
		}),
		'subjects.0.course'
	],
	[
		'a progress judgement that is not one of the three',
		'pep-b',
		(d) => ({
			...d,
			subjects: [
				{
					subjectId: 'subj-x000',
					course: 'Maths',
					level: 'gcse',
					targetEndOfKeyStage: '5',
					assessments: { autumn: { onTrack: true, workingAtGrade: '4', progress: 'ok' } }
				}
			]
		}),
		'subjects.0.assessments.autumn.progress'
	],
	[
		'a RAG rating of blue',
		'pep-b',
		(d) => ({ ...d, meetingPage: { wellbeingRag: 'blue' } }),
		'meetingPage.wellbeingRag'
	],
	[
		'a target with no text',
		'pep-targets',
		(d) => ({
			...d,
			targets: [
				{ targetId: 'tgt-0001', horizon: 'short', area: 'academic', text: '', setOn: '2024-05-17' }
			]
		}),
		'targets.0.text'
	],
	[
		'PP+ in fractions of a penny',
		'pep-targets',
		(d) => ({
			...d,
			targets: [
				{
					targetId: 'tgt-0001',
					horizon: 'short',
					area: 'academic',
					text: 'Read',
					setOn: '2024-05-17',
					ppPlusPence: 12.5
				}
			]
		}),
		'targets.0.ppPlusPence'
	],
	[
		'a My Voice answer to an unknown question',
		'pep-voice',
		(d) => ({ ...d, answers: { favouriteFood: 'pizza' } }),
		'answers'
	],
	[
		'a voice answer that is too long',
		'pep-voice',
		(d) => ({ ...d, answers: { aboutMe: 'x'.repeat(5_001) } }),
		'answers.aboutMe'
	],
	[
		'a grade from another scheme',
		'pep-qa',
		(d) => ({ ...d, grade: { scheme: 'rag', value: 'meets' } }),
		'grade.value'
	],
	[
		'a checklist answer of maybe',
		'pep-qa',
		(d) => ({ ...d, checklist: { childVoiceRecorded: 'maybe' } }),
		'checklist.childVoiceRecorded'
	],
	[
		'a returned PEP fix with nothing to fix',
		'pep-qa',
		(d) => ({ ...d, fixes: [{ part: 'b', what: '' }] }),
		'fixes.0.what'
	],
	[
		'a PP+ request of £0',
		'pep-pp',
		(d) => ({ ...d, requests: [{ ...((d.requests as object[])[0] as object), amountPence: 0 }] }),
		'requests.0.amountPence'
	],
	[
		'an attachment of a disallowed type',
		'child-attachment',
		(d) => ({ ...d, contentType: 'application/x-msdownload' }),
		'contentType'
	],
	[
		'an attachment over 10 MB',
		'pep-attachment',
		(d) => ({ ...d, sizeBytes: 11 * 1024 * 1024 }),
		'sizeBytes'
	],
	[
		'an unknown NEET option',
		'pep-petp',
		(d) => ({ ...d, neetOptions: [{ option: 'gap-year' }] }),
		'neetOptions.0.option'
	],
	[
		'an assignment with an unknown role',
		'assignment',
		(d) => ({ ...d, role: 'headteacher' }),
		'role'
	],
	[
		'an authority with a negative timescale',
		'authority',
		(d) => ({ ...d, timescales: { dtSignOff: { days: -1, dayType: 'working' } } }),
		'timescales.dtSignOff.days'
	],
	[
		'a term that ends before it starts',
		'authority',
		(d) => ({
			...d,
			termDates: [
				{
					startYear: 2024,
					terms: [
						{ name: 'autumn', start: '2024-12-20', end: '2024-09-04' },
						{ name: 'spring', start: '2025-01-06', end: '2025-04-04' },
						{ name: 'summer', start: '2025-04-22', end: '2025-07-22' }
					]
				}
			]
		}),
		'termDates.0.terms.0.end'
	],
	[
		'a half term with a start and no end',
		'authority',
		(d) => ({
			...d,
			termDates: [
				{
					startYear: 2024,
					terms: [
						{ name: 'autumn', start: '2024-09-04', end: '2024-12-20', halfTermStart: '2024-10-28' },
						{ name: 'spring', start: '2025-01-06', end: '2025-04-04' },
						{ name: 'summer', start: '2025-04-22', end: '2025-07-22' }
					]
				}
			]
		}),
		'termDates.0.terms.0.halfTermEnd'
	],
	[
		'an attendance threshold over 100',
		'authority',
		(d) => ({ ...d, attendanceThreshold: 101 }),
		'attendanceThreshold'
	]
];

describe('a refusal names the field that is wrong', () => {
	it.each(invalidCases)('%s', (_name, kind, change, field) => {
		const errors = refusal(change(structuredClone(examples[kind])));
		expect(errors.map((e) => e.field)).toContain(field);
		for (const e of errors) expect(e.message.length).toBeGreaterThan(3);
	});
});

describe('defaults make a new, empty part valid', () => {
	it('a new Section B has every part not yet complete', () => {
		const result = parseDocument({
			_id: ids.pepPart('child01', 'pep01', 'b'),
			type: 'pep-b',
			schemaVersion: 1,
			childId: 'child01',
			authorityId: 'auth01',
			updated,
			pepId: 'pep01',
			term: 'autumn'
		});
		if (!result.ok) throw new Error(describeErrors(result.errors));
		expect(result.doc).toMatchObject({
			schoolId: null,
			progressOverview: { complete: false },
			meetingPage: { complete: false, actions: [] },
			signOff: null
		});
	});
});

describe('refusals read as plain English', () => {
	const messageFor = (kind: DocumentKind, change: (d: Record<string, unknown>) => unknown) =>
		refusal(change(structuredClone(examples[kind])))[0]?.message;

	it('says a missing field is required', () => {
		expect(messageFor('pep-attachment', (d) => ({ ...d, uploadedAt: undefined }))).toBe(
			'is required'
		);
		expect(messageFor('child', (d) => ({ ...d, dateIntoCare: undefined }))).toBe('is required');
	});

	it('names the expected kind of value', () => {
		expect(messageFor('pep-b', (d) => ({ ...d, subjects: 'three' }))).toBe('must be a list');
		expect(messageFor('pep-a', (d) => ({ ...d, personalCare: { complete: 1 } }))).toBe(
			'must be true or false'
		);
	});

	it('lists the choices for an enumerated value', () => {
		expect(messageFor('pep-b', (d) => ({ ...d, meetingPage: { wellbeingRag: 'blue' } }))).toBe(
			'must be one of: red, amber, green'
		);
	});

	it('names an unknown field', () => {
		expect(messageFor('pep-voice', (d) => ({ ...d, nickname: 'JJ' }))).toBe(
			'has a field that this record does not have: nickname'
		);
	});

	it('gives limits with their units', () => {
		expect(
			messageFor('pep-voice', (d) => ({ ...d, answers: { aboutMe: 'x'.repeat(5_001) } }))
		).toBe('must be at most 5,000 characters');
		expect(messageFor('pep-b', (d) => ({ ...d, subjects: new Array(31).fill({}) }))).toBe(
			'must list at most 30 subjects'
		);
	});
});

describe('meeting mode’s fields', () => {
	const header = examples.pep as Record<string, unknown> & { meeting: Record<string, unknown> };
	const b = examples['pep-b'] as Record<string, unknown> & { meetingPage: Record<string, unknown> };
	const startedAt = '2024-06-20T13:00:00.000Z';

	it('are accepted from a device that writes them', () => {
		const result = parseDocument({
			...header,
			meeting: {
				...header.meeting,
				timer: { startedAt, endedAt: '2024-06-20T13:52:00.000Z' },
				preparation: { attendanceConfirmed: true }
			},
			nextPepDate: '2024-10-15',
			nextPepTime: '15:30'
		});
		if (!result.ok) throw new Error(describeErrors(result.errors));
		expect(result.doc).toMatchObject({
			meeting: { timer: { startedAt }, preparation: { attendanceConfirmed: true } },
			nextPepTime: '15:30'
		});
		const page = parseDocument({
			...b,
			meetingPage: { ...b.meetingPage, youngPersonViews: 'I want to do the art GCSE.' }
		});
		if (!page.ok) throw new Error(describeErrors(page.errors));
	});

	it('are not needed: a document written before them is read as it is, with nothing added', () => {
		const { nextPepTime: _time, ...old } = header;
		const result = parseDocument(old);
		if (!result.ok) throw new Error(describeErrors(result.errors));
		const doc = result.doc as Record<string, unknown> & { meeting: Record<string, unknown> };
		expect(doc).not.toHaveProperty('nextPepTime');
		expect(doc.meeting).not.toHaveProperty('timer');
		expect(doc.meeting).not.toHaveProperty('preparation');
		const page = parseDocument(b);
		if (!page.ok) throw new Error(describeErrors(page.errors));
		expect((page.doc as { meetingPage: object }).meetingPage).not.toHaveProperty(
			'youngPersonViews'
		);
	});

	it('refuse a clock that ends before it starts, or a next meeting time that is not a time', () => {
		const ended = refusal({
			...header,
			meeting: { ...header.meeting, timer: { startedAt, endedAt: '2024-06-20T12:00:00.000Z' } }
		});
		expect(ended).toEqual([
			{ field: 'meeting.timer.endedAt', message: 'must not be before the start' }
		]);
		expect(refusal({ ...header, nextPepTime: 'half three' })[0]?.field).toBe('nextPepTime');
		expect(
			refusal({ ...header, meeting: { ...header.meeting, preparation: { everyoneHere: true } } })[0]
				?.field
		).toBe('meeting.preparation');
	});
});
