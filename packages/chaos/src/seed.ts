import { postOk } from './http.js';

export interface Shopper {
  /** A real access token from the gateway's login. */
  token: string;
}

export interface Shop {
  shoppers: Shopper[];
  productIds: number[];
}

const PASSWORD = 'chaos-password';
/** Registration and login hash passwords on purpose slowly: a few at a time. */
const PARALLEL = 2;

/** Signs `users` up and logs them in through the gateway, then has the first one list `products`. */
export async function seedShop(gatewayUrl: string, users: number, products: number, stock: number): Promise<Shop> {
  const shoppers: Shopper[] = [];
  for (let first = 0; first < users; first += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, users - first) }, async (_, offset) => {
      const mobile = `137${String(first + offset).padStart(8, '0')}`;
      const user = { name: `chaos ${first + offset}`, gender: 1, mobile, password: PASSWORD };
      // 409: an earlier attempt that timed out at the gateway did register the user.
      await postOk(gatewayUrl, '/api/user/register', user, {}, [409]);
      const login = await postOk<{ accessToken: string }>(gatewayUrl, '/api/user/login', {
        mobile,
        password: PASSWORD,
      });
      return { token: login!.accessToken };
    });
    shoppers.push(...(await Promise.all(batch)));
  }
  const owner = { authorization: `Bearer ${shoppers[0]!.token}` };
  const productIds: number[] = [];
  for (let index = 0; index < products; index++) {
    const product = { name: `chaos product ${index}`, desc: 'limited stock', stock, amount: 3, status: 0 };
    productIds.push((await postOk<{ id: number }>(gatewayUrl, '/api/product/create', product, owner))!.id);
  }
  return { shoppers, productIds };
}
