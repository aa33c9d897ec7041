import type { ProductFields } from './product.js';
import { checkDesc, checkName, checkStatus, checkUint32 } from './rules.js';

/** The writable fields as a request carries them (proto names and int64s). */
export interface FieldsInput {
  Name?: string | undefined;
  Desc?: string | undefined;
  Stock?: bigint | undefined;
  Amount?: bigint | undefined;
  Status?: bigint | undefined;
}

/** Checks every present field (0 and "" included) and converts it; absent fields stay absent. */
export function checkedFields(input: Required<FieldsInput>): ProductFields;
export function checkedFields(input: FieldsInput): Partial<ProductFields>;
export function checkedFields({ Name, Desc, Stock, Amount, Status }: FieldsInput): Partial<ProductFields> {
  const fields: Partial<ProductFields> = {};
  if (Name !== undefined) {
    checkName(Name);
    fields.name = Name;
  }
  if (Desc !== undefined) {
    checkDesc(Desc);
    fields.desc = Desc;
  }
  if (Stock !== undefined) {
    checkUint32(Stock, 'Stock');
    fields.stock = Number(Stock);
  }
  if (Amount !== undefined) {
    checkUint32(Amount, 'Amount');
    fields.amount = Number(Amount);
  }
  if (Status !== undefined) {
    checkStatus(Status);
    fields.status = Number(Status);
  }
  return fields;
}
