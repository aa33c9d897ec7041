import { body, text, uint8 } from './fields.js';

const mobile = text(20);
const password = text(128);

export const registerBody = body({ name: text(255), gender: uint8, mobile, password });
export const loginBody = body({ mobile, password });
