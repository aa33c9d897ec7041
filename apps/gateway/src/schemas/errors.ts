import { z } from 'zod';

/** Every failure's body. `codes` are the ones a status can carry (see http-errors.ts). */
export const errorReply = <const Code extends string>(codes: readonly [Code, ...Code[]]) =>
  z.object({ code: z.enum(codes), message: z.string().describe('one line, meant for the client') });
