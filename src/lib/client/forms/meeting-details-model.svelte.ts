/**
 * The meeting details page, kept current: the PEP's arrangements (date, time, place), edited by
 * those who write the header, and recording that the meeting was held, which is the first step
 * of the lifecycle after the draft and what the sign-off deadlines count from.
 */
import { mayWriteKind } from '$lib/domain/access';
import { nowIso } from '$lib/domain/calendar/today';
import { ids } from '$lib/domain/ids';
import { transitionBlockers } from '$lib/domain/rules/lifecycle';
import type { Blocker } from '$lib/domain/rules/reasons';
import { statusChange } from '$lib/domain/rules/status-change';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { Role } from '$lib/domain/schemas/users';
import { childName } from '../caseload';
import type { LocalRecord } from '../data/record';
import { RecordReader, type Read } from '../data/record-reader';
import { todayInEngland } from '../queries';
import { recordQuery, type RecordQuery } from '../record-query.svelte';
import { applyChange } from './apply-change';
import { KeptEditors } from './kept-editors.svelte';
import { meetingDetailsSpec } from './meeting-details';
import { PartEditor } from './part-editor.svelte';

export interface MeetingDetailsAddress {
	childId: string;
	pepId: string;
	user: { userId: string; role: Role } | null;
}

interface MeetingDetailsRead {
	header: Read<'pep'> | null;
	caption: string;
}

export class MeetingDetailsModel {
	readonly #query: RecordQuery<MeetingDetailsRead>;
	readonly #editor: KeptEditors<PartEditor, Read<'pep'> | null | undefined>;
	/** Why the last try to record the meeting as held was refused, read afresh from the record. */
	refusal = $state.raw<Blocker[]>([]);
	busy = $state(false);

	/** What the editor is made for: again only when this changes, not at every read. */
	#editorFor = $derived.by(() => {
		const { childId, pepId, user } = this.address();
		if (!this.#query.value?.header || !user || !mayWriteKind(user.role, 'pep')) return null;
		return JSON.stringify([childId, pepId, user.userId]);
	});

	constructor(
		private readonly address: () => MeetingDetailsAddress,
		private readonly record: () => LocalRecord | null
	) {
		this.#query = recordQuery(
			() => {
				const { childId, pepId } = address();
				return [childId, pepId];
			},
			async (reader) => {
				const { childId, pepId } = address();
				const [header, child] = await Promise.all([
					reader.doc('pep', ids.pep(childId, pepId)),
					reader.doc('child', ids.child(childId))
				]);
				return { header, caption: child ? childName(child) : '' };
			}
		);
		this.#editor = new KeptEditors({
			record,
			key: () => this.#editorFor,
			make: (opened) => {
				const { childId, pepId } = address();
				return new PartEditor(opened, meetingDetailsSpec, ids.pep(childId, pepId), null);
			},
			editorsOf: (editor) => [editor],
			// Arrangements changed on another device show in the form.
			stored: () => this.#query.value?.header,
			follow: (editor, header) => header && editor.follow(header)
		});
	}

	get header(): PepHeader | null {
		return this.#query.value?.header ?? null;
	}

	get caption(): string {
		return this.#query.value?.caption ?? '';
	}

	/** Read, and the PEP is not on this device. */
	get missing(): boolean {
		return this.#query.value !== undefined && this.#query.value.header === null;
	}

	get failure(): string | null {
		return this.#query.failure;
	}

	get editor(): PartEditor | null {
		return this.#editor.current;
	}

	/** This person may record the meeting as held (the PEP is still a draft). */
	get mayRecordHeld(): boolean {
		const role = this.address().user?.role;
		return this.header?.status === 'draft' && !!role && mayWriteKind(role, 'pep');
	}

	/** Why the meeting cannot be recorded as held yet, judged on the arrangements as typed. */
	get blockers(): Blocker[] {
		const role = this.address().user?.role;
		const header = this.header;
		if (!header || !role) return [];
		const editor = this.editor;
		const pending = editor
			? { ...header, meeting: { ...header.meeting, ...editor.values } as PepHeader['meeting'] }
			: header;
		return transitionBlockers('meeting-held', role, { header: pending, today: todayInEngland() });
	}

	/** Records that the meeting was held; whether it was. */
	async recordHeld(): Promise<boolean> {
		const record = this.record();
		const { childId, pepId, user } = this.address();
		if (!record || !user || !this.header || this.blockers.length > 0 || this.busy) return false;
		this.busy = true;
		try {
			// The arrangements first, so the status change is made against the date as typed.
			if (!(await this.#editor.commit())) return false;
			// Read afresh and parsed: the status moves from the header as it is now.
			const current = await new RecordReader(record.db).doc('pep', ids.pep(childId, pepId));
			if (!current) return false;
			const again = transitionBlockers('meeting-held', user.role, {
				header: current,
				today: todayInEngland()
			});
			if (again.length > 0) {
				this.refusal = again;
				return false;
			}
			const fields = statusChange(current, { to: 'meeting-held', by: user.userId, at: nowIso() });
			const result = await applyChange(record, ids.pep(childId, pepId), '', fields);
			if (result.status === 'invalid') {
				this.refusal = result.errors.map((e) => ({
					part: 'status',
					message: `${e.field}: ${e.message}`
				}));
				return false;
			}
			this.refusal = [];
			return true;
		} finally {
			this.busy = false;
		}
	}

	/** Commits what was typed (leaving the page). */
	async commit(): Promise<void> {
		await this.#editor.commit();
	}
}
