/**
 * The home screen's view of a caseload: each child with their latest PEP and its next step, and
 * the steps waiting for the person signed in. Pure, so it is tested without a browser and stays
 * fast with a thousand children (the Virtual School sees the whole authority).
 */
import type { DeadlineSettings } from '$lib/domain/rules/deadlines';
import { latestPeps, nextStep, workFor, type PepStep } from '$lib/domain/rules/worklist';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { IsoDate } from '$lib/domain/schemas/common';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { CaseloadDocuments } from './queries';
import { yearGroupNames } from '$lib/domain/labels';
import type { Role } from '$lib/domain/schemas/users';

export interface CaseloadRow {
	child: ChildProfile;
	name: string;
	/** Lower-case words searched as the person types. */
	searchText: string;
	latestPep: PepHeader | null;
	step: PepStep | null;
}

export interface WaitingItem {
	child: ChildProfile;
	name: string;
	pep: PepHeader;
	step: PepStep;
}

export function childName(child: Pick<ChildProfile, 'person'>): string {
	const { preferredName, givenName, familyName } = child.person;
	return `${preferredName ?? givenName} ${familyName}`;
}

export function buildCaseload(
	children: ChildProfile[],
	peps: PepHeader[],
	today: IsoDate,
	settings: DeadlineSettings = {}
): CaseloadRow[] {
	const latest = latestPeps(peps);
	return children
		.map((child) => {
			const latestPep = latest.get(child.childId) ?? null;
			const name = childName(child);
			return {
				child,
				name,
				searchText: [
					name,
					child.person.givenName,
					child.setting.name ?? '',
					yearGroupNames[child.yearGroup]
				]
					.join(' ')
					.toLowerCase(),
				latestPep,
				step: latestPep ? nextStep(latestPep, today, settings) : null
			};
		})
		.sort((a, b) => a.child.person.familyName.localeCompare(b.child.person.familyName));
}

const built = new WeakMap<CaseloadDocuments, { today: IsoDate; rows: CaseloadRow[] }>();

/** The authority's deadline settings, as the home screen's documents hold them. */
export function settingsOf(docs: Pick<CaseloadDocuments, 'authority'>): DeadlineSettings {
	return { timescales: docs.authority?.timescales, termDates: docs.authority?.termDates };
}

/**
 * The rows for the home screen's documents, built once per set of documents and day: coming back
 * to the home screen with nothing changed costs nothing (see `caseload-snapshot.ts`).
 */
export function caseloadRows(docs: CaseloadDocuments, today: IsoDate): CaseloadRow[] {
	const kept = built.get(docs);
	if (kept?.today === today) return kept.rows;
	const rows = buildCaseload(docs.children, docs.peps, today, settingsOf(docs));
	built.set(docs, { today, rows });
	return rows;
}

/**
 * Every PEP of the caseload whose next step this role takes, most urgent first (`workFor`), with
 * the child it is about. A PEP of a child not on the device is left out.
 */
export function waitingFor(
	role: Role,
	rows: readonly CaseloadRow[],
	peps: readonly PepHeader[],
	today: IsoDate,
	settings: DeadlineSettings = {}
): WaitingItem[] {
	const byChild = new Map(rows.map((row) => [row.child.childId, row]));
	return workFor(role, peps, today, settings).flatMap(({ pep, step }) => {
		const row = byChild.get(pep.childId);
		return row ? [{ child: row.child, name: row.name, pep, step }] : [];
	});
}

/** Rows whose name, setting or year group contain every word typed, in any order. */
export function filterCaseload(rows: CaseloadRow[], query: string): CaseloadRow[] {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return rows;
	return rows.filter((row) => words.every((word) => row.searchText.includes(word)));
}
