/**
 * Section D's screen, kept current: the PEP and what the quality-assurance checks read, the
 * checklist pre-filled from the record, the grade in the authority's scheme, why a decision
 * cannot be made yet, and the decision itself. The officer edits only while the PEP waits for
 * quality assurance; a decision made on another device (or arriving by sync) closes the editor
 * and shows the outcome.
 */
import { mayReadKind, mayWriteKind } from '$lib/domain/access';
import { ids } from '$lib/domain/ids';
import { awaitsQualityAssurance } from '$lib/domain/rules/lifecycle';
import {
	currentGrade,
	prefilledChecklist,
	qaDecisionBlockers,
	type QaDecision
} from '$lib/domain/rules/qa-decision';
import { precheckQa, type Precheck } from '$lib/domain/rules/qa-precheck';
import type { Authority } from '$lib/domain/schemas/authority';
import { qaChecklist, type Qa } from '$lib/domain/schemas/qa';
import type { Role } from '$lib/domain/schemas/users';
import { childName } from '../caseload';
import type { LocalRecord } from '../data/record';
import type { Read } from '../data/record-reader';
import { moveStatus } from '../pep-changes';
import { nowIso } from '$lib/domain/calendar/today';
import { documentOfKind, pepDocumentsOf, todayInEngland } from '../queries';
import { recordQuery, type RecordQuery } from '../record-query.svelte';
import type { PartSpec } from './fields';
import { KeptEditors } from './kept-editors.svelte';
import { PartEditor } from './part-editor.svelte';
import { newPartDocument } from './part-page';

export interface QaAddress {
	childId: string;
	pepId: string;
	user: { userId: string; displayName: string; role: Role } | null;
}

interface QaRead {
	header: Read<'pep'> | null;
	pp: Read<'pep-pp'> | null;
	stored: Read<'pep-qa'> | null;
	authority: Read<'authority'> | null;
	name: string;
	prechecks: Precheck[];
}

const qaPart: Pick<PartSpec, 'key'> = { key: '' };

/** What the page shows of the QA: the officer's edits over what is stored. */
export interface QaShown {
	checklist: Qa['checklist'];
	grade: Qa['grade'];
	feedback: string;
	fixes: Qa['fixes'];
}

export class QaModel {
	readonly #query: RecordQuery<QaRead>;
	readonly #editor: KeptEditors<PartEditor, Read<'pep-qa'> | null | undefined>;
	/** The decision just made here, for the banner. */
	decided = $state<QaDecision | null>(null);
	problem = $state('');
	busy = $state(false);

	/** What the editor is made for: again only when this changes, not at every read. */
	#editorFor = $derived.by(() => {
		const { childId, pepId, user } = this.address();
		const header = this.#query.value?.header;
		if (!user || !header || !this.#writes(user.role, header.status)) return null;
		return JSON.stringify([childId, pepId, user.userId, header.authorityId, header.schoolId]);
	});

	constructor(
		private readonly address: () => QaAddress,
		private readonly record: () => LocalRecord | null
	) {
		this.#query = recordQuery<QaRead>(
			() => {
				const { childId, pepId, user } = address();
				return [childId, pepId, user?.userId];
			},
			async (reader) => {
				const { childId, pepId } = address();
				const [docs, child] = await Promise.all([
					pepDocumentsOf(reader, childId, pepId),
					reader.doc('child', ids.child(childId))
				]);
				const header = documentOfKind(docs, 'pep') ?? null;
				const authority = header
					? await reader.doc('authority', ids.authority(header.authorityId))
					: null;
				const prechecks = header
					? precheckQa({
							header,
							a: documentOfKind(docs, 'pep-a') ?? null,
							b: documentOfKind(docs, 'pep-b') ?? null,
							targets: documentOfKind(docs, 'pep-targets') ?? null,
							voice: documentOfKind(docs, 'pep-voice') ?? null,
							carer: documentOfKind(docs, 'pep-carer') ?? null,
							settings: { timescales: authority?.timescales, termDates: authority?.termDates },
							attendanceThreshold: authority?.attendanceThreshold
						})
					: [];
				return {
					header,
					pp: documentOfKind(docs, 'pep-pp') ?? null,
					stored: documentOfKind(docs, 'pep-qa') ?? null,
					authority,
					name: child ? childName(child) : '',
					prechecks
				};
			}
		);

		// The editor is made once per PEP and officer while the PEP waits for quality assurance.
		this.#editor = new KeptEditors({
			record,
			key: () => this.#editorFor,
			make: (opened) => {
				const { childId, pepId } = address();
				const read = this.#query.value;
				if (!read?.header) return null;
				return new PartEditor(opened, qaPart, ids.pepPart(childId, pepId, 'qa'), {
					...newPartDocument('pep-qa', read.header),
					scheme: schemeOf(read.authority)
				});
			},
			editorsOf: (editor) => [editor],
			prepare: (editor) => {
				const checklist = qaChecklist.parse(editor.values.checklist ?? {});
				const filled = prefilledChecklist(checklist, this.#query.value?.prechecks ?? []);
				if (JSON.stringify(filled) !== JSON.stringify(checklist)) editor.set('checklist', filled);
			},
			// A revision brought by sync (another officer's edit) shows in the form.
			stored: () => this.#query.value?.stored,
			follow: (editor, stored) => stored && editor.follow(stored)
		});
	}

	/** Whether this person may see Section D at all. */
	get hidden(): boolean {
		const role = this.address().user?.role;
		return !!role && !mayReadKind(role, 'pep-qa');
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

	get name(): string {
		return this.#query.value?.name ?? '';
	}

	get pp(): Read<'pep-pp'> | null {
		return this.#query.value?.pp ?? null;
	}

	get stored(): Read<'pep-qa'> | null {
		return this.#query.value?.stored ?? null;
	}

	get prechecks(): Precheck[] {
		return this.#query.value?.prechecks ?? [];
	}

	get editor(): PartEditor | null {
		return this.#editor.current;
	}

	/** The officer may edit, but the editor is still opening. */
	get opening(): boolean {
		const { user } = this.address();
		const header = this.header;
		return !this.editor && !!user && !!header && this.#writes(user.role, header.status);
	}

	get qa(): QaShown {
		const values: Record<string, unknown> = this.editor
			? this.editor.values
			: ((this.stored as Record<string, unknown> | null) ?? {});
		return {
			checklist: qaChecklist.parse(values.checklist ?? {}),
			grade: values.grade as Qa['grade'],
			feedback: typeof values.feedback === 'string' ? values.feedback : '',
			fixes: Array.isArray(values.fixes) ? (values.fixes as Qa['fixes']) : []
		};
	}

	get scheme(): Qa['scheme'] {
		if (this.editor) return this.editor.values.scheme as Qa['scheme'];
		return this.stored?.scheme ?? schemeOf(this.#query.value?.authority ?? null);
	}

	get grade(): ReturnType<typeof currentGrade> {
		const { checklist, grade } = this.qa;
		return currentGrade(this.scheme, checklist, grade);
	}

	/** Why each decision cannot be made yet, in words (none: it can). */
	get blockers(): Record<QaDecision, { message: string }[]> {
		const role = this.address().user?.role;
		const header = this.header;
		if (!role || !header) return { passed: [], returned: [] };
		const input = { role, header, qa: this.qa, scheme: this.scheme, today: todayInEngland() };
		return {
			passed: qaDecisionBlockers('passed', input),
			returned: qaDecisionBlockers('returned', input)
		};
	}

	/** Records the officer's decision and moves the PEP on. */
	async decide(decision: QaDecision): Promise<void> {
		const record = this.record();
		const { user } = this.address();
		const editor = this.editor;
		const header = this.header;
		if (!record || !user || !editor || !header || this.busy) return;
		if (this.blockers[decision].length > 0) return;
		this.busy = true;
		const { feedback, fixes } = this.qa;
		const grade = this.grade;
		editor.set('outcome', decision);
		if (grade) editor.set('grade', grade);
		editor.set('reviewer', { userId: user.userId, name: user.displayName });
		editor.set('decidedAt', nowIso());
		this.problem = '';
		try {
			if (!(await editor.commit())) return;
			const note =
				decision === 'returned'
					? [feedback.trim(), ...fixes.map((f) => f.what.trim())].filter(Boolean).join(' ')
					: undefined;
			const moved = await moveStatus(
				record,
				header,
				decision === 'passed' ? 'qa-passed' : 'qa-returned',
				note
			);
			if (moved.status === 'invalid') {
				this.problem = `The PEP’s status was not changed: ${moved.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`;
			} else {
				// The PEP no longer waits for quality assurance: the editor closes as the record is read.
				this.decided = decision;
				this.#query.refresh();
			}
		} finally {
			this.busy = false;
		}
	}

	/** Commits what was typed (leaving the page). */
	async commit(): Promise<void> {
		await this.#editor.commit();
	}

	#writes(role: Role, status: Read<'pep'>['status']): boolean {
		return mayWriteKind(role, 'pep-qa') && awaitsQualityAssurance(status);
	}
}

function schemeOf(authority: Authority | null): Qa['scheme'] {
	return authority?.gradingScheme ?? 'meets-standard';
}
