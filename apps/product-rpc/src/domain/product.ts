import type { DetailResponse } from '@mall/proto/product';

/** The fields an owner writes; numbers already checked against their column's range. */
export interface ProductFields {
  name: string;
  desc: string;
  stock: number;
  amount: number;
  status: number;
}

export interface Product extends ProductFields {
  id: bigint;
  uid: bigint;
}

export function toDetail(product: Product): DetailResponse {
  return {
    id: product.id,
    Name: product.name,
    Desc: product.desc,
    Stock: BigInt(product.stock),
    Amount: BigInt(product.amount),
    Status: BigInt(product.status),
    Uid: product.uid,
  };
}
