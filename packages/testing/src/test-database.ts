import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export interface TestDatabase {
  name: string;
  drop(): Promise<void>;
}

/** An empty database with a unique name, so test files never see each other's rows. */
export async function createTestDatabase(mysqlUrl: string, prefix = 'test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const connection = await mysql.createConnection(mysqlUrl);
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  } finally {
    await connection.end();
  }
  return {
    name,
    async drop() {
      const dropper = await mysql.createConnection(mysqlUrl);
      try {
        await dropper.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await dropper.end();
      }
    },
  };
}
