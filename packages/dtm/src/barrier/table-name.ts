/** Where DTM's SDKs look for the barrier table unless told otherwise. */
export const DEFAULT_BARRIER_TABLE = 'dtm_barrier.barrier';

export interface TableName {
  schema?: string;
  table: string;
  /** Back-quoted, ready to put into SQL. */
  sql: string;
}

const identifier = /^[A-Za-z0-9_$]{1,64}$/;

/** Parses `table` or `schema.table`; anything else is refused, since the name is spliced into SQL. */
export function parseTableName(name: string): TableName {
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((part) => identifier.test(part))) {
    throw new Error(`barrier table name must be "table" or "schema.table" (letters, digits, _ or $), got "${name}"`);
  }
  const [schema, table] = parts.length === 2 ? [parts[0], parts[1]!] : [undefined, parts[0]!];
  const sql = parts.map((part) => `\`${part}\``).join('.');
  return schema === undefined ? { table, sql } : { schema, table, sql };
}
