import { Router } from '@koa/router';
import { z } from 'zod';
import { invalid } from '../../../errors.js';
import type { UseCaseDeps } from '../../../usecases/deps.js';
import { registerBranch } from '../../../usecases/register-branch.js';
import { SUCCESS_BODY, sendJson } from '../context.js';
import { jsonBody } from '../json-body.js';
import { cleanId } from '../trans-body.js';

const flatBody = z.record(z.string(), z.string(), { error: 'every value of a branch registration is a string' });

/** registerBranch, plus the names older SDKs post to. */
export function branchRoutes(deps: UseCaseDeps): Router {
  const router = new Router();
  for (const path of ['/registerBranch', '/registerTccBranch', '/registerXaBranch']) {
    router.post(path, jsonBody, async (ctx) => {
      const parsed = flatBody.safeParse(ctx.request.body);
      if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? 'malformed branch registration');
      const body: Record<string, string> = { ...parsed.data, gid: cleanId(parsed.data.gid ?? '') };
      await registerBranch(deps, body, Buffer.from(body.data ?? ''));
      sendJson(ctx, SUCCESS_BODY);
    });
  }
  return router;
}
