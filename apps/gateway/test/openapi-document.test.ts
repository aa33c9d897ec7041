import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '@mall/rpc';
import { HTTP_STATUS, toHttpFailure } from '../src/http-errors.js';
import { buildOpenApiDocument, type OpenApiDocument } from '../src/openapi/document.js';
import { operations, type ReferenceOptions } from '../src/openapi/operations.js';
import type { HandledRoute } from '../src/routes/handle.js';
import { createTestApp } from './support/app.js';
import { documentedOperations, isReferenceRoute, jsonSchemaOf, routesOf, schemaValidator } from './support/openapi.js';

const CONFIGURATIONS: ReferenceOptions[] = [
  { signedPayCallback: false, faultInjection: false },
  { signedPayCallback: true, faultInjection: true },
];

const appFor = ({ signedPayCallback, faultInjection }: ReferenceOptions) =>
  createTestApp({ faultInjection, ...(signedPayCallback ? { payCallbackSecret: 'provider-secret-0123456789' } : {}) });

const key = (method: string, path: string) => `${method} ${path}`;

describe.each(CONFIGURATIONS)('the OpenAPI document (%o)', (options) => {
  const document: OpenApiDocument = buildOpenApiDocument(options);

  it('is valid against the official OpenAPI 3.1 schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  }, 30_000);

  it('is refused by that validator when it is broken', async () => {
    const broken = structuredClone(document);
    delete (broken.paths['/healthz']!.get!.responses['200'] as { description?: string }).description;
    expect((await new Validator().validate(broken as unknown as Record<string, unknown>)).valid).toBe(false);
  }, 30_000);

  it('holds schemas that ajv compiles as JSON Schema 2020-12, in strict mode', () => {
    const compile = schemaValidator(document);
    const names = Object.keys(document.components.schemas);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(() => compile({ $ref: `#/components/schemas/${name}` }), name).not.toThrow();
  });

  it('documents every route of the router, and no path that is not one', () => {
    const routed = routesOf(appFor(options))
      .filter(({ path }) => !isReferenceRoute(path))
      .map(({ method, path }) => key(method, path));
    const documented = documentedOperations(document).map(({ method, path }) => key(method, path));
    expect(documented.sort()).toEqual(routed.sort());
    // go-zero-mall's 15 routes and /healthz.
    expect(documented).toHaveLength(16);
  });

  it('describes each route with the very schemas the route validates its body with and answers 200 with', () => {
    const handlers = new Map(
      routesOf(appFor(options)).map(({ method, path, handler }) => [key(method, path), handler]),
    );
    const withBody = operations(options).filter(({ request }) => request);
    expect(withBody.length).toBe(14);
    for (const { method, path, request, reply } of withBody) {
      const handler = handlers.get(key(method.toUpperCase(), path)) as Partial<HandledRoute> | undefined;
      expect(handler?.schemas, path).toBeDefined();
      expect(handler!.schemas!.request, path).toBe(request);
      expect(handler!.schemas!.reply, path).toBe(reply);
    }
  });

  it('names each operation after its path, once', () => {
    const ids = documentedOperations(document).map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['healthz', 'userRegister', 'orderCreate', 'payCallback']));
  });

  it('requires a bearer JWT exactly where the route checks one', () => {
    const secured = documentedOperations(document)
      .filter(({ operation }) => operation.security?.some((requirement) => 'bearerAuth' in requirement))
      .map(({ path }) => path);
    const open = ['/healthz', '/api/user/register', '/api/user/login'];
    const signed = options.signedPayCallback ? ['/api/pay/callback'] : [];
    const all = documentedOperations(document).map(({ path }) => path);
    expect(secured.sort()).toEqual(all.filter((path) => ![...open, ...signed].includes(path)).sort());
  });

  it('answers every failure with the {code, message} that toHttpFailure gives for its status', () => {
    const compile = schemaValidator(document);
    const codes = Object.keys(HTTP_STATUS) as ErrorCode[];
    for (const code of codes) {
      const { status, body } = toHttpFailure(new AppError(code, 'a reason'));
      const schema = document.components.schemas[`Error${status}`];
      expect(schema, `Error${status}`).toBeDefined();
      const validate = compile(schema!);
      expect(validate(body), `${code}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validate({ ...body, code: 'SOMETHING_ELSE' })).toBe(false);
    }
    for (const { path, operation } of documentedOperations(document)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect(jsonSchemaOf(response.content), `${path} ${status}`).toEqual({
          $ref: `#/components/schemas/Error${status}`,
        });
      }
    }
  });

  it('documents the order-create headers and answers: Idempotency-Key, Prefer, X-Order-Gid, 200/202/409/503', () => {
    const create = document.paths['/api/order/create']!.post!;
    const headers = create.parameters!.map(({ name }) => name);
    expect(headers).toEqual(['Idempotency-Key', 'Prefer', ...(options.faultInjection ? ['x-mall-fault'] : [])]);
    for (const status of ['200', '202', '409', '503']) {
      expect(create.responses[status]?.headers, status).toHaveProperty('X-Order-Gid');
    }
    expect(create.responses['202']!.headers).toHaveProperty('Preference-Applied');
    expect(Object.keys(create.responses)).toEqual(['200', '202', '400', '401', '403', '409', '413', '500', '503']);
  });

  it('documents the pay callback as this gateway takes it', () => {
    const callback = document.paths['/api/pay/callback']!.post!;
    const body = jsonSchemaOf(callback.requestBody!.content);
    if (options.signedPayCallback) {
      expect(callback.security).toEqual([{ paymentSignature: [] }]);
      expect(document.components.securitySchemes.paymentSignature).toMatchObject({
        in: 'header',
        name: 'X-Pay-Signature',
      });
      expect(body).toEqual({ $ref: '#/components/schemas/SignedPayCallbackBody' });
      expect(document.components.schemas.SignedPayCallbackBody!.required).toContain('uid');
    } else {
      expect(callback.security).toEqual([{ bearerAuth: [] }]);
      expect(document.components.securitySchemes).not.toHaveProperty('paymentSignature');
      expect(body).toEqual({ $ref: '#/components/schemas/PayCallbackBody' });
    }
  });
});

describe('the document says what the schemas say', () => {
  const document = buildOpenApiDocument({ signedPayCallback: false, faultInjection: false });
  const compile = schemaValidator(document);
  const bodyOf = (path: string) => compile(jsonSchemaOf(document.paths[path]!.post!.requestBody!.content));

  it('accepts and refuses the bodies the gateway accepts and refuses', () => {
    const register = bodyOf('/api/user/register');
    expect(register({ name: 'ving', gender: 1, mobile: '15212230311', password: '123456' })).toBe(true);
    expect(register({ name: 'ving', gender: '1', mobile: '15212230311', password: '123456' })).toBe(false);
    expect(register({ name: 'ving', gender: 1, mobile: '15212230311' })).toBe(false);
    const create = bodyOf('/api/order/create');
    expect(create({ pid: 1 })).toBe(true);
    expect(create({ pid: 1, num: 1001 })).toBe(false);
    expect(create({ pid: 1.5 })).toBe(false);
  });

  it('says an order is looked up by id or by gid, not both, not neither', () => {
    const detail = bodyOf('/api/order/detail');
    expect(detail({ id: 1 })).toBe(true);
    expect(detail({ gid: 'order-1-abc' })).toBe(true);
    expect(detail({ id: 1, gid: 'order-1-abc' })).toBe(false);
    expect(detail({})).toBe(false);
    expect(detail({ gid: 'no spaces' })).toBe(false);
  });

  it('marks a body required unless {} is a valid one', () => {
    expect(document.paths['/api/order/list']!.post!.requestBody!.required).toBe(false);
    expect(document.paths['/api/order/create']!.post!.requestBody!.required).toBe(true);
    expect(document.paths['/api/user/userinfo']!.post!.requestBody).toBeUndefined();
  });
});
