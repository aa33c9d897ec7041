import type { Pool, RowDataPacket } from 'mysql2/promise';

const countSagas = async (admin: Pool, dtmDatabase: string): Promise<number> => {
  const [rows] = await admin.query<RowDataPacket[]>(`SELECT COUNT(*) AS count FROM \`${dtmDatabase}\`.trans_global`);
  return Number(rows[0]?.count);
};

/**
 * Places one order through the gateway started with ORDER_CREATE_MODE=direct and answers why it
 * cannot serve as the no-saga baseline, or undefined when it can: the order must succeed without
 * DTM storing a saga (a gateway that does not know the variable ignores it and runs the saga).
 */
export async function directModeProblem(
  admin: Pool,
  dtmDatabase: string,
  placeOrder: () => Promise<void>,
): Promise<string | undefined> {
  const before = await countSagas(admin, dtmDatabase);
  try {
    await placeOrder();
  } catch (error) {
    return `the ORDER_CREATE_MODE=direct gateway's probe order failed: ${(error as Error).message}`;
  }
  if ((await countSagas(admin, dtmDatabase)) > before) {
    return 'the gateway ignores ORDER_CREATE_MODE=direct (its probe order went through DTM): no baseline';
  }
  return undefined;
}
