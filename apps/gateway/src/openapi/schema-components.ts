import { z } from 'zod';
import type { ErrorCode } from '@mall/rpc';
import { HTTP_STATUS } from '../http-errors.js';
import { errorReply } from '../schemas/errors.js';
import * as fieldSchemas from '../schemas/fields.js';
import * as healthSchemas from '../schemas/health.js';
import * as orderSchemas from '../schemas/order.js';
import * as paySchemas from '../schemas/pay.js';
import * as productSchemas from '../schemas/product.js';
import * as userSchemas from '../schemas/user.js';
import type { JsonSchema } from './openapi-types.js';

type Registry = z.core.$ZodRegistry<{ id: string }>;
type Reference = { $ref: string };

const reference = (id: string): Reference => ({ $ref: `#/components/schemas/${id}` });

/** `RegisterBody` for `registerBody`: a schema's component is named after its export. */
function exportNames(): Map<unknown, string> {
  const names = new Map<unknown, string>();
  for (const module of [fieldSchemas, healthSchemas, userSchemas, productSchemas, orderSchemas, paySchemas]) {
    for (const [name, value] of Object.entries(module)) {
      if (value instanceof z.ZodType) names.set(value, name[0]!.toUpperCase() + name.slice(1));
    }
  }
  return names;
}

/** The codes each failure status carries: the services' vocabulary (http-errors.ts) and the HTTP layer's own. */
function errorCodes(): Map<number, [string, ...string[]]> {
  const codes = new Map<number, [string, ...string[]]>([[413, ['PAYLOAD_TOO_LARGE']]]);
  for (const [code, status] of Object.entries(HTTP_STATUS) as [ErrorCode, number][]) {
    const known = codes.get(status);
    codes.set(status, known ? [...known, code] : [code]);
  }
  return codes;
}

/** A registry's JSON Schemas as components: without the `$schema` and `$id` a standalone schema has. */
function asComponents(registry: Registry, io: 'input' | 'output'): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => reference(id).$ref });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]));
}

/** A header's schema, written in place. */
export function inlineSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input' });
  return json;
}

/**
 * Collects the document's `components.schemas` as the operations refer to them: request bodies as they are
 * accepted (zod's input), replies as they are sent (output), and the `{code, message}` of each failure status.
 */
export function schemaComponents() {
  const names = exportNames();
  const codes = errorCodes();
  const requests: Registry = z.registry();
  const replies: Registry = z.registry();
  const errors: Registry = z.registry();
  const errorIds = new Set<string>();

  const add = (registry: Registry, schema: z.ZodType): Reference => {
    const id = names.get(schema);
    if (!id) throw new Error('every schema in the API reference must be exported from src/schemas');
    if (!registry.has(schema)) registry.add(schema, { id });
    return reference(id);
  };

  return {
    request: (schema: z.ZodType) => add(requests, schema),
    reply: (schema: z.ZodType) => add(replies, schema),
    error(status: number): Reference {
      const id = `Error${status}`;
      if (!errorIds.has(id)) {
        const known = codes.get(status);
        if (!known) throw new Error(`no error code is answered with HTTP ${status}`);
        errors.add(errorReply(known), { id });
        errorIds.add(id);
      }
      return reference(id);
    },
    all: (): Record<string, JsonSchema> => ({
      ...asComponents(requests, 'input'),
      ...asComponents(replies, 'output'),
      ...asComponents(errors, 'output'),
    }),
  };
}
