/** The carer's views for the meeting: `child:{childId}:pep:{pepId}:carer`. */
import { z } from 'zod';
import { opaqueId, text } from './common';
import { childDocumentBase, completable } from './document';

export const carerViews = z.strictObject({
	...childDocumentBase,
	type: z.literal('pep-carer'),
	schemaVersion: z.literal(1),
	pepId: opaqueId,
	...completable,
	goingWell: text(5_000).default(''),
	challenges: text(5_000).default(''),
	needsAndAspirations: text(5_000).default('')
});
export type CarerViews = z.infer<typeof carerViews>;
