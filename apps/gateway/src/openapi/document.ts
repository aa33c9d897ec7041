import { SIGNATURE_HEADER } from '../middleware/payment-signature.js';
import type { OpenApiDocument, OpenApiOperation, OpenApiResponse } from './openapi-types.js';
import { operations, type Caller, type Operation, type ReferenceOptions, type RouteErrors } from './operations.js';
import { DESCRIPTION, FAILURE, TAGS, UNAUTHENTICATED } from './prose.js';
import { inlineSchema, schemaComponents } from './schema-components.js';

export type { OpenApiDocument, OpenApiOperation } from './openapi-types.js';

const SECURITY: Record<Caller, Record<string, string[]>[] | undefined> = {
  anyone: undefined,
  user: [{ bearerAuth: [] }],
  'payment-provider': [{ paymentSignature: [] }],
};

const json = (schema: { $ref: string }) => ({ 'application/json': { schema } });

/** `userRegister` for `/api/user/register`, `healthz` for `/healthz`. */
const operationId = (path: string) =>
  path
    .replace(/^\/(api\/)?/, '')
    .split('/')
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('');

/** The failures a route can answer: its own, and those of every route that reads a body, checks a caller, or calls a service. */
function failureStatuses({ errors, request, caller, callsServices }: Operation): number[] {
  const statuses = new Set(Object.keys(errors).map(Number));
  if (request) [400, 413].forEach((status) => statuses.add(status));
  if (caller !== 'anyone') statuses.add(401);
  if (callsServices) [500, 503].forEach((status) => statuses.add(status));
  return [...statuses].sort((a, b) => a - b);
}

function responses(
  operation: Operation,
  schemas: ReturnType<typeof schemaComponents>,
): Record<string, OpenApiResponse> {
  const headers = (status: number, extra: Record<string, string> = {}) => {
    const all = [
      ...(operation.replyHeaders ?? []).filter(({ on }) => on.includes(status)),
      ...Object.entries(extra).map(([name, description]) => ({ name, description })),
    ];
    if (all.length === 0) return {};
    return {
      headers: Object.fromEntries(
        all.map(({ name, description }) => [name, { description, schema: { type: 'string' } }]),
      ),
    };
  };

  const result: Record<string, OpenApiResponse> = {
    200: { description: 'OK', ...headers(200), content: json(schemas.reply(operation.reply)) },
  };
  for (const { status, description, reply, headers: extra } of operation.otherSuccesses ?? []) {
    result[status] = { description, ...headers(status, extra), content: json(schemas.reply(reply)) };
  }
  for (const status of failureStatuses(operation)) {
    const here =
      operation.errors[status as keyof RouteErrors] ?? (status === 401 ? UNAUTHENTICATED[operation.caller] : undefined);
    result[status] = {
      description: here ? `${FAILURE[status]} On this route: ${here}.` : FAILURE[status]!,
      ...headers(status),
      content: json(schemas.error(status)),
    };
  }
  return result;
}

function operationObject(operation: Operation, schemas: ReturnType<typeof schemaComponents>): OpenApiOperation {
  const { path, tag, summary, description, caller, request, headers } = operation;
  const security = SECURITY[caller];
  return {
    operationId: operationId(path),
    tags: [tag],
    summary,
    ...(description ? { description } : {}),
    ...(security ? { security } : {}),
    ...(headers
      ? {
          parameters: headers.map(({ name, description, schema }) => ({
            name,
            in: 'header' as const,
            required: false,
            description,
            schema: inlineSchema(schema),
          })),
        }
      : {}),
    // An empty body is read as {}: the body is optional when {} is valid.
    ...(request
      ? { requestBody: { required: !request.safeParse({}).success, content: json(schemas.request(request)) } }
      : {}),
    responses: responses(operation, schemas),
  };
}

/**
 * The OpenAPI 3.1 document of the gateway's routes (operations.ts), their bodies and answers described by the
 * zod schemas the routes validate and answer with. Built once, when the app is.
 */
export function buildOpenApiDocument(options: ReferenceOptions): OpenApiDocument {
  const schemas = schemaComponents();
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of operations(options)) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(operation, schemas) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'mall gateway', version: '1.0.0', description: DESCRIPTION },
    // Relative: "Try it out" calls the gateway that served the page.
    servers: [{ url: '/', description: 'this gateway' }],
    tags: TAGS,
    paths,
    components: {
      schemas: schemas.all(),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The `accessToken` of /api/user/login. As in go-zero, the `Bearer` prefix is optional.',
        },
        ...(options.signedPayCallback
          ? {
              paymentSignature: {
                type: 'apiKey',
                in: 'header',
                name: SIGNATURE_HEADER,
                description:
                  '`sha256=<hex HMAC-SHA256 of the raw body>`, keyed with the secret shared with the provider.',
              },
            }
          : {}),
      },
    },
  };
}
