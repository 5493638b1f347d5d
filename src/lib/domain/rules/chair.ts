/**
 * Who chairs the PEP meeting. Post-16 (Derbyshire): the designated tutor when the young person is
 * in education, employment or training, their social worker when NEET. Otherwise (Shropshire,
 * Walsall): the designated teacher, or the Virtual School link when the child has no setting.
 */
import type { ChildProfile } from '../schemas/child';
import type { ChairRole, PepKind } from '../schemas/pep';

export interface ChairDecision {
	role: ChairRole;
	reason: string;
}

type ChairInput = Pick<ChildProfile, 'eetStatus'> & {
	setting: Pick<ChildProfile['setting'], 'kind'>;
};

export function chairFor(kind: PepKind, child: ChairInput): ChairDecision {
	if (kind === 'post-16') {
		const neet = child.eetStatus === 'neet' || child.setting.kind === 'none';
		return neet
			? {
					role: 'social-worker',
					reason:
						'The young person is not in education, employment or training, so their social worker chairs the PETP meeting.'
				}
			: {
					role: 'designated-teacher',
					reason:
						'The young person is in education, employment or training, so the designated teacher or tutor chairs the PETP meeting.'
				};
	}
	if (child.setting.kind === 'none') {
		return {
			role: 'virtual-school',
			reason:
				'The child has no school or setting, so the Virtual School link prepares and chairs the PEP meeting.'
		};
	}
	return {
		role: 'designated-teacher',
		reason: "The designated teacher leads the PEP in the child's school, so they chair the meeting."
	};
}
