// The Postman collection (deploy/postman) and the OpenAPI document describe the same API: every request is a
// documented operation with a documented outcome, sends what the document asks for, and every operation is used.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../src/openapi/document.js';
import { documentedOperations, jsonSchemaOf, schemaValidator } from './support/openapi.js';

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  event?: { listen: string; script: { exec: string[] } }[];
  request?: {
    method: string;
    header?: { key: string; value: string; disabled?: boolean }[];
    body?: { mode: string; raw?: string };
    url: { raw: string };
  };
}

interface Collection {
  item: PostmanItem[];
  variable: { key: string; value: string }[];
}

interface CollectionRequest {
  name: string;
  method: string;
  path: string;
  headers: Map<string, string>;
  body?: string;
  /** The status its test script asserts. */
  expected: number;
}

const collection = JSON.parse(
  readFileSync(new URL('../../../deploy/postman/mall.postman_collection.json', import.meta.url), 'utf8'),
) as Collection;

const defaults = new Map(collection.variable.map(({ key, value }) => [key, value]));

/**
 * A placeholder as a value: a quoted one (`"{{mobile}}"`) becomes the variable's default, or its own name when
 * the collection sets it while running; a bare one (`{{productId}}`) stands for an id or an amount, and becomes 1.
 */
const stringValue = (name: string) => defaults.get(name) || name;
const resolve = (raw: string) =>
  raw
    .replace(/"\{\{(\w+)\}\}"/g, (_, name: string) => JSON.stringify(stringValue(name)))
    .replace(/\{\{(\w+)\}\}/g, '1');

function requestsOf(items: PostmanItem[]): CollectionRequest[] {
  return items.flatMap((item): CollectionRequest[] => {
    if (item.item) return requestsOf(item.item);
    const { request } = item;
    if (!request) return [];
    const script = (item.event ?? [])
      .flatMap(({ listen, script }) => (listen === 'test' ? script.exec : []))
      .join('\n');
    const expected = /pm\.response\.to\.have\.status\((\d{3})\)/.exec(script)?.[1];
    if (!expected) throw new Error(`${item.name}: its test asserts no status`);
    const headers = new Map(
      (request.header ?? [])
        .filter(({ disabled }) => !disabled)
        .map(({ key, value }) => [
          key.toLowerCase(),
          value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => stringValue(name)),
        ]),
    );
    return [
      {
        name: item.name,
        method: request.method,
        path: request.url.raw.replace(/^\{\{\w+Url\}\}/, ''),
        headers,
        ...(request.body?.mode === 'raw' && request.body.raw ? { body: resolve(request.body.raw) } : {}),
        expected: Number(expected),
      },
    ];
  });
}

const requests = requestsOf(collection.item);
// pnpm mall and docker compose run the gateway with the user-signed pay callback, without fault injection.
const document = buildOpenApiDocument({ signedPayCallback: false, faultInjection: false });
const operationOf = ({ method, path }: CollectionRequest) =>
  document.paths[path]?.[method.toLowerCase() as 'get' | 'post'];
const compile = schemaValidator(document);
/** 400 and 413 are what the collection's deliberately malformed requests expect. */
const passesValidation = ({ expected }: CollectionRequest) => expected !== 400 && expected !== 413;

describe('the Postman collection and the OpenAPI document', () => {
  it('reads the collection: every request with its method, path and expected status', () => {
    expect(requests.length).toBeGreaterThan(50);
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/healthz', expected: 200 });
    expect(requests.find(({ name }) => name === 'U1 register')?.body).toBe(
      '{\n  "name": "ving",\n  "gender": 1,\n  "mobile": "mobile",\n  "password": "password"\n}',
    );
  });

  it('sends every request to a documented operation', () => {
    const undocumented = requests
      .filter((request) => !operationOf(request))
      .map(({ name, method, path }) => `${name}: ${method} ${path}`);
    expect(undocumented).toEqual([]);
  });

  it('expects of every request a status the document gives its operation', () => {
    const unexpected = requests
      .filter((request) => !operationOf(request)?.responses[String(request.expected)])
      .map(({ name, expected }) => `${name}: ${expected}`);
    expect(unexpected).toEqual([]);
  });

  it('sends a body the document accepts with every request not meant to be refused as malformed', () => {
    const checked = requests.filter(passesValidation);
    expect(checked.length).toBeGreaterThan(40);
    for (const request of checked) {
      const content = operationOf(request)!.requestBody?.content;
      if (!content) {
        expect(request.body, `${request.name} sends a body to a route that reads none`).toBeUndefined();
        continue;
      }
      const validate = compile(jsonSchemaOf(content));
      expect(validate(JSON.parse(request.body ?? '{}')), `${request.name}: ${JSON.stringify(validate.errors)}`).toBe(
        true,
      );
      expect(request.headers.get('content-type'), request.name).toBe('application/json');
    }
  });

  it('sends a bearer token wherever the document asks for one', () => {
    for (const request of requests.filter(({ expected }) => expected !== 401)) {
      const secured = operationOf(request)!.security?.some((requirement) => 'bearerAuth' in requirement) ?? false;
      const authorization = request.headers.get('authorization');
      if (secured) expect(authorization, request.name).toMatch(/^bearer \w+/i);
      else expect(authorization, request.name).toBeUndefined();
    }
  });

  it('sends only documented headers, with values the document accepts', () => {
    const sent = requests.flatMap((request) =>
      [...request.headers]
        .filter(([name]) => name !== 'content-type' && name !== 'authorization')
        .map(([name, value]) => ({ request, name, value })),
    );
    expect(sent.map(({ name }) => name).sort()).toEqual(expect.arrayContaining(['idempotency-key', 'prefer']));
    for (const { request, name, value } of sent) {
      const parameter = operationOf(request)!.parameters?.find((documented) => documented.name.toLowerCase() === name);
      expect(parameter, `${request.name}: header ${name}`).toBeDefined();
      expect(compile(parameter!.schema)(value), `${request.name}: ${name}: ${value}`).toBe(true);
    }
  });

  it('exercises every documented operation, and every documented success', () => {
    const expected = new Set(requests.map(({ method, path, expected }) => `${method} ${path} ${expected}`));
    const missing = documentedOperations(document).flatMap(({ method, path, operation }) =>
      Object.keys(operation.responses)
        .filter((status) => status.startsWith('2'))
        .map((status) => `${method} ${path} ${status}`)
        .filter((success) => !expected.has(success)),
    );
    expect(missing).toEqual([]);
  });
});
