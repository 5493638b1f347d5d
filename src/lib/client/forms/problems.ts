/**
 * Problems on a page drawn by hand: each names the field by its path in the document (as the
 * schemas and the rules do), so one id scheme puts the message beside its field and links the
 * error summary to it.
 */
import type { ErrorSummaryItem } from '$lib/components/ErrorSummary.svelte';

export interface Problem {
	/** Dotted path, e.g. `subjects.2.assessments.spring.interventions`. */
	path: string;
	message: string;
}

/** The id of the element for a path: `subjects-2-assessments-spring-interventions`. */
export function fieldId(path: string): string {
	return path.replaceAll('.', '-');
}

/** The message for one field, or null. */
export function problemAt(problems: readonly Problem[], path: string): string | null {
	return problems.find((p) => p.path === path)?.message ?? null;
}

/**
 * The error summary's items. Radio groups are linked to their first radio (`{id}-0`) and date
 * inputs to their day box, as GOV.UK Frontend does.
 */
export function summaryOf(
	problems: readonly Problem[],
	focusSuffix: (path: string) => string = () => ''
): ErrorSummaryItem[] {
	return problems.map((p) => ({
		text: p.message,
		fieldId: `${fieldId(p.path)}${focusSuffix(p.path)}`
	}));
}

/**
 * A refusal about one item of a list, in the words on the screen: `actions.1.owner` with
 * "is required" becomes "Action 2: who will do it is required".
 */
export function listItemProblem(
	error: { field: string; message: string },
	nouns: Record<string, string>,
	words: Record<string, string>
): Problem {
	const [list = '', index = '0', name = ''] = error.field.split('.');
	const item = `${nouns[list] ?? list} ${Number(index) + 1}`;
	return { path: error.field, message: `${item}: ${words[name] ?? name} ${error.message}` };
}

/** Each path once: the first problem found for a field is the one shown. */
export function firstPerField(problems: readonly Problem[]): Problem[] {
	return problems.filter((p, i, all) => all.findIndex((q) => q.path === p.path) === i);
}
