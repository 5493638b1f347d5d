/**
 * Meeting mode's hold on one PEP: what the screen reads (the header, the child, My Voice, Section
 * B, the targets, the carer's views, the files) and the editors it writes through. Everything goes
 * through the local record, so the meeting runs with no signal:
 *
 *   - the PEP header's `meeting` part (the clock, the planned length, the attendance tick) and
 *     its top-level fields (the invitees ticked as they arrive, the next meeting's date and time),
 *     which the social worker, the designated teacher, the personal adviser and the Virtual School
 *     may write;
 *   - the meeting page of Section B, opened exactly as its own page opens it (same draft, same
 *     commits), for those who write Section B here; others read it.
 *
 * Each editor drafts every change on the device at once and commits it to the record at the
 * usual points (leaving a field, a few seconds idle, leaving the step or the page).
 */
import { mayWriteKind } from '$lib/domain/access';
import { ids, newId } from '$lib/domain/ids';
import type { DeadlineSettings } from '$lib/domain/rules/deadlines';
import type { Attachment } from '$lib/domain/schemas/attachment';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { Role } from '$lib/domain/schemas/users';
import { childName } from '../caseload';
import type { LocalRecord } from '../data/record';
import type { Read } from '../data/record-reader';
import { childRecordOf, deadlineSettingsOf, documentOfKind, pepDocumentsOf } from '../queries';
import { recordQuery, type RecordQuery } from '../record-query.svelte';
import { partSpec } from './pep-parts';
import { newPartDocument, writesHere } from './part-page';
import { KeptEditors } from './kept-editors.svelte';
import { PartEditor } from './part-editor.svelte';

export interface MeetingPerson {
	userId: string;
	role: Role;
	displayName: string;
}

/** Who may open meeting mode: those who may write the PEP's header, where the meeting is kept. */
export function mayRunMeeting(role: Role): boolean {
	return mayWriteKind(role, 'pep');
}

/** Meeting mode is for a meeting still to be held or just held: not once sign-off has begun. */
export function meetingModeApplies(header: Pick<PepHeader, 'status'>): boolean {
	return header.status === 'draft' || header.status === 'meeting-held';
}

export interface MeetingAddress {
	childId: string;
	pepId: string;
	person: MeetingPerson | null;
}

interface MeetingRead {
	header: Read<'pep'> | null;
	child: Read<'child'> | null;
	voice: Read<'pep-voice'> | null;
	b: Read<'pep-b'> | null;
	targets: Read<'pep-targets'> | null;
	carerViews: Read<'pep-carer'> | null;
	pepAttachments: Attachment[];
	childAttachments: Attachment[];
	settings: DeadlineSettings;
}

interface MeetingEditors {
	/** The header's `meeting` part: the clock, the planned length, the attendance tick. */
	meeting: PartEditor;
	/** The header's own fields: the invitees, the next meeting's date and time. */
	top: PartEditor;
	/** The meeting page of Section B, for those who write it here. */
	page: PartEditor | null;
}

const meetingPage = partSpec('meeting-page')!;

export class MeetingMode {
	readonly #query: RecordQuery<MeetingRead>;
	readonly #editors: KeptEditors<
		MeetingEditors,
		{ header: Read<'pep'> | null | undefined; b: Read<'pep-b'> | null | undefined }
	>;

	/** What each invitee's attendance was when the screen opened, to put back a tick taken off. */
	readonly attendanceBefore: Record<string, PepHeader['invitees'][number]['attendance']> = {};

	/** What the editors are made for: again only when this changes, not at every read. */
	#editorsFor = $derived.by(() => {
		const { childId, pepId, person } = this.address();
		const header = this.#query.value?.header;
		if (!person || !header || !mayRunMeeting(person.role)) return null;
		const writesPage =
			mayWriteKind(person.role, 'pep-b') && writesHere(person.role, 'pep-b', header);
		return JSON.stringify([childId, pepId, person.userId, person.role, writesPage]);
	});

	constructor(
		private readonly address: () => MeetingAddress,
		record: () => LocalRecord | null
	) {
		this.#query = recordQuery<MeetingRead>(
			() => {
				const { childId, pepId, person } = address();
				return [childId, pepId, person?.userId];
			},
			async (reader) => {
				const { childId, pepId } = address();
				const [docs, { child, attachments }, settings] = await Promise.all([
					pepDocumentsOf(reader, childId, pepId),
					childRecordOf(reader, childId),
					deadlineSettingsOf(reader)
				]);
				return {
					header: documentOfKind(docs, 'pep') ?? null,
					child,
					voice: documentOfKind(docs, 'pep-voice') ?? null,
					b: documentOfKind(docs, 'pep-b') ?? null,
					targets: documentOfKind(docs, 'pep-targets') ?? null,
					carerViews: documentOfKind(docs, 'pep-carer') ?? null,
					pepAttachments: attachments.filter((a) => a.pepId === pepId),
					childAttachments: attachments.filter((a) => a.pepId === undefined),
					settings
				};
			}
		);

		// The editors are made once per PEP and person, when the PEP is known to be on the device.
		this.#editors = new KeptEditors({
			record,
			key: () => this.#editorsFor,
			make: (opened): MeetingEditors | null => {
				const { childId, pepId, person } = address();
				const header = this.#query.value?.header;
				if (!person || !header) return null;
				for (const i of header.invitees) this.attendanceBefore[i.inviteeId] ??= i.attendance;
				const docId = ids.pep(childId, pepId);
				const writesPage =
					mayWriteKind(person.role, 'pep-b') && writesHere(person.role, 'pep-b', header);
				return {
					meeting: new PartEditor(opened, { key: 'meeting' }, docId, null),
					top: new PartEditor(opened, { key: '' }, docId, null),
					page: writesPage
						? new PartEditor(
								opened,
								meetingPage,
								ids.pepPart(childId, pepId, meetingPage.part),
								newPartDocument(meetingPage.kind, header)
							)
						: null
				};
			},
			editorsOf: (made) => [made.meeting, made.top, made.page],
			// A change brought by sync (an invitee added on another tablet, Section B's meeting page
			// typed at the school) shows in the forms.
			stored: () => ({ header: this.#query.value?.header, b: this.#query.value?.b }),
			follow: (editors, { header, b }) => {
				if (header) {
					editors.meeting.follow(header);
					editors.top.follow(header);
				}
				if (b) editors.page?.follow(b);
			}
		});
	}

	get childId(): string {
		return this.address().childId;
	}

	get pepId(): string {
		return this.address().pepId;
	}

	get person(): MeetingPerson | null {
		return this.address().person;
	}

	get header(): Read<'pep'> | null {
		return this.#query.value?.header ?? null;
	}

	get child(): Read<'child'> | null {
		return this.#query.value?.child ?? null;
	}

	get voice(): Read<'pep-voice'> | null {
		return this.#query.value?.voice ?? null;
	}

	get b(): Read<'pep-b'> | null {
		return this.#query.value?.b ?? null;
	}

	get targets(): Read<'pep-targets'> | null {
		return this.#query.value?.targets ?? null;
	}

	get carerViews(): Read<'pep-carer'> | null {
		return this.#query.value?.carerViews ?? null;
	}

	get pepAttachments(): Attachment[] {
		return this.#query.value?.pepAttachments ?? [];
	}

	get childAttachments(): Attachment[] {
		return this.#query.value?.childAttachments ?? [];
	}

	get settings(): DeadlineSettings {
		return this.#query.value?.settings ?? {};
	}

	get failure(): string | null {
		return this.#query.failure;
	}

	/** The PEP is not on this device (read, and not found). */
	get missing(): boolean {
		return this.#query.value !== undefined && this.#query.value.header === null;
	}

	/** Read, and (for those who run the meeting) its editors open. */
	get loaded(): boolean {
		if (this.#query.value === undefined) return false;
		return this.#editorsFor === null || this.#editors.current !== null;
	}

	get meeting(): PartEditor | null {
		return this.#editors.current?.meeting ?? null;
	}

	get top(): PartEditor | null {
		return this.#editors.current?.top ?? null;
	}

	get page(): PartEditor | null {
		return this.#editors.current?.page ?? null;
	}

	get caption(): string {
		return this.child ? childName(this.child) : '';
	}

	/** The header as it will be once what is typed here is saved. */
	get pendingHeader(): PepHeader | null {
		const header = this.header;
		if (!header) return null;
		// An editor's values are its document with what was typed over it: a field cleared here
		// is cleared, not read again from the record.
		const top = this.top?.values as Partial<PepHeader> | undefined;
		const meeting = this.meeting?.values ?? {};
		return {
			...header,
			...(top
				? {
						invitees: top.invitees ?? header.invitees,
						nextPepDate: top.nextPepDate,
						nextPepTime: top.nextPepTime
					}
				: {}),
			meeting: { ...header.meeting, ...meeting } as PepHeader['meeting']
		};
	}

	/** The meeting page's values: as drafted here, or as the record has them for a reader. */
	get pageValues(): Record<string, unknown> {
		if (this.page) return this.page.values;
		return (this.b?.meetingPage as Record<string, unknown> | undefined) ?? {};
	}

	/** Whether the notes steps can be written here (else they are shown to read). */
	get recordsNotes(): boolean {
		return this.page !== null;
	}

	newInviteeId(): string {
		return newId();
	}

	/** Commits every editor now: leaving a field, a step or the page. */
	commitAll(): Promise<boolean> {
		return this.#editors.commit();
	}

	/** Whether a change typed here is still on its way to the device's disk. */
	get saving(): boolean {
		return [this.meeting, this.top, this.page].some((editor) => editor?.saving === true);
	}

	/** Whether anything typed here is waiting to be saved to the record. */
	get status(): string {
		const editors = [this.meeting, this.top, this.page].filter((e) => e !== null);
		if (editors.some((e) => e.errors.length > 0))
			return 'Your changes are kept on this device, but some cannot be saved to the record until the problems are fixed.';
		if (editors.some((e) => e.hasDraft)) return 'Saved on this device.';
		return editors.some((e) => e.status === 'Saved.') ? 'Saved.' : '';
	}
}
