/**
 * A sign-off screen, kept current (Section A by the social worker, Section B by the designated
 * teacher, a post-16 PETP by the personal adviser): what stands in the way as the record changes
 * (a part completed on another device, say), the next PEP date as typed (kept on the device as a
 * draft until sign-off writes it), and the sign-off itself, written to the local record so it
 * works with no signal and syncs later.
 */
import { mayWriteKind } from '$lib/domain/access';
import { ids } from '$lib/domain/ids';
import {
	dtSignOffDeadline,
	post16PanelDeadline,
	type DeadlineSettings,
	type Deadline
} from '$lib/domain/rules/deadlines';
import { nextStatuses } from '$lib/domain/rules/lifecycle';
import type { Blocker } from '$lib/domain/rules/reasons';
import { planSignOff, signedStatus, type Signer } from '$lib/domain/rules/sign-off-step';
import { completedBy } from '$lib/domain/rules/worklist';
import type { SignOff } from '$lib/domain/schemas/section-a';
import type { Role } from '$lib/domain/schemas/users';
import { childName } from '../caseload';
import { formOnlyPart } from '../data/drafts';
import type { LocalRecord } from '../data/record';
import type { Read } from '../data/record-reader';
import { nowIso } from '$lib/domain/calendar/today';
import { deadlineSettingsOf, documentOfKind, pepDocumentsOf, todayInEngland } from '../queries';
import { recordQuery, type RecordQuery } from '../record-query.svelte';
import { applyChange } from './apply-change';

/** What each person signs, in the document it lives in. */
export const signs: Record<Signer, { section: string; title: string; part: 'a' | 'b' | 'petp' }> = {
	'social-worker': { section: 'Section A', title: 'Social worker sign-off', part: 'a' },
	'designated-teacher': { section: 'Section B', title: 'Designated teacher sign-off', part: 'b' },
	'personal-adviser': { section: 'the PETP', title: 'Personal adviser sign-off', part: 'petp' }
};

/** The date as typed, kept on the device until sign-off writes it. */
const dateDraft = formOnlyPart('next-pep-date');

export interface SignOffAddress {
	who: Signer;
	childId: string;
	pepId: string;
	user: { userId: string; displayName: string; role: Role } | null;
}

interface SignOffRead {
	header: Read<'pep'> | null;
	a: Read<'pep-a'> | null;
	b: Read<'pep-b'> | null;
	petp: Read<'pep-petp'> | null;
	targets: Read<'pep-targets'> | null;
	voice: Read<'pep-voice'> | null;
	caption: string;
	settings: DeadlineSettings;
	threshold: number | undefined;
	/** The next PEP date typed here before and not yet signed off. */
	typedDate: string | undefined;
}

export class SignOffModel {
	readonly #query: RecordQuery<SignOffRead>;
	/** The date typed on this visit; undefined until the person types one. */
	#typed = $state<{ value: string | undefined } | null>(null);
	refused = $state.raw<Blocker[]>([]);
	attempts = $state(0);
	busy = $state(false);

	constructor(
		private readonly address: () => SignOffAddress,
		private readonly record: () => LocalRecord | null
	) {
		this.#query = recordQuery<SignOffRead>(
			() => {
				const { who, childId, pepId } = address();
				return [who, childId, pepId];
			},
			async (reader, opened) => {
				const { who, childId, pepId } = address();
				const [docs, child, settings, draft] = await Promise.all([
					pepDocumentsOf(reader, childId, pepId),
					reader.doc('child', ids.child(childId)),
					deadlineSettingsOf(reader),
					opened.drafts.getDraft(ids.pepPart(childId, pepId, signs[who].part), dateDraft)
				]);
				const header = documentOfKind(docs, 'pep') ?? null;
				const authority = header
					? await reader.doc('authority', ids.authority(header.authorityId))
					: null;
				const typed = draft?.fields.nextPepDate;
				return {
					header,
					a: documentOfKind(docs, 'pep-a') ?? null,
					b: documentOfKind(docs, 'pep-b') ?? null,
					petp: documentOfKind(docs, 'pep-petp') ?? null,
					targets: documentOfKind(docs, 'pep-targets') ?? null,
					voice: documentOfKind(docs, 'pep-voice') ?? null,
					caption: child ? childName(child) : '',
					settings,
					threshold: authority?.attendanceThreshold,
					typedDate: typeof typed === 'string' ? typed : undefined
				};
			}
		);
	}

	get section(): string {
		return signs[this.address().who].section;
	}

	get title(): string {
		return signs[this.address().who].title;
	}

	get loading(): boolean {
		return this.#query.loading;
	}

	get failure(): string | null {
		return this.#query.failure;
	}

	get header(): Read<'pep'> | null {
		return this.#query.value?.header ?? null;
	}

	get caption(): string {
		return this.#query.value?.caption ?? '';
	}

	/** This person's sign-off as it stands in the record, if there is one. */
	get signed(): SignOff | null {
		const read = this.#query.value;
		if (!read) return null;
		const own = { a: read.a, b: read.b, petp: read.petp }[signs[this.address().who].part];
		return (own as { signOff?: SignOff } | null)?.signOff ?? null;
	}

	get mayWrite(): boolean {
		const { who, user } = this.address();
		return user !== null && mayWriteKind(user.role, `pep-${signs[who].part}` as const);
	}

	/** The date in the form: typed now, else typed before, else the one signed or planned. */
	get nextPepDate(): string | undefined {
		if (this.#typed) return this.#typed.value;
		const read = this.#query.value;
		return read?.typedDate ?? this.signed?.nextPepDate ?? read?.header?.nextPepDate ?? undefined;
	}

	typeDate(value: string | undefined): void {
		this.#typed = { value };
		const record = this.record();
		const { who, childId, pepId } = this.address();
		if (!record) return;
		void record.drafts.saveDraft({
			docId: ids.pepPart(childId, pepId, signs[who].part),
			part: dateDraft,
			baseRev: null,
			fields: { nextPepDate: value ?? null },
			userId: record.userId
		});
	}

	/** What signing off now would need and write; made afresh at the moment of signing. */
	planNow() {
		const read = this.#query.value;
		const { who, user } = this.address();
		if (!read?.header || !user) return null;
		return planSignOff({
			who,
			person: { userId: user.userId, role: user.role, name: user.displayName },
			header: read.header,
			a: read.a,
			b: read.b,
			petp: read.petp,
			neet: completedBy(read.header) === 'personal-adviser',
			targets: read.targets,
			voice: read.voice,
			nextPepDate: this.nextPepDate,
			at: nowIso(),
			today: todayInEngland(),
			attendanceThreshold: read.threshold
		});
	}

	get plan() {
		return this.planNow();
	}

	/**
	 * Whether the PEP is waiting for this sign-off: after the meeting, or (for the designated
	 * teacher) again after quality assurance returned it. A sign-off already written while the
	 * PEP still waits (it was returned, or its status did not move) can be made again.
	 */
	get awaiting(): boolean {
		const header = this.header;
		const to = signedStatus[this.address().who];
		return !!header && nextStatuses(header.status, header.kind).some((t) => t.to === to);
	}

	/** What the lifecycle says (the status, the role): no form filling can change these here. */
	get stuck(): Blocker[] {
		return this.plan?.blockers.filter((b) => b.part === 'status') ?? [];
	}

	get toDo(): Blocker[] {
		return this.plan?.blockers.filter((b) => b.part !== 'status') ?? [];
	}

	get deadline(): Deadline | null {
		const date = this.header?.meeting.date;
		const settings = this.#query.value?.settings ?? {};
		if (!date) return null;
		const { who } = this.address();
		if (who === 'designated-teacher') return dtSignOffDeadline(date, settings);
		if (who === 'personal-adviser') return post16PanelDeadline(date, settings);
		return null;
	}

	/** Once sign-off has been tried, the date's problem follows what is typed. */
	get dateError(): string | null {
		if (this.attempts === 0) return null;
		return this.plan?.blockers.find((b) => b.field === 'nextPepDate')?.message ?? null;
	}

	/** Signs off; true once written (the PEP's status moved with it). */
	async signOff(): Promise<boolean> {
		const record = this.record();
		const plan = this.planNow();
		if (!record || !plan || this.busy) return false;
		this.attempts++;
		if (plan.blockers.length > 0) {
			this.refused = plan.blockers;
			return false;
		}
		this.busy = true;
		const { who, childId, pepId } = this.address();
		try {
			const ownDoc = ids.pepPart(childId, pepId, signs[who].part);
			const signedOff = await applyChange(record, ownDoc, 'signOff', plan.signOff);
			if (signedOff.status === 'invalid') {
				this.refused = asBlockers(signedOff.errors);
				return false;
			}
			const moved = await applyChange(record, ids.pep(childId, pepId), '', plan.header);
			if (moved.status === 'invalid') {
				this.refused = asBlockers(moved.errors);
				return false;
			}
			this.refused = [];
			await record.drafts.discardDraft(ownDoc, dateDraft);
			return true;
		} finally {
			this.busy = false;
		}
	}
}

function asBlockers(errors: { field: string; message: string }[]): Blocker[] {
	return errors.map((e) => ({ part: 'status', message: `${e.field} ${e.message}` }));
}
