import { body, id, uint32, uint8 } from './fields.js';

export const payCreateBody = body({ uid: id.optional(), oid: id, amount: uint32 });

export const payIdBody = body({ id });

export const payCallbackBody = body({ id, uid: id.optional(), oid: id, amount: uint32, source: uint8, status: uint8 });

/** The provider's signed callback names the user itself: there is no signed-in user. */
export const signedPayCallbackBody = body({ id, uid: id, oid: id, amount: uint32, source: uint8, status: uint8 });
