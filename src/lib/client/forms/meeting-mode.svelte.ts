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
import type { CarerViews } from '$lib/domain/schemas/carer';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { SectionB } from '$lib/domain/schemas/section-b';
import type { Targets } from '$lib/domain/schemas/targets';
import type { Role } from '$lib/domain/schemas/users';
import type { Voice } from '$lib/domain/schemas/voice';
import { childName } from '../caseload';
import type { LocalRecord } from '../data/record';
import { childRecord, deadlineSettings, pepDocuments } from '../queries';
import { partSpec } from './pep-parts';
import { openPart } from './part-page';
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

export class MeetingMode {
	header = $state.raw<PepHeader | null>(null);
	child = $state.raw<ChildProfile | null>(null);
	voice = $state.raw<Voice | null>(null);
	b = $state.raw<SectionB | null>(null);
	targets = $state.raw<Targets | null>(null);
	carerViews = $state.raw<CarerViews | null>(null);
	pepAttachments = $state.raw<Attachment[]>([]);
	childAttachments = $state.raw<Attachment[]>([]);
	settings = $state.raw<DeadlineSettings>({});
	missing = $state(false);
	loaded = $state(false);

	/** The header's `meeting` part: the clock, the planned length, the attendance tick. */
	meeting = $state.raw<PartEditor | null>(null);
	/** The header's own fields: the invitees, the next meeting's date and time. */
	top = $state.raw<PartEditor | null>(null);
	/** The meeting page of Section B, for those who write it here. */
	page = $state.raw<PartEditor | null>(null);

	/** What each invitee's attendance was when the screen opened, to put back a tick taken off. */
	readonly attendanceBefore: Record<string, PepHeader['invitees'][number]['attendance']> = {};

	#disposed = false;

	constructor(
		private readonly record: LocalRecord,
		readonly person: MeetingPerson,
		readonly childId: string,
		readonly pepId: string
	) {}

	get caption(): string {
		return this.child ? childName(this.child) : '';
	}

	/** Reads the record, then opens the editors this person may use. */
	async open(): Promise<void> {
		await this.refresh();
		const header = this.header;
		if (!header || this.#disposed || !mayRunMeeting(this.person.role)) {
			this.loaded = true;
			return;
		}
		for (const i of header.invitees) this.attendanceBefore[i.inviteeId] = i.attendance;
		const docId = ids.pep(this.childId, this.pepId);
		const meeting = new PartEditor(this.record, { key: 'meeting' }, docId, null);
		const top = new PartEditor(this.record, { key: '' }, docId, null);
		await Promise.all([meeting.load(), top.load()]);
		const spec = partSpec('meeting-page')!;
		const opened = await openPart(this.record, this.person.role, this.childId, this.pepId, spec);
		const page = opened.kind === 'edit' ? opened.editor : null;
		if (this.#disposed) {
			for (const editor of [meeting, top, page]) editor?.dispose();
			return;
		}
		this.meeting = meeting;
		this.top = top;
		this.page = page;
		this.loaded = true;
	}

	/** Reads again what the screen shows but does not edit (a sync may have brought changes). */
	async refresh(): Promise<void> {
		const { child, peps, attachments } = await childRecord(this.record.db, this.childId);
		const docs = await pepDocuments(this.record.db, this.childId, this.pepId);
		const settings = await deadlineSettings(this.record.db);
		if (this.#disposed) return;
		this.child = child;
		this.header = peps.find((pep) => pep.pepId === this.pepId) ?? null;
		this.missing = this.header === null;
		this.voice = (docs.get('pep-voice') as Voice | undefined) ?? null;
		this.b = (docs.get('pep-b') as SectionB | undefined) ?? null;
		this.targets = (docs.get('pep-targets') as Targets | undefined) ?? null;
		this.carerViews = (docs.get('pep-carer') as CarerViews | undefined) ?? null;
		this.pepAttachments = attachments.filter((a) => a.pepId === this.pepId);
		this.childAttachments = attachments.filter((a) => a.pepId === undefined);
		this.settings = settings;
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
	async commitAll(): Promise<boolean> {
		const results = await Promise.all(
			[this.meeting, this.top, this.page].map((editor) => editor?.commit() ?? true)
		);
		return results.every(Boolean);
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

	dispose(): void {
		this.#disposed = true;
		for (const editor of [this.meeting, this.top, this.page]) editor?.dispose();
	}
}
