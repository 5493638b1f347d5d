/**
 * Starting a PEP on this device: the header is written to the local record like any other change,
 * so a social worker can start one at a kitchen table with no signal, and it syncs later.
 */
import { ids, newId } from '$lib/domain/ids';
import { chairFor } from '$lib/domain/rules/chair';
import { newChildDocument } from '$lib/domain/rules/new-documents';
import type { PepPlan } from '$lib/domain/rules/new-pep';
import type { ChildProfile } from '$lib/domain/schemas/child';
import type { CommitResult, LocalRecord } from './data/record';

export async function startPep(
	record: LocalRecord,
	child: Pick<ChildProfile, 'childId' | 'authorityId' | 'schoolId' | 'eetStatus' | 'setting'>,
	plan: PepPlan
): Promise<{ pepId: string; result: CommitResult }> {
	const pepId = newId();
	const result = await record.create({
		_id: ids.pep(child.childId, pepId),
		...newChildDocument('pep', child),
		pepId,
		kind: plan.kind,
		reason: plan.reason,
		academicYear: plan.academicYear,
		term: plan.term,
		dueBy: plan.dueBy,
		// Who chairs follows from the child when the PEP starts (post-16: the social worker when
		// the young person is NEET), and with it who completes the plan.
		chair: { role: chairFor(plan.kind, child).role },
		status: 'draft'
	});
	return { pepId, result };
}
