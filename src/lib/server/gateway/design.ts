/**
 * The backend's indexes the gateway needs to resolve access at request time: which children are at
 * a school or in an authority, and which PEPs have been shared (carers read those). The same design
 * document serves embedded PouchDB and CouchDB. Devices never see it: its id is not a record id.
 */
import { isConflict, isNotFound } from '../store/databases';

export const designId = '_design/gateway';

const design = {
	_id: designId,
	version: 1,
	views: {
		children_by_scope: {
			map: `function (doc) {
				if (doc.type === 'child') {
					if (doc.schoolId) emit(['school', doc.schoolId], null);
					emit(['authority', doc.authorityId], null);
				}
			}`
		},
		shared_peps: {
			map: `function (doc) {
				if (doc.type === 'pep' && doc.status === 'shared') emit(doc.childId, doc.pepId);
			}`
		}
	}
};

export async function ensureDesign(db: PouchDB.Database): Promise<void> {
	try {
		const current = await db.get<{ version?: number }>(designId);
		if (current.version === design.version) return;
		await db.put({ ...design, _rev: current._rev });
	} catch (error) {
		if (!isNotFound(error)) throw error;
		await db.put(design).catch((e: unknown) => {
			// Another instance wrote it first: that is the same design.
			if (!isConflict(e)) throw e;
		});
	}
}
