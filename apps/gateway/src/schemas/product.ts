import { z } from 'zod';
import { body, id, text, uint32, uint8 } from './fields.js';

const name = text(255);
const desc = text(255);

export const productCreateBody = body({ name, desc, stock: uint32, amount: uint32, status: uint8 });

export const productUpdateBody = body({
  id,
  name: name.optional(),
  desc: desc.optional(),
  stock: uint32.optional(),
  amount: uint32.optional(),
  status: uint8.optional(),
});

export const productIdBody = body({ id });

export const productReply = z.object({
  id,
  name: z.string(),
  desc: z.string(),
  stock: uint32,
  amount: uint32.describe('the price of one piece'),
  status: uint8,
});
