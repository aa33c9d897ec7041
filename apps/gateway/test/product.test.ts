import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support/gateway.js';

let gateway: TestGateway;
let token: string;
let id: number;

beforeAll(async () => {
  gateway = await startGateway();
  token = await gateway.tokenFor(7);
});
afterAll(() => gateway.close());

describe('/api/product', () => {
  it('creates as the signed-in user and answers {id}', async () => {
    const response = await gateway.post(
      '/api/product/create',
      { name: '苹果', desc: '这个一个又大又圆的苹果，5块钱一个！', stock: 100, amount: 5, status: 0 },
      { token },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: number };
    expect(Object.keys(body)).toEqual(['id']);
    id = body.id;
    expect(gateway.fakes.lastCall('product.create')).toEqual({
      Name: '苹果',
      Desc: '这个一个又大又圆的苹果，5块钱一个！',
      Stock: 100n,
      Amount: 5n,
      Status: 0n,
      Uid: 7n,
    });
  });

  it('answers detail with exactly {id, name, desc, stock, amount, status}', async () => {
    const response = await gateway.post('/api/product/detail', { id }, { token });
    expect(await response.json()).toEqual({
      id,
      name: '苹果',
      desc: '这个一个又大又圆的苹果，5块钱一个！',
      stock: 100,
      amount: 5,
      status: 0,
    });
  });

  it('updates only the fields present, so 0 and "" can be set', async () => {
    let response = await gateway.post('/api/product/update', { id, stock: 0, desc: '' }, { token });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    const request = gateway.fakes.lastCall('product.update') as Record<string, unknown>;
    expect(request).toMatchObject({ id: BigInt(id), Uid: 7n, Stock: 0n, Desc: '' });
    for (const absent of ['Name', 'Amount', 'Status']) expect(request[absent]).toBeUndefined();

    response = await gateway.post('/api/product/detail', { id }, { token });
    expect(await response.json()).toMatchObject({ name: '苹果', desc: '', stock: 0, amount: 5 });
  });

  it('removes as the signed-in user; the product is then 404', async () => {
    const response = await gateway.post('/api/product/remove', { id }, { token });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(gateway.fakes.lastCall('product.remove')).toEqual({ id: BigInt(id), Uid: 7n });
    const gone = await gateway.post('/api/product/detail', { id }, { token });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ code: 'NOT_FOUND', message: 'product not found' });
  });
});
