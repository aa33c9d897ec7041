import type { ProductRepo } from './repo/product-repo.js';

/** Everything the handlers use, built once in main. */
export interface ServiceContext {
  products: ProductRepo;
}
