import { postOk, type JsonClient } from '../http/json-client.js';

export interface MallData {
  /** Bearer tokens of the users placing orders. */
  tokens: string[];
  productIds: number[];
}

export interface SeedPlan {
  users: number;
  products: number;
  stock: number;
}

const PASSWORD = 'bench-password';
/** Registration and login hash passwords (scrypt), so only a few at a time. */
const PARALLEL = 2;

async function inBatches<T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let first = 0; first < count; first += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, count - first) }, (_, offset) => make(first + offset));
    made.push(...(await Promise.all(batch)));
  }
  return made;
}

/** Users (registered and logged in) and products with `stock` each, through the gateway's API. */
export async function seedMall(gateway: JsonClient, { users, products, stock }: SeedPlan): Promise<MallData> {
  const tokens = await inBatches(users, async (index) => {
    const mobile = `139${String(index).padStart(8, '0')}`;
    await postOk(gateway, '/api/user/register', { name: `bench ${index}`, gender: 1, mobile, password: PASSWORD });
    const { accessToken } = await postOk<{ accessToken: string }>(gateway, '/api/user/login', {
      mobile,
      password: PASSWORD,
    });
    return accessToken;
  });
  const owner = { authorization: `Bearer ${tokens[0]}` };
  const productIds: number[] = [];
  for (let index = 0; index < products; index++) {
    const body = { name: `bench product ${index}`, desc: 'bench', stock, amount: 1, status: 0 };
    productIds.push((await postOk<{ id: number }>(gateway, '/api/product/create', body, owner)).id);
  }
  return { tokens, productIds };
}
