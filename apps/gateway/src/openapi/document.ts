import { z } from 'zod';
import type { ErrorCode } from '@mall/rpc';
import { HTTP_STATUS } from '../http-errors.js';
import { BODY_LIMIT } from '../middleware/json-body.js';
import { SIGNATURE_HEADER } from '../middleware/payment-signature.js';
import { errorReply } from '../schemas/errors.js';
import * as fieldSchemas from '../schemas/fields.js';
import * as healthSchemas from '../schemas/health.js';
import * as orderSchemas from '../schemas/order.js';
import * as paySchemas from '../schemas/pay.js';
import * as productSchemas from '../schemas/product.js';
import * as userSchemas from '../schemas/user.js';
import { operations, type Caller, type Operation, type ReferenceOptions, type RouteErrors } from './operations.js';

type JsonSchema = Record<string, unknown>;

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: 'header'; required: boolean; description: string; schema: JsonSchema }[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<Operation['method'], OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

export const JSON_TYPE = 'application/json';

/** The codes each failure status carries: the services' vocabulary (http-errors.ts) and the HTTP layer's own. */
function errorCodes(): Map<number, string[]> {
  const codes = new Map<number, string[]>([[413, ['PAYLOAD_TOO_LARGE']]]);
  for (const [code, status] of Object.entries(HTTP_STATUS) as [ErrorCode, number][]) {
    codes.set(status, [...(codes.get(status) ?? []), code]);
  }
  return codes;
}

/** What a failure status means on any route; an operation's `errors` say what it means on that route. */
const FAILURE: Record<number, string> = {
  400: 'The request is wrong: malformed JSON, or a missing or invalid field (`field: problem`).',
  401: 'Missing or invalid credentials.',
  403: 'Not yours.',
  404: 'No such thing, or not one you may see.',
  409: 'Not possible in the current state.',
  413: `The body is larger than ${BODY_LIMIT / 1024 / 1024} MiB.`,
  500: 'A bug or an infrastructure failure: the message is `internal error`; the details are in the gateway’s log.',
  503: 'A service cannot be reached or did not answer in time: `service unavailable, try again`.',
};

const CALLER_FAILURE: Partial<Record<Caller, string>> = {
  user: 'missing or invalid token',
  'payment-provider': 'missing or invalid payment signature',
};

const SECURITY: Record<Caller, Record<string, string[]>[] | undefined> = {
  anyone: undefined,
  user: [{ bearerAuth: [] }],
  'payment-provider': [{ paymentSignature: [] }],
};

const TAGS = [
  { name: 'user', description: 'Register, sign in (JWT), who am I.' },
  { name: 'product', description: 'Products, owned by the user who created them.' },
  { name: 'order', description: 'Orders: placed by a saga on the DTM server, private to their user.' },
  { name: 'pay', description: 'One payment per order, settled by the callback.' },
  { name: 'health', description: 'For load balancers and healthchecks.' },
];

const DESCRIPTION = `The mall's HTTP API: go-zero-mall's four API services behind one gateway, with the same routes and JSON
field names. Every route but \`/healthz\` is a \`POST\` with a JSON body (\`Content-Type: application/json\`; an empty
body counts as \`{}\`).

- **Sign in** with \`/api/user/login\` and send its \`accessToken\` as \`Authorization: Bearer <token>\`. The user is
  always the token's: a \`uid\` in a body is accepted only if it names that same user.
- **Failures** are JSON \`{code, message}\`, \`code\` from a small closed vocabulary. A known path called with another
  method is a 405 \`METHOD_NOT_ALLOWED\` with an \`Allow\` header; an unknown path is a 404.
- **Every answer** carries \`X-Request-Id\` (yours, if you sent a sensible one): the gateway's log line for the
  request has the same id.

This document is generated from the schemas the gateway validates requests with, when it starts.`;

/** `register` from `registerBody`: a schema's component name is its export's, capitalised. */
function schemaNames(): Map<unknown, string> {
  const names = new Map<unknown, string>();
  for (const module of [fieldSchemas, healthSchemas, userSchemas, productSchemas, orderSchemas, paySchemas]) {
    for (const [name, value] of Object.entries(module)) {
      if (value instanceof z.ZodType) names.set(value, name[0]!.toUpperCase() + name.slice(1));
    }
  }
  return names;
}

/** The JSON Schemas of one registry, as components: without the `$schema` and `$id` of standalone schemas. */
function components(registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([name, { $schema: _schema, $id: _id, ...schema }]) => [name, schema]),
  );
}

const inline = (schema: z.ZodType): JsonSchema => {
  const { $schema: _schema, ...json } = z.toJSONSchema(schema, { io: 'input' });
  return json;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ [JSON_TYPE]: { schema: ref(name) } });

/** `userRegister` for `/api/user/register`. */
const operationId = (path: string) =>
  path
    .replace(/^\/api\//, '')
    .split(/[/_]/)
    .filter(Boolean)
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('');

/**
 * The OpenAPI 3.1 document of the gateway's routes (operations.ts), their bodies and answers described by the
 * zod schemas the routes validate and answer with. Built once, when the app is.
 */
export function buildOpenApiDocument(options: ReferenceOptions): OpenApiDocument {
  const names = schemaNames();
  const requests = z.registry<{ id: string }>();
  const replies = z.registry<{ id: string }>();
  const errors = z.registry<{ id: string }>();
  const nameOf = (schema: z.ZodType, registry: typeof requests) => {
    const name = names.get(schema);
    if (!name) throw new Error('a schema of the API reference is not exported from src/schemas');
    if (!registry.has(schema)) registry.add(schema, { id: name });
    return name;
  };

  const codes = errorCodes();
  const errorNames = new Map<number, string>();
  const errorName = (status: number) => {
    const known = errorNames.get(status);
    if (known) return known;
    const [first, ...rest] = codes.get(status) ?? [];
    if (!first) throw new Error(`no error code answers HTTP ${status}`);
    const name = `Error${status}`;
    errors.add(errorReply([first, ...rest]), { id: name });
    errorNames.set(status, name);
    return name;
  };

  function responses(operation: Operation): Record<string, OpenApiResponse> {
    const withHeaders = (status: number, extra: Record<string, string> = {}) => {
      const headers = [
        ...(operation.replyHeaders ?? []).filter(({ on }) => on.includes(status)),
        ...Object.entries(extra).map(([name, description]) => ({ name, description })),
      ];
      if (headers.length === 0) return {};
      const schema = { type: 'string' };
      return { headers: Object.fromEntries(headers.map(({ name, description }) => [name, { description, schema }])) };
    };
    const result: Record<string, OpenApiResponse> = {
      200: { description: 'OK', ...withHeaders(200), content: json(nameOf(operation.reply, replies)) },
    };
    for (const { status, description, reply, headers } of operation.otherSuccesses ?? []) {
      result[status] = { description, ...withHeaders(status, headers), content: json(nameOf(reply, replies)) };
    }
    const failures = new Set<number>(Object.keys(operation.errors).map(Number));
    if (operation.request) [400, 413].forEach((status) => failures.add(status));
    if (operation.caller !== 'anyone') failures.add(401);
    if (operation.callsServices) [500, 503].forEach((status) => failures.add(status));
    for (const status of [...failures].sort((a, b) => a - b)) {
      const here =
        operation.errors[status as keyof RouteErrors] ??
        (status === 401 ? CALLER_FAILURE[operation.caller] : undefined);
      result[status] = {
        description: here ? `${FAILURE[status]} On this route: ${here}.` : FAILURE[status]!,
        ...withHeaders(status),
        content: json(errorName(status)),
      };
    }
    return result;
  }

  const paths: OpenApiDocument['paths'] = {};
  for (const operation of operations(options)) {
    const { request, caller } = operation;
    const security = SECURITY[caller];
    const documented: OpenApiOperation = {
      operationId: operationId(operation.path),
      tags: [operation.tag],
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      ...(security ? { security } : {}),
      ...(operation.headers
        ? {
            parameters: operation.headers.map(({ name, description, schema }) => ({
              name,
              in: 'header' as const,
              required: false,
              description,
              schema: inline(schema),
            })),
          }
        : {}),
      ...(request
        ? { requestBody: { required: !request.safeParse({}).success, content: json(nameOf(request, requests)) } }
        : {}),
      responses: responses(operation),
    };
    paths[operation.path] = { ...paths[operation.path], [operation.method]: documented };
  }

  return {
    openapi: '3.1.0',
    info: { title: 'mall gateway', version: '1.0.0', description: DESCRIPTION },
    servers: [{ url: '/', description: 'this gateway' }],
    tags: TAGS,
    paths,
    components: {
      schemas: { ...components(requests, 'input'), ...components(replies, 'output'), ...components(errors, 'output') },
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
