import { randomInt } from 'node:crypto';
import { expect, inject } from 'vitest';
import './provided-context.js';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** POSTs JSON to the gateway; `token` goes in `Authorization: bearer …` like the tutorial's Postman. */
export async function post<T = unknown>(
  path: string,
  body?: unknown,
  token?: string,
  extraHeaders: Record<string, string> = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `bearer ${token}`;
  const response = await fetch(`${inject('gatewayUrl')}${path}`, {
    method: 'POST',
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed as T, text, headers: response.headers };
}

/** Asserts an error reply: the status, JSON {code, message}, and nothing internal in it. */
export function expectError(reply: Reply, status: number, code?: string): void {
  expect(reply.status, reply.text).toBe(status);
  const body = reply.body as { code?: unknown; message?: unknown };
  expect(typeof body.code, reply.text).toBe('string');
  expect(typeof body.message, reply.text).toBe('string');
  if (code) expect(body.code).toBe(code);
  expectNoLeak(reply.text);
}

/** No SQL, stack frames or driver errors in anything a client sees. */
export function expectNoLeak(text: string): void {
  expect(text).not.toMatch(/ER_[A-Z_]+|SQL syntax|sqlMessage|\bat .+\(.+:\d+:\d+\)|node_modules|mysql2|Error: /i);
}

export const uniqueMobile = () => `1${randomInt(10 ** 9, 10 ** 10 - 1)}`;

export interface TestUser {
  id: number;
  mobile: string;
  token: string;
}

export async function signUp(name = 'tester'): Promise<TestUser> {
  const mobile = uniqueMobile();
  const registered = await post<{ id: number }>('/api/user/register', { name, gender: 1, mobile, password: '123456' });
  expect(registered.status, registered.text).toBe(200);
  const login = await post<{ accessToken: string }>('/api/user/login', { mobile, password: '123456' });
  expect(login.status, login.text).toBe(200);
  return { id: registered.body.id, mobile, token: login.body.accessToken };
}

/** `count` users, signed up one after another: password hashing is slow on purpose, and a burst of it
 * on a busy machine can outlast the gateway's deadline. */
export async function signUpMany(count: number): Promise<TestUser[]> {
  const users: TestUser[] = [];
  for (let i = 0; i < count; i++) users.push(await signUp());
  return users;
}

export async function createProduct(
  user: TestUser,
  product: Partial<{ name: string; desc: string; stock: number; amount: number; status: number }> = {},
): Promise<number> {
  const reply = await post<{ id: number }>(
    '/api/product/create',
    { name: 'apple', desc: 'big and round', stock: 100, amount: 5, status: 0, ...product },
    user.token,
  );
  expect(reply.status, reply.text).toBe(200);
  return reply.body.id;
}

export async function productDetail(user: TestUser, id: number) {
  const reply = await post<{ id: number; name: string; desc: string; stock: number; amount: number; status: number }>(
    '/api/product/detail',
    { id },
    user.token,
  );
  expect(reply.status, reply.text).toBe(200);
  return reply.body;
}

export async function placeOrder(user: TestUser, pid: number, num?: number): Promise<number> {
  const reply = await post<{ id: number }>('/api/order/create', { pid, ...(num ? { num } : {}) }, user.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.id;
}

export interface OrderView {
  id: number;
  uid: number;
  pid: number;
  amount: number;
  status: number;
  num: number;
  gid: string;
}

export async function orderDetail(user: TestUser, id: number): Promise<OrderView> {
  const reply = await post<OrderView>('/api/order/detail', { id }, user.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body;
}
