// Reading the gateway's OpenAPI document in tests: its schemas as ajv validators, and the router's routes.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type Koa from 'koa';
import type { Router } from '@koa/router';
import type { GatewayState } from '../../src/context.js';
import type { OpenApiDocument, OpenApiOperation } from '../../src/openapi/document.js';
import { DOCS_PATH } from '../../src/openapi/docs-page.js';

type JsonSchema = Record<string, unknown>;

/** Compiles the document's schemas; its `#/components/schemas/X` references are resolved within it. */
export function schemaValidator(document: OpenApiDocument): (schema: JsonSchema) => ValidateFunction {
  // strictRequired is off: `oneOf: [{required: ['id']}, …]` names properties declared beside it, as it may.
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  // ajv sees the components as one schema of its own, `components`, with each component under $defs.
  const local = (schema: unknown): JsonSchema =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"components#/$defs/')) as JsonSchema;
  ajv.addSchema({ $id: 'components', $defs: local(document.components.schemas) });
  return (schema) => ajv.compile(local(schema));
}

export const jsonSchemaOf = (content: Record<string, { schema: JsonSchema }> | undefined): JsonSchema => {
  const schema = content?.['application/json']?.schema;
  if (!schema) throw new Error('no application/json schema');
  return schema;
};

export interface DocumentedOperation {
  method: string;
  path: string;
  operation: OpenApiOperation;
}

export const documentedOperations = (document: OpenApiDocument): DocumentedOperation[] =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );

export interface RoutedEndpoint {
  method: string;
  path: string;
  /** The route's last middleware: the handler. */
  handler: unknown;
}

/** What the app's router answers: one entry per method and path (HEAD, answered with GET, left out). */
export function routesOf(app: Koa<GatewayState>): RoutedEndpoint[] {
  const dispatch = app.middleware.find((middleware) => 'router' in middleware) as { router: Router } | undefined;
  if (!dispatch) throw new Error('the app has no router');
  return dispatch.router.stack.flatMap((layer) =>
    layer.methods
      .filter((method) => method !== 'HEAD')
      .map((method) => ({ method, path: layer.path as string, handler: layer.stack.at(-1) })),
  );
}

/** The reference's own routes: they serve the document, they are not in it. */
export const isReferenceRoute = (path: string) => path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`);
