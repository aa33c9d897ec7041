import { describe, expect, it } from 'vitest';
import { createProduct, expectError, post, productDetail, signUp } from './http.js';

describe('products', () => {
  it('creates, reads, updates and removes a product', async () => {
    const owner = await signUp();
    const id = await createProduct(owner, {
      name: '苹果',
      desc: '这个一个又大又圆的苹果，5块钱一个！',
      stock: 100,
      amount: 5,
    });
    expect(await productDetail(owner, id)).toEqual({
      id,
      name: '苹果',
      desc: '这个一个又大又圆的苹果，5块钱一个！',
      stock: 100,
      amount: 5,
      status: 0,
    });
    const updated = await post('/api/product/update', { id, desc: 'smaller now', amount: 7 }, owner.token);
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toEqual({});
    expect(await productDetail(owner, id)).toMatchObject({ name: '苹果', desc: 'smaller now', stock: 100, amount: 7 });

    const removed = await post('/api/product/remove', { id }, owner.token);
    expect(removed.status).toBe(200);
    expectError(await post('/api/product/detail', { id }, owner.token), 404, 'NOT_FOUND');
  });

  it('lets an update set zero values and empty strings (bug 3) and leaves absent fields alone', async () => {
    const owner = await signUp();
    const id = await createProduct(owner, { stock: 9, amount: 5, status: 1, desc: 'something' });
    const reply = await post('/api/product/update', { id, stock: 0, status: 0, amount: 0, desc: '' }, owner.token);
    expect(reply.status, reply.text).toBe(200);
    expect(await productDetail(owner, id)).toMatchObject({ name: 'apple', stock: 0, status: 0, amount: 0, desc: '' });
  });

  it('only lets the owner change or remove a product (bug 4), but anyone signed in can read it', async () => {
    const owner = await signUp();
    const other = await signUp();
    const id = await createProduct(owner, { stock: 5 });
    expectError(await post('/api/product/update', { id, stock: 999 }, other.token), 403, 'PERMISSION_DENIED');
    expectError(await post('/api/product/remove', { id }, other.token), 403, 'PERMISSION_DENIED');
    expect(await productDetail(other, id)).toMatchObject({ id, stock: 5 });
  });

  it('answers 404 for unknown products and 400 for malformed bodies', async () => {
    const user = await signUp();
    for (const path of ['/api/product/detail', '/api/product/update', '/api/product/remove']) {
      expectError(await post(path, { id: 987654321 }, user.token), 404, 'NOT_FOUND');
      expectError(await post(path, { id: 0 }, user.token), 400, 'INVALID_ARGUMENT');
      expectError(await post(path, { id: '1' }, user.token), 400, 'INVALID_ARGUMENT');
    }
    const good = { name: 'n', desc: 'd', stock: 1, amount: 1, status: 0 };
    for (const body of [
      { ...good, stock: -1 },
      { ...good, amount: 2 ** 40 },
      { ...good, status: 256 },
      { ...good, name: 5 },
    ]) {
      expectError(await post('/api/product/create', body, user.token), 400, 'INVALID_ARGUMENT');
    }
  });

  it('requires a token on every product route', async () => {
    for (const path of ['/api/product/create', '/api/product/update', '/api/product/remove', '/api/product/detail']) {
      expectError(await post(path, { id: 1 }), 401, 'UNAUTHENTICATED');
    }
  });
});
