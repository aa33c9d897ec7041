import { Router } from '@koa/router';
import type { ProductClient } from '../clients.js';
import type { GatewayMiddleware, GatewayState } from '../context.js';
import { actingUid } from '../identity.js';
import { jsonBody } from '../middleware/json-body.js';
import { createdReply, emptyReply } from '../schemas/fields.js';
import { productCreateBody, productIdBody, productReply, productUpdateBody } from '../schemas/product.js';
import { handle, optionalBig } from './handle.js';

export function productRouter(product: ProductClient, requireUser: GatewayMiddleware): Router<GatewayState> {
  const router = new Router<GatewayState>({ prefix: '/api/product' });
  router.use(requireUser, jsonBody);

  router.post(
    '/create',
    handle(productCreateBody, createdReply, async ({ name, desc, stock, amount, status }, ctx) => {
      const { id } = await product.create({
        Name: name,
        Desc: desc,
        Stock: BigInt(stock),
        Amount: BigInt(amount),
        Status: BigInt(status),
        Uid: actingUid(ctx),
      });
      return { id };
    }),
  );

  // Absent fields stay undefined (not sent), so a present 0 or "" is a real update.
  router.post(
    '/update',
    handle(productUpdateBody, emptyReply, async ({ id, name, desc, stock, amount, status }, ctx) => {
      await product.update({
        id: BigInt(id),
        Uid: actingUid(ctx),
        Name: name,
        Desc: desc,
        Stock: optionalBig(stock),
        Amount: optionalBig(amount),
        Status: optionalBig(status),
      });
      return {};
    }),
  );

  router.post(
    '/remove',
    handle(productIdBody, emptyReply, async ({ id }, ctx) => {
      await product.remove({ id: BigInt(id), Uid: actingUid(ctx) });
      return {};
    }),
  );

  router.post(
    '/detail',
    handle(productIdBody, productReply, async ({ id }) => {
      const found = await product.detail({ id: BigInt(id) });
      return {
        id: found.id,
        name: found.Name,
        desc: found.Desc,
        stock: found.Stock,
        amount: found.Amount,
        status: found.Status,
      };
    }),
  );

  return router;
}
